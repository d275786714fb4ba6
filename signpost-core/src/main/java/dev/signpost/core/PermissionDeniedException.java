package dev.signpost.core;

/**
 * A token lacks a permission, or a request is refused on ACL grounds. The message is the whole text Consul
 * answers with ("Permission denied", or "Permission denied: " and a cause); the HTTP API maps this to 403.
 */
public final class PermissionDeniedException extends RuntimeException {
    public PermissionDeniedException(String message) {
        super(message);
    }

    /** Consul's bare {@code acl.ErrPermissionDenied}. */
    public static PermissionDeniedException plain() {
        return new PermissionDeniedException("Permission denied");
    }

    /** Consul's {@code acl.PermissionDeniedError{Cause}}. */
    public static PermissionDeniedException because(String cause) {
        return new PermissionDeniedException("Permission denied: " + cause);
    }
}
