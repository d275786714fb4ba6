package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.acl.AclPolicy;

/** Creates or replaces a policy; its rules parsed before replication. */
public record AclPolicySet(AclPolicy policy) implements Command {
    public AclPolicySet {
        requireNonNull(policy, "policy");
    }
}
