package dev.signpost.core.state;

import java.util.Map;

/**
 * How much the catalog holds, as Consul's usage counts it ({@code agent/consul/state/usage.go}, read by
 * {@code /v1/operator/usage}): typical instances are billable, but for those of the {@code consul} service;
 * connect-proxies and gateways are counted apart by kind, as are Connect-native instances (billable too).
 *
 * @param nodes the nodes registered
 * @param services the distinct service names
 * @param serviceInstances every service instance
 * @param billableServiceInstances the typical instances of services other than {@code consul}
 * @param connectInstances instances by kind ("connect-proxy", the gateways) and "connect-native"; a kind with none
 *                         is absent
 */
public record Usage(int nodes, int services, int serviceInstances, int billableServiceInstances,
                    Map<String, Integer> connectInstances) {
    /** The service Consul's servers register for themselves, which Consul does not bill. */
    public static final String CONSUL_SERVICE = "consul";

    public Usage {
        if (nodes < 0 || services < 0 || serviceInstances < 0 || billableServiceInstances < 0
                || billableServiceInstances > serviceInstances) {
            throw new IllegalArgumentException("impossible usage counts: " + nodes + " nodes, " + services
                    + " services, " + serviceInstances + " instances, " + billableServiceInstances + " billable");
        }
        connectInstances = Map.copyOf(connectInstances);
    }

    /** Usage without proxies, gateways or native instances. */
    public Usage(int nodes, int services, int serviceInstances, int billableServiceInstances) {
        this(nodes, services, serviceInstances, billableServiceInstances, Map.of());
    }
}
