package dev.signpost.http;

import java.util.List;
import java.util.function.Predicate;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/** {@code /v1/health/*}: services with their health, and checks by service, node or state. */
final class HealthEndpoints {
    private final Reads reads;

    HealthEndpoints(Reads reads) {
        this.reads = reads;
    }

    void addTo(Routes routes) {
        Guard checks = Guard.filters(Resource.SERVICE, "service:read, or node:read for node checks");
        routes.prefix("GET", "/v1/health/service/", Guard.filters(Resource.SERVICE, "service:read, node:read"),
                        this::service)
                .prefix("GET", "/v1/health/checks/", checks, this::serviceChecks)
                .prefix("GET", "/v1/health/node/", checks, this::nodeChecks)
                .prefix("GET", "/v1/health/state/", checks, this::state);
    }

    private ApiResponse service(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        Filters filters = Filters.of(request);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.service(name)), s -> {
            Indexed<List<ServiceInstance>> instances = s.instances(name);
            Shown<List<ServiceInstance>> shown = Shown.list(instances.value(), i -> CatalogAcl.canSee(authz, i));
            return new Indexed<>(new Shown<>(shown.value().stream().filter(filters::matches)
                    .map(Wire.ServiceEntryJson::of).toList(), shown.filtered()), instances.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse serviceChecks(ApiRequest request) {
        String name = nonEmpty(request.pathRest(), "Missing service name");
        var result = reads.read(request, Scope.of(Topic.service(name)), s -> checks(request, s.serviceChecks(name)));
        return Reads.json(request, result);
    }

    private ApiResponse nodeChecks(ApiRequest request) {
        String node = nonEmpty(request.pathRest(), "Missing node name");
        var result = reads.read(request, Scope.of(Topic.node(node)), s -> checks(request, s.nodeChecks(node)));
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
        var result = reads.read(request, Scope.of(Topic.CHECKS), s -> checks(request, s.checks(statusFilter)));
        return Reads.json(request, result);
    }

    private static Indexed<Shown<List<Wire.HealthCheckJson>>> checks(ApiRequest request, Indexed<List<Check>> checks) {
        Authorizer authz = request.caller().authorizer();
        Shown<List<Check>> shown = Shown.list(checks.value(), c -> CatalogAcl.canSee(authz, c));
        return new Indexed<>(new Shown<>(shown.value().stream().map(Wire.HealthCheckJson::of).toList(),
                shown.filtered()), checks.index());
    }

    private static String nonEmpty(String value, String error) {
        if (value.isEmpty()) {
            throw ApiException.badRequest(error);
        }
        return value;
    }
}
