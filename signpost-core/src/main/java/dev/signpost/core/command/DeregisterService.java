package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Removes one service of a node and the checks bound to it. Unknown IDs are a no-op. */
public record DeregisterService(String node, String serviceId) implements Command {
    public DeregisterService {
        requireNonNull(node, "node");
        requireNonNull(serviceId, "serviceId");
    }
}
