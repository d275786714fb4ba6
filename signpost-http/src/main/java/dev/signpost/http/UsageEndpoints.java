package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.state.Usage;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code GET /v1/operator/usage} (agent/operator_endpoint.go OperatorUsage and the server's Operator.Usage): the
 * catalog's counts for this datacenter, a blocking query needing {@code operator:read}. The answer is Consul's
 * {@code structs.Usage}, the usage map with the query metadata beside it. {@code ?global} asks for every datacenter
 * this cluster can reach; Signpost reaches only its own (no WAN federation yet), so it answers the same map, as
 * Consul does when it knows one datacenter.
 */
final class UsageEndpoints {
    /**
     * Consul 1.20's service kinds counted apart (state/usage.go allConnectKind), in the order Go's JSON prints a
     * map; each is there, 0 when there are none.
     */
    private static final List<String> CONNECT_KINDS = List.of("connect-native", "connect-proxy", "ingress-gateway",
            "mesh-gateway", "terminating-gateway");
    private static final Scope CATALOG_SIZE = Scope.of(Topic.NODES, Topic.SERVICES);

    private final Reads reads;

    UsageEndpoints(Reads reads) {
        this.reads = requireNonNull(reads, "reads");
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/v1/operator/usage", Guard.needs(Resource.OPERATOR, Access.READ), this::usage);
    }

    /** Consul's {@code structs.ServiceUsage} as its community edition fills it. */
    record ServiceUsageJson(int Services, int ServiceInstances, Map<String, Integer> ConnectServiceInstances,
                            int BillableServiceInstances, int Nodes) {
        static ServiceUsageJson of(Usage usage) {
            Map<String, Integer> connect = new LinkedHashMap<>();
            CONNECT_KINDS.forEach(kind -> connect.put(kind, usage.connectInstances().getOrDefault(kind, 0)));
            return new ServiceUsageJson(usage.services(), usage.serviceInstances(), connect,
                    usage.billableServiceInstances(), usage.nodes());
        }
    }

    /** Consul's {@code structs.Usage}: its embedded QueryMeta's fields follow the map. */
    record UsageJson(Map<String, ServiceUsageJson> Usage, long Index, long LastContact, boolean KnownLeader,
                     String ConsistencyLevel, boolean NotModified, int Backend, boolean ResultsFilteredByACLs) {
    }

    private ApiResponse usage(ApiRequest request) {
        QueryOptions options = QueryOptions.parse(request, reads.datacenter());
        Reads.Result<Usage> result = reads.read(request, CATALOG_SIZE, s -> s.usage());
        Map<String, String> headers = result.headers();
        UsageJson body = new UsageJson(Map.of(reads.datacenter(), ServiceUsageJson.of(result.value())),
                Long.parseLong(headers.get("X-Consul-Index")),
                Long.parseLong(headers.get("X-Consul-LastContact")) * 1_000_000L,
                Boolean.parseBoolean(headers.get("X-Consul-KnownLeader")), options.effectiveConsistency(), false, 0,
                false);
        return ApiResponse.json(Json.write(body, request.has("pretty"))).withHeaders(headers);
    }
}
