package dev.signpost.core.acl;

import java.util.List;

/**
 * The ACL part of a catalog snapshot: every stored token, policy and role, and the index of the bootstrap (0
 * before it). Built-ins that were never edited are not stored.
 */
public record AclSnapshot(List<AclToken> tokens, List<AclPolicy> policies, List<AclRole> roles, long bootstrapIndex) {
    public AclSnapshot {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        policies = policies == null ? List.of() : List.copyOf(policies);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Nothing yet: what snapshots written before ACLs existed restore to. */
    public static AclSnapshot empty() {
        return new AclSnapshot(List.of(), List.of(), List.of(), 0);
    }
}
