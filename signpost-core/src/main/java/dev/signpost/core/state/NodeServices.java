package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/** A node with the services registered on it, sorted by ID. */
public record NodeServices(Node node, List<Service> services) {
    public NodeServices {
        requireNonNull(node, "node");
        services = List.copyOf(requireNonNull(services, "services"));
    }
}
