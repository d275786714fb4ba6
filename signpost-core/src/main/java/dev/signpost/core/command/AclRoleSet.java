package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.acl.AclRole;

/** Creates or replaces a role; its links checked before replication. */
public record AclRoleSet(AclRole role) implements Command {
    public AclRoleSet {
        requireNonNull(role, "role");
    }
}
