package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Removes one check of a node. Unknown IDs are a no-op. */
public record DeregisterCheck(String node, String checkId) implements Command {
    public DeregisterCheck {
        requireNonNull(node, "node");
        requireNonNull(checkId, "checkId");
    }
}
