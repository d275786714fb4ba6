package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.acl.AclToken;

/** Creates or replaces a token (validated and stamped with its secret and create time before replication). */
public record AclTokenSet(AclToken token) implements Command {
    public AclTokenSet {
        requireNonNull(token, "token");
    }
}
