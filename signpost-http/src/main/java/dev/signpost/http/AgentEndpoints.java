package dev.signpost.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.filter.CatalogFields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

/** {@code /v1/agent/*}: what the local agent owns, and who it is. */
final class AgentEndpoints {
    private final LocalAgent agent;
    private final AgentAcl acl;

    AgentEndpoints(LocalAgent agent) {
        this.agent = agent;
        this.acl = new AgentAcl(agent);
    }

    void addTo(Routes routes) {
        Guard onThisAgent = Guard.needs(Resource.AGENT, Access.WRITE, r -> agent.identity().nodeName());
        Guard serviceWrite = Guard.filters(Resource.SERVICE, "service:write on the service");
        Guard checkWrite = Guard.filters(Resource.SERVICE, "service:write on its service, or node:write");
        routes.exact("GET", "/v1/agent/services", Guard.filters(Resource.SERVICE, "service:read"), this::services)
                .exact("GET", "/v1/agent/checks", Guard.filters(Resource.SERVICE, "service:read or node:read"),
                        this::checks)
                .exact("PUT", "/v1/agent/service/register", serviceWrite, this::registerService)
                .prefix("PUT", "/v1/agent/service/deregister/", serviceWrite, this::deregisterService)
                .exact("PUT", "/v1/agent/check/register", checkWrite, this::registerCheck)
                .prefix("PUT", "/v1/agent/check/deregister/", checkWrite, this::deregisterCheck)
                .prefix("PUT", "/v1/agent/check/pass/", checkWrite, r -> mark(r, HealthStatus.PASSING))
                .prefix("PUT", "/v1/agent/check/warn/", checkWrite, r -> mark(r, HealthStatus.WARNING))
                .prefix("PUT", "/v1/agent/check/fail/", checkWrite, r -> mark(r, HealthStatus.CRITICAL))
                // Consul before 1.0 took GET here, and python-consul 0.7 (Debian's python3-consul) still sends it.
                .prefix("GET", "/v1/agent/check/pass/", checkWrite, r -> mark(r, HealthStatus.PASSING))
                .prefix("GET", "/v1/agent/check/warn/", checkWrite, r -> mark(r, HealthStatus.WARNING))
                .prefix("GET", "/v1/agent/check/fail/", checkWrite, r -> mark(r, HealthStatus.CRITICAL))
                .prefix("PUT", "/v1/agent/check/update/", checkWrite, this::update)
                .exact("PUT", "/v1/agent/maintenance", Guard.needs(Resource.NODE, Access.WRITE,
                        r -> agent.identity().nodeName()), r -> {
                            agent.nodeMaintenance(enable(r), r.param("reason").orElse(""));
                            return ApiResponse.empty();
                        })
                .prefix("PUT", "/v1/agent/service/maintenance/", serviceWrite, r -> {
                    String id = required(r.pathRest(), "Missing service ID");
                    acl.requireServiceWrite(r.caller(), id);
                    agent.serviceMaintenance(id, enable(r), r.param("reason").orElse(""));
                    return ApiResponse.empty();
                })
                .prefix("GET", "/v1/agent/health/service/id/", Guard.filters(Resource.SERVICE, "service:read"),
                        this::healthById)
                .prefix("GET", "/v1/agent/health/service/name/", Guard.reads(Resource.SERVICE), this::healthByName)
                .prefix("PUT", "/v1/agent/join/", onThisAgent, r -> {
                    String address = required(r.pathRest(), "Missing address to join");
                    if (!agent.join(address)) {
                        throw new ApiException(500, "Failed to join " + address + ": no answer on its LAN port");
                    }
                    return ApiResponse.empty();
                })
                .exact("PUT", "/v1/agent/leave", onThisAgent, r -> {
                    agent.leave();
                    return ApiResponse.empty();
                })
                .exact("PUT", "/v1/agent/reload", onThisAgent, r -> {
                    agent.reload();
                    return ApiResponse.empty();
                });
    }

    private ApiResponse services(ApiRequest request) {
        String dc = agent.identity().datacenter();
        Filter<Service> filter = FilterParam.of(request, AgentFields.service(dc));
        Shown<Map<String, Service>> shown = Shown.map(agent.services(),
                (id, s) -> request.caller().authorizer().canRead(Resource.SERVICE, s.name()));
        Map<String, Wire.AgentServiceJson> out = new LinkedHashMap<>();
        shown.value().forEach((id, s) -> {
            if (filter.test(s)) {
                out.put(id, Wire.AgentServiceJson.of(s, dc));
            }
        });
        return AgentAcl.json(request, shown, out);
    }

    private ApiResponse checks(ApiRequest request) {
        Filter<Check> filter = FilterParam.of(request, CatalogFields.CHECK);
        Shown<Map<String, Check>> shown = Shown.map(agent.checks(),
                (id, c) -> CatalogAcl.canSee(request.caller().authorizer(), c));
        Map<String, Wire.HealthCheckJson> out = new LinkedHashMap<>();
        shown.value().forEach((id, c) -> {
            if (filter.test(c)) {
                out.put(id, Wire.HealthCheckJson.of(c));
            }
        });
        return AgentAcl.json(request, shown, out);
    }

    private ApiResponse registerService(ApiRequest request) {
        AgentDefinitions.Registration registration = AgentDefinitions.service(request.body());
        request.caller().require(Resource.SERVICE, Access.WRITE, registration.service().name());
        registration.sidecar()
                .ifPresent(s -> request.caller().require(Resource.SERVICE, Access.WRITE, s.service().name()));
        agent.register(registration, request.flag("replace-existing-checks"));
        return ApiResponse.empty();
    }

    private ApiResponse deregisterService(ApiRequest request) {
        String id = required(request.pathRest(), "Missing service ID");
        acl.requireServiceWrite(request.caller(), id);
        agent.deregisterService(id);
        return ApiResponse.empty();
    }

    private ApiResponse registerCheck(ApiRequest request) {
        LocalAgent.CheckSpec spec = AgentDefinitions.check(request.body());
        if (spec.serviceId().isEmpty()) {
            request.caller().require(Resource.NODE, Access.WRITE, agent.identity().nodeName());
        } else {
            acl.requireServiceWrite(request.caller(), spec.serviceId());
        }
        agent.registerCheck(spec);
        return ApiResponse.empty();
    }

    private ApiResponse deregisterCheck(ApiRequest request) {
        String id = required(request.pathRest(), "Missing check ID");
        acl.requireCheckWrite(request.caller(), id);
        agent.deregisterCheck(id);
        return ApiResponse.empty();
    }

    private ApiResponse mark(ApiRequest request, HealthStatus status) {
        String id = required(request.pathRest(), "Missing check ID");
        acl.requireCheckWrite(request.caller(), id);
        agent.updateCheck(id, status, request.param("note").orElse(""));
        return ApiResponse.empty();
    }

    private ApiResponse update(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        String statusText = body.text("Status", "");
        HealthStatus status;
        try {
            status = HealthStatus.parse(statusText);
            if (status == HealthStatus.MAINTENANCE) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid check status: '" + statusText + "'");
        }
        String id = required(request.pathRest(), "Missing check ID");
        acl.requireCheckWrite(request.caller(), id);
        agent.updateCheck(id, status, body.text("Output", ""));
        return ApiResponse.empty();
    }


    private static boolean enable(ApiRequest request) {
        if (request.param("enable").isEmpty()) {
            throw ApiException.badRequest("Missing value for enable");
        }
        String value = request.param("enable").get();
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw ApiException.badRequest("Invalid value for enable: \"" + value + "\"");
        };
    }

    /** One service's local health, as {@code /v1/agent/health/service/*} answers it. */
    record ServiceHealthJson(String AggregatedStatus, Wire.AgentServiceJson Service, List<Wire.HealthCheckJson> Checks) {
    }

    private ServiceHealthJson health(Service service, Map<String, Check> checks) {
        List<Check> counted = checks.values().stream()
                .filter(c -> c.isNodeCheck() || c.serviceId().equals(service.id())).toList();
        HealthStatus status = HealthStatus.aggregate(counted.stream().map(Check::status).toList());
        return new ServiceHealthJson(status.wireName(), Wire.AgentServiceJson.of(service, agent.identity().datacenter()),
                counted.stream().map(Wire.HealthCheckJson::of).toList());
    }

    /** Consul's codes: 200 passing, 429 warning, 503 critical or maintenance. */
    private static int code(String status) {
        return switch (status) {
            case "passing" -> 200;
            case "warning" -> 429;
            default -> 503;
        };
    }

    private ApiResponse healthById(ApiRequest request) {
        String id = required(request.pathRest(), "Missing serviceID");
        Service service = agent.services().get(id);
        if (service == null) {
            return ApiResponse.text(404, "ServiceId " + id + " not found");
        }
        request.caller().require(Resource.SERVICE, Access.READ, service.name());
        ServiceHealthJson health = health(service, agent.checks());
        if (request.param("format").orElse("").equals("text")) {
            return ApiResponse.text(code(health.AggregatedStatus()), health.AggregatedStatus());
        }
        return ApiResponse.json(Json.write(health, request.has("pretty"))).withStatus(code(health.AggregatedStatus()));
    }

    private ApiResponse healthByName(ApiRequest request) {
        String name = required(request.pathRest(), "Missing service Name");
        Map<String, Check> checks = agent.checks();
        List<ServiceHealthJson> found = agent.services().values().stream().filter(s -> s.name().equals(name))
                .map(s -> health(s, checks)).toList();
        if (found.isEmpty()) {
            return ApiResponse.text(404, "ServiceName " + name + " Not Found");
        }
        String worst = HealthStatus.aggregate(found.stream().map(h -> HealthStatus.parse(h.AggregatedStatus())).toList())
                .wireName();
        if (request.param("format").orElse("").equals("text")) {
            return ApiResponse.text(code(worst), worst);
        }
        return ApiResponse.json(Json.write(found, request.has("pretty"))).withStatus(code(worst));
    }

    private static String required(String value, String error) {
        if (value.isEmpty()) {
            throw ApiException.badRequest(error);
        }
        return value;
    }

}
