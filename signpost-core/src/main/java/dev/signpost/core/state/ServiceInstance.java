package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * One service instance with its node and every check that counts for it: the node's own checks first,
 * then the service's.
 */
public record ServiceInstance(Node node, Service service, List<Check> checks) {
    public ServiceInstance {
        requireNonNull(node, "node");
        requireNonNull(service, "service");
        checks = List.copyOf(requireNonNull(checks, "checks"));
    }

    /** The worst status among the checks (passing when there are none). */
    public HealthStatus aggregatedStatus() {
        return HealthStatus.aggregate(checks.stream().map(Check::status).toList());
    }

    /** The address clients use: the service's own, else the node's. */
    public String address() {
        return service.address().isEmpty() ? node.address() : service.address();
    }
}
