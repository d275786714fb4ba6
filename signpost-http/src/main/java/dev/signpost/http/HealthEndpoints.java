package dev.signpost.http;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.filter.CatalogFields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;
import dev.signpost.metrics.Metrics;

/** {@code /v1/health/*}: services with their health, and checks by service, node or state. */
final class HealthEndpoints {
    private final Reads reads;
    private final Supplier<String> agentNode;
    private final Metrics.Counter serviceQueries;

    /**
     * The endpoints over these reads, {@code ?near=_agent} naming {@code agentNode}, counting service health queries as
     * Consul's {@code consul.health.service.query} (without its service label).
     */
    HealthEndpoints(Reads reads, Supplier<String> agentNode, Metrics metrics) {
        this.reads = reads;
        this.agentNode = agentNode;
        this.serviceQueries = metrics.counter("health.service.query");
    }

    void addTo(Routes routes) {
        Guard checks = Guard.filters(Resource.SERVICE, "service:read, or node:read for node checks");
        routes.prefix("GET", "/v1/health/service/", Guard.filters(Resource.SERVICE, "service:read, node:read"),
                        this::service)
                .prefix("GET", "/v1/health/connect/", Guard.filters(Resource.SERVICE, "service:read"), this::connect)
                .prefix("GET", "/v1/health/ingress/", Guard.filters(Resource.SERVICE,
                        "service:read on the service, then service:read, node:read on each gateway"), this::ingress)
                .prefix("GET", "/v1/health/checks/", checks, this::serviceChecks)
                .prefix("GET", "/v1/health/node/", checks, this::nodeChecks)
                .prefix("GET", "/v1/health/state/", checks, this::state);
    }

    private ApiResponse service(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        serviceQueries.increment();
        return instances(request, Topic.service(name), s -> s.instances(name));
    }

    /**
     * The Connect-capable instances of a service (its connect-proxies and Connect-native instances) with their health,
     * as {@code /v1/catalog/connect/} lists them; {@code ?passing}, {@code ?filter} and blocking as for a service.
     */
    private ApiResponse connect(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        boolean allowed = request.caller().authorizer().canRead(Resource.SERVICE, name);
        return instances(request, Topic.connect(name),
                s -> allowed ? s.connectInstances(name) : new Indexed<>(List.of(), s.connectInstances(name).index()));
    }

    /**
     * The ingress gateway instances fronting a service, with their health (Consul's Health.ServiceNodes with
     * {@code Ingress}): none for a caller without service:read on the service; {@code ?passing}, {@code ?filter} and
     * blocking as for a service, woken by gateway entries, registrations and checks.
     */
    private ApiResponse ingress(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        boolean allowed = request.caller().authorizer().canRead(Resource.SERVICE, name);
        return instances(request, Scope.of(Topic.CONFIG, Topic.SERVICES, Topic.CHECKS),
                s -> allowed ? s.ingressInstances(name) : new Indexed<>(List.of(), s.ingressInstances(name).index()));
    }

    private ApiResponse instances(ApiRequest request, String topic,
                                  Function<CatalogState, Indexed<List<ServiceInstance>>> read) {
        return instances(request, Scope.of(topic), read);
    }

    private ApiResponse instances(ApiRequest request, Scope scope,
                                  Function<CatalogState, Indexed<List<ServiceInstance>>> read) {
        Filters filters = Filters.of(request);
        Filter<ServiceInstance> filter = FilterParam.of(request, CatalogFields.SERVICE_ENTRY);
        Authorizer authz = request.caller().authorizer();
        Near near = Near.of(request, agentNode);
        var result = reads.read(request, scope, s -> {
            Indexed<List<ServiceInstance>> instances = read.apply(s);
            Shown<List<ServiceInstance>> shown = Shown.list(instances.value(), i -> CatalogAcl.canSee(authz, i));
            List<ServiceInstance> kept = shown.value().stream().filter(filters::matches).filter(filter).toList();
            return new Indexed<>(new Shown<>(near.sort(s, kept, i -> i.node().name()).stream()
                    .map(Wire.ServiceEntryJson::of).toList(), shown.filtered()), instances.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse serviceChecks(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        Filter<Check> filter = FilterParam.of(request, CatalogFields.CHECK);
        Near near = Near.of(request, agentNode);
        var result = reads.read(request, Scope.of(Topic.service(name)),
                s -> checks(request, s, near, s.serviceChecks(name), filter));
        return Reads.json(request, result);
    }

    private ApiResponse nodeChecks(ApiRequest request) {
        String node = nonEmpty(request.pathRest(), "Missing node name");
        Filter<Check> filter = FilterParam.of(request, CatalogFields.CHECK);
        var result = reads.read(request, Scope.of(Topic.node(node)),
                s -> checks(request, s, Near.NONE, s.nodeChecks(node), filter));
        return Reads.json(request, result);
    }

    private ApiResponse state(ApiRequest request) {
        String state = nonEmpty(request.pathRest(), "Missing check state");
        Predicate<HealthStatus> filter;
        if (state.equals("any")) {
            filter = s -> true;
        } else {
            HealthStatus wanted;
            try {
                wanted = HealthStatus.parse(state);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Bad check state");
            }
            filter = s -> s == wanted;
        }
        Predicate<HealthStatus> statusFilter = filter;
        Filter<Check> expression = FilterParam.of(request, CatalogFields.CHECK);
        Near near = Near.of(request, agentNode);
        var result = reads.read(request, Scope.of(Topic.CHECKS),
                s -> checks(request, s, near, s.checks(statusFilter), expression));
        return Reads.json(request, result);
    }

    /** Checks the caller may see that pass the filter, nearest first when the request says {@code ?near=}. */
    private static Indexed<Shown<List<Wire.HealthCheckJson>>> checks(ApiRequest request, CatalogState state,
                                                                     Near near, Indexed<List<Check>> checks,
                                                                     Filter<Check> filter) {
        Authorizer authz = request.caller().authorizer();
        Shown<List<Check>> shown = Shown.list(checks.value(), c -> CatalogAcl.canSee(authz, c));
        List<Check> kept = shown.value().stream().filter(filter).toList();
        return new Indexed<>(new Shown<>(near.sort(state, kept, Check::node).stream().map(Wire.HealthCheckJson::of)
                .toList(), shown.filtered()), checks.index());
    }

    private static String nonEmpty(String value, String error) {
        if (value.isEmpty()) {
            throw ApiException.badRequest(error);
        }
        return value;
    }
}
