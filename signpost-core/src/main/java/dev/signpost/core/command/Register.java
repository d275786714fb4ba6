package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * Upserts a node and, optionally, one service and any checks on it, as Consul's catalog register does.
 * Checks whose service ID names the service get its name and tags.
 *
 * @param services zero or one service
 * @param skipNodeUpdate keep the stored node's address and meta when the node exists already
 */
public record Register(Node node, List<Service> services, List<Check> checks, boolean skipNodeUpdate)
        implements Command {

    public Register {
        requireNonNull(node, "node");
        services = List.copyOf(requireNonNull(services, "services"));
        checks = List.copyOf(requireNonNull(checks, "checks"));
        if (services.size() > 1) {
            throw new IllegalArgumentException("a registration carries at most one service");
        }
        for (Check check : checks) {
            if (!check.node().equals(node.name())) {
                throw new IllegalArgumentException("check " + check.checkId() + " is for node " + check.node()
                        + ", not " + node.name());
            }
        }
    }

    public static Register node(Node node) {
        return new Register(node, List.of(), List.of(), false);
    }

    public static Register service(Node node, Service service, List<Check> checks) {
        return new Register(node, List.of(service), checks, false);
    }
}
