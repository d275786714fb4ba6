package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Removes a node with all its services and checks. Unknown nodes are a no-op. */
public record DeregisterNode(String node) implements Command {
    public DeregisterNode {
        requireNonNull(node, "node");
    }
}
