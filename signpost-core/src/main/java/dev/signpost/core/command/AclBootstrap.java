package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.acl.AclToken;

/** Creates the first management token, once: applied after a bootstrap it changes nothing and answers false. */
public record AclBootstrap(AclToken token) implements Command {
    public AclBootstrap {
        requireNonNull(token, "token");
    }
}
