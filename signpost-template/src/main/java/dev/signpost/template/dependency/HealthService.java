package dev.signpost.template.dependency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoRecord;
import dev.signpost.template.lang.GoSlice;

import static java.util.Objects.requireNonNull;

/**
 * One service instance as {@code service} returns it, with consul-template's {@code *dependency.HealthService}
 * field names: {@code .Node .NodeID .NodeAddress .NodeTaggedAddresses .NodeMeta .ServiceMeta .Address .ID .Name
 * .Tags .Checks .Status .Port .Weights}. There is deliberately no {@code .Meta}: templates that use it fail as they do
 * under consul-template. Use {@link #of} to derive Address and Status the way consul-template does. Immutable.
 */
public record HealthService(String node, String nodeId, String nodeAddress, Map<String, String> nodeTaggedAddresses,
                            Map<String, String> nodeMeta, Map<String, String> serviceMeta, String address, String id,
                            String name, List<String> tags, List<HealthCheck> checks, String status, long port,
                            Weights weights) implements GoRecord<HealthService> {

    private static final Fields<HealthService> GO = Fields.<HealthService>struct("*dependency.HealthService")
            .field("Node", HealthService::node)
            .field("NodeID", HealthService::nodeId)
            .field("NodeAddress", HealthService::nodeAddress)
            .field("NodeTaggedAddresses", HealthService::nodeTaggedAddresses)
            .field("NodeMeta", HealthService::nodeMeta)
            .field("ServiceMeta", HealthService::serviceMeta)
            .field("Address", HealthService::address)
            .field("ID", HealthService::id)
            .field("Name", HealthService::name)
            .field("Tags", HealthService::tags)
            .field("Checks", HealthService::checks)
            .field("Status", HealthService::status)
            .field("Port", HealthService::port)
            .field("Weights", HealthService::weights)
            .build();

    public HealthService {
        requireNonNull(node, "node");
        requireNonNull(nodeId, "nodeId");
        requireNonNull(nodeAddress, "nodeAddress");
        nodeTaggedAddresses = GoMap.ofStrings(nodeTaggedAddresses);
        nodeMeta = GoMap.ofStrings(nodeMeta);
        serviceMeta = GoMap.ofStrings(serviceMeta);
        requireNonNull(address, "address");
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        tags = GoSlice.ofStrings(tags);
        checks = GoSlice.of("*api.HealthCheck", checks);
        requireNonNull(status, "status");
        requireNonNull(weights, "weights");
    }

    /**
     * Builds the view from a health entry the way consul-template does: the address falls back to the node's, tags
     * are sorted, and the status is the checks' aggregated status.
     */
    public static HealthService of(String node, String nodeId, String nodeAddress, Map<String, String> nodeMeta,
                                   String serviceId, String serviceName, String serviceAddress, long port,
                                   List<String> tags, Map<String, String> serviceMeta, List<HealthCheck> checks) {
        List<String> sorted = new ArrayList<>(tags);
        sorted.sort(null);
        return new HealthService(node, nodeId, nodeAddress, Map.of(), nodeMeta, serviceMeta,
                serviceAddress.isEmpty() ? nodeAddress : serviceAddress, serviceId, serviceName, sorted, checks,
                aggregatedStatus(checks), port, Weights.DEFAULT);
    }

    /**
     * Consul's HealthChecks.AggregatedStatus: maintenance beats critical beats warning beats passing; an unknown
     * check status yields "".
     */
    public static String aggregatedStatus(List<HealthCheck> checks) {
        boolean passing = false;
        boolean warning = false;
        boolean critical = false;
        boolean maintenance = false;
        for (HealthCheck c : checks) {
            if (c.checkId().equals("_node_maintenance") || c.checkId().startsWith("_service_maintenance:")) {
                maintenance = true;
                continue;
            }
            switch (c.status()) {
                case "passing" -> passing = true;
                case "warning" -> warning = true;
                case "critical" -> critical = true;
                default -> {
                    return "";
                }
            }
        }
        if (maintenance) {
            return "maintenance";
        }
        if (critical) {
            return "critical";
        }
        if (warning) {
            return "warning";
        }
        return "passing";
    }

    @Override
    public Fields<HealthService> goFields() {
        return GO;
    }
}
