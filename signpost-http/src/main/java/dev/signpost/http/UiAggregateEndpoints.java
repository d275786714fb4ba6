package dev.signpost.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.filter.CatalogFields;
import dev.signpost.core.filter.Fields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.NodeServices;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/internal/ui/*}: the aggregates Consul's web UI lists from (agent/ui_endpoint.go), so a page of every
 * service or node is one request, and one blocking query to keep it live. Each is filtered by the caller's token
 * as its catalog counterpart is, and takes {@code ?filter=} over the records Consul filters there.
 */
final class UiAggregateEndpoints {
    /** A node with its services and checks: Consul's {@code structs.NodeInfo}, before it is written. */
    record NodeInfo(Node node, List<Service> services, List<Check> checks) {
    }

    /** The fields {@code ?filter=} selects on {@code /v1/internal/ui/nodes} ({@code structs.NodeInfo}). */
    static final Fields<NodeInfo> NODE_INFO = Fields.<NodeInfo>builder()
            .string("ID", n -> n.node().id())
            .string("Node", n -> n.node().name())
            .string("Partition", n -> "")
            .string("PeerName", n -> "")
            .string("Address", n -> n.node().address())
            .stringMap("TaggedAddresses", n -> n.node().taggedAddresses())
            .stringMap("Meta", n -> n.node().meta())
            .structs("Services", NodeInfo::services, CatalogFields.NODE_SERVICE)
            .structs("Checks", NodeInfo::checks, CatalogFields.CHECK)
            .build();

    @SuppressWarnings("checkstyle:MemberName")
    record NodeInfoJson(String ID, String Node, String Address, Map<String, String> TaggedAddresses,
                        Map<String, String> Meta, List<Wire.NodeServiceJson> Services,
                        List<Wire.HealthCheckJson> Checks) {
        static NodeInfoJson of(NodeInfo n) {
            Node node = n.node();
            return new NodeInfoJson(node.id(), node.name(), node.address(), node.taggedAddresses(), node.meta(),
                    n.services().stream().map(Wire.NodeServiceJson::of).toList(),
                    n.checks().stream().map(Wire.HealthCheckJson::of).toList());
        }
    }

    /** What the dumps of every service and every node read, so what wakes their blocking queries. */
    private static final Scope WHOLE_CATALOG = Scope.of(Topic.NODES, Topic.SERVICES, Topic.CHECKS);

    private final Reads reads;

    UiAggregateEndpoints(Reads reads) {
        this.reads = reads;
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/v1/internal/ui/services", Guard.filters(Resource.SERVICE,
                        "service:read and node:read per instance"), this::services)
                .exact("GET", "/v1/internal/ui/nodes", Guard.filters(Resource.NODE,
                        "node:read per node, service:read per service and check"), this::nodes)
                .prefix("GET", "/v1/internal/ui/node/", Guard.filters(Resource.NODE,
                        "node:read, service:read per service and check"), this::node);
    }

    private ApiResponse services(ApiRequest request) {
        Filter<ServiceInstance> filter = FilterParam.of(request, CatalogFields.SERVICE_ENTRY);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, WHOLE_CATALOG, s -> {
            List<ServiceInstance> all = new ArrayList<>();
            for (String name : s.services().value().keySet()) {
                all.addAll(s.instances(name).value());
            }
            Shown<List<ServiceInstance>> shown = Shown.list(all, i -> CatalogAcl.canSee(authz, i));
            return new Indexed<>(new Shown<>(ServiceSummaries.of(filter.apply(shown.value())), shown.filtered()),
                    catalogIndex(s));
        });
        return Reads.json(request, result);
    }

    private ApiResponse nodes(ApiRequest request) {
        Filter<NodeInfo> filter = FilterParam.of(request, NODE_INFO);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, WHOLE_CATALOG, s -> {
            List<NodeInfoJson> out = new ArrayList<>();
            boolean filtered = false;
            for (Node node : s.nodes().value()) {
                Optional<Shown<NodeInfo>> info = nodeInfo(s, node.name(), authz);
                if (info.isEmpty()) {
                    filtered = true; // the node exists, so the token may not read it
                    continue;
                }
                filtered |= info.get().filtered();
                if (filter.test(info.get().value())) {
                    out.add(NodeInfoJson.of(info.get().value()));
                }
            }
            return new Indexed<>(new Shown<>(out, filtered), catalogIndex(s));
        });
        return Reads.json(request, result);
    }

    private ApiResponse node(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing node name");
        }
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.node(name)), s -> new Indexed<>(nodeInfo(s, name, authz)
                .map(i -> new Shown<>(NodeInfoJson.of(i.value()), i.filtered())), s.node(name).index()));
        if (result.value().isEmpty()) {
            // Consul writes the 404 before its query metadata, so the answer has no body and no X-Consul-* headers.
            return new ApiResponse(404, Map.of(), "text/plain; charset=utf-8", new byte[0]);
        }
        return Reads.json(request, new Reads.Result<>(result.value().get(), result.index(), result.headers(),
                result.cache()));
    }

    /**
     * A node as the token sees it: empty when the node is unknown or hidden, else with the services and checks the
     * token may read, and whether any were left out.
     */
    private static Optional<Shown<NodeInfo>> nodeInfo(CatalogState s, String name, Authorizer authz) {
        Optional<NodeServices> node = s.node(name).value();
        if (node.isEmpty() || !authz.canRead(Resource.NODE, name)) {
            return Optional.empty();
        }
        Shown<List<Service>> services = Shown.list(node.get().services(),
                sv -> authz.canRead(Resource.SERVICE, sv.name()));
        Shown<List<Check>> checks = Shown.list(s.nodeChecks(name).value(), c -> CatalogAcl.canSee(authz, c));
        return Optional.of(new Shown<>(new NodeInfo(node.get().node(), services.value(), checks.value()),
                services.filtered() || checks.filtered()));
    }

    private static long catalogIndex(CatalogState s) {
        return Math.max(s.index(Topic.NODES), Math.max(s.index(Topic.SERVICES), s.index(Topic.CHECKS)));
    }
}
