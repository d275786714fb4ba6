package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A health check on a node, bound to one of its services when {@code serviceId} is not empty.
 * A node check (empty serviceId) counts for every service on its node.
 */
public record Check(String node, String checkId, String name, HealthStatus status, String notes, String output,
                    String serviceId, String serviceName, List<String> serviceTags, CheckDefinition definition,
                    long createIndex, long modifyIndex) {

    /** The check every node carries; the leader keeps its status from node liveness. */
    public static final String SERF_HEALTH = "serfHealth";

    public Check {
        Names.checkName(node, "node name");
        Names.checkName(checkId, "check ID");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        requireNonNull(notes, "notes");
        requireNonNull(output, "output");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(serviceName, "serviceName");
        serviceTags = List.copyOf(requireNonNull(serviceTags, "serviceTags"));
        requireNonNull(definition, "definition");
    }

    /** The implicit node check, in Consul's words. */
    public static Check serfHealth(String node, HealthStatus status) {
        String output = status == HealthStatus.PASSING ? "Agent alive and reachable" : "Agent not live or unreachable";
        return new Check(node, SERF_HEALTH, "Serf Health Status", status, "", output, "", "", List.of(),
                CheckDefinition.NONE, 0, 0);
    }

    public boolean isNodeCheck() {
        return serviceId.isEmpty();
    }

    public Check withIndexes(long create, long modify) {
        return new Check(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags, definition,
                create, modify);
    }

    public Check withStatus(HealthStatus newStatus, String newOutput) {
        return new Check(node, checkId, name, newStatus, notes, newOutput, serviceId, serviceName, serviceTags,
                definition, createIndex, modifyIndex);
    }

    public Check withService(Service service) {
        return new Check(node, checkId, name, status, notes, output, service.id(), service.name(), service.tags(),
                definition, createIndex, modifyIndex);
    }

    /** True when the two describe the same check, ignoring indexes. */
    public boolean sameAs(Check o) {
        return node.equals(o.node) && checkId.equals(o.checkId) && name.equals(o.name) && status == o.status
                && notes.equals(o.notes) && output.equals(o.output) && serviceId.equals(o.serviceId)
                && serviceName.equals(o.serviceName) && serviceTags.equals(o.serviceTags)
                && definition.equals(o.definition);
    }
}
