package dev.signpost.core;

/**
 * A token secret, or an ACL object a request reads, is unknown: Consul's {@code acl.ErrNotFound}, which its HTTP
 * API answers with 403 "ACL not found" (not 404: an unknown secret must look like a refused one).
 */
public final class AclNotFoundException extends RuntimeException {
    public AclNotFoundException() {
        super("ACL not found");
    }
}
