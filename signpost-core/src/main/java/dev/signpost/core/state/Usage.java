package dev.signpost.core.state;

/**
 * How much the catalog holds, as Consul's usage counts it ({@code agent/consul/state/usage.go}, read by
 * {@code /v1/operator/usage}). Signpost has no service kinds: every instance is a typical one, so Consul's Connect
 * counts are all zero and every instance but those of the {@code consul} service is billable.
 *
 * @param nodes the nodes registered
 * @param services the distinct service names
 * @param serviceInstances every service instance
 * @param billableServiceInstances the instances of services other than {@code consul}
 */
public record Usage(int nodes, int services, int serviceInstances, int billableServiceInstances) {
    /** The service Consul's servers register for themselves, which Consul does not bill. */
    public static final String CONSUL_SERVICE = "consul";

    public Usage {
        if (nodes < 0 || services < 0 || serviceInstances < 0 || billableServiceInstances < 0
                || billableServiceInstances > serviceInstances) {
            throw new IllegalArgumentException("impossible usage counts: " + nodes + " nodes, " + services
                    + " services, " + serviceInstances + " instances, " + billableServiceInstances + " billable");
        }
    }
}
