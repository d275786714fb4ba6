package dev.signpost.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

/** {@code /v1/agent/*}: what the local agent owns, and who it is. */
final class AgentEndpoints {
    private final LocalAgent agent;

    AgentEndpoints(LocalAgent agent) {
        this.agent = agent;
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/v1/agent/services", this::services)
                .exact("GET", "/v1/agent/checks", this::checks)
                .exact("PUT", "/v1/agent/service/register", this::registerService)
                .prefix("PUT", "/v1/agent/service/deregister/", this::deregisterService)
                .exact("PUT", "/v1/agent/check/register", this::registerCheck)
                .prefix("PUT", "/v1/agent/check/deregister/", this::deregisterCheck)
                .prefix("PUT", "/v1/agent/check/pass/", r -> mark(r, HealthStatus.PASSING))
                .prefix("PUT", "/v1/agent/check/warn/", r -> mark(r, HealthStatus.WARNING))
                .prefix("PUT", "/v1/agent/check/fail/", r -> mark(r, HealthStatus.CRITICAL))
                // Consul before 1.0 took GET here, and python-consul 0.7 (Debian's python3-consul) still sends it.
                .prefix("GET", "/v1/agent/check/pass/", r -> mark(r, HealthStatus.PASSING))
                .prefix("GET", "/v1/agent/check/warn/", r -> mark(r, HealthStatus.WARNING))
                .prefix("GET", "/v1/agent/check/fail/", r -> mark(r, HealthStatus.CRITICAL))
                .prefix("PUT", "/v1/agent/check/update/", this::update)
                .exact("PUT", "/v1/agent/maintenance", r -> {
                    agent.nodeMaintenance(enable(r), r.param("reason").orElse(""));
                    return ApiResponse.empty();
                })
                .prefix("PUT", "/v1/agent/service/maintenance/", r -> {
                    agent.serviceMaintenance(required(r.pathRest(), "Missing service ID"), enable(r),
                            r.param("reason").orElse(""));
                    return ApiResponse.empty();
                })
                .prefix("GET", "/v1/agent/health/service/id/", this::healthById)
                .prefix("GET", "/v1/agent/health/service/name/", this::healthByName)
                .prefix("PUT", "/v1/agent/join/", r -> {
                    String address = required(r.pathRest(), "Missing address to join");
                    if (!agent.join(address)) {
                        throw new ApiException(500, "Failed to join " + address + ": no answer on its LAN port");
                    }
                    return ApiResponse.empty();
                })
                .exact("PUT", "/v1/agent/leave", r -> {
                    agent.leave();
                    return ApiResponse.empty();
                });
    }

    private ApiResponse services(ApiRequest request) {
        String dc = agent.identity().datacenter();
        Map<String, Wire.AgentServiceJson> out = new LinkedHashMap<>();
        agent.services().forEach((id, s) -> out.put(id, Wire.AgentServiceJson.of(s, dc)));
        return ApiResponse.json(Json.write(out, request.has("pretty")));
    }

    private ApiResponse checks(ApiRequest request) {
        Map<String, Wire.HealthCheckJson> out = new LinkedHashMap<>();
        agent.checks().forEach((id, c) -> out.put(id, Wire.HealthCheckJson.of(c)));
        return ApiResponse.json(Json.write(out, request.has("pretty")));
    }

    private ApiResponse registerService(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        Service service = Definitions.service(body, "Name");
        List<Body> checkBodies = new ArrayList<>();
        body.object("Check").ifPresent(checkBodies::add);
        checkBodies.addAll(body.objects("Checks"));
        List<LocalAgent.CheckSpec> checks = new ArrayList<>();
        for (Body check : checkBodies) {
            checks.add(checkSpec(check, service.id()));
        }
        agent.registerService(service, checks, request.flag("replace-existing-checks"));
        return ApiResponse.empty();
    }

    private ApiResponse deregisterService(ApiRequest request) {
        agent.deregisterService(required(request.pathRest(), "Missing service ID"));
        return ApiResponse.empty();
    }

    private ApiResponse registerCheck(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        if (body.text("Name", "").isEmpty()) {
            throw ApiException.badRequest("Missing check name");
        }
        agent.registerCheck(checkSpec(body, body.text("ServiceID", "")));
        return ApiResponse.empty();
    }

    private ApiResponse deregisterCheck(ApiRequest request) {
        agent.deregisterCheck(required(request.pathRest(), "Missing check ID"));
        return ApiResponse.empty();
    }

    private ApiResponse mark(ApiRequest request, HealthStatus status) {
        agent.updateCheck(required(request.pathRest(), "Missing check ID"), status, request.param("note").orElse(""));
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
        agent.updateCheck(required(request.pathRest(), "Missing check ID"), status, body.text("Output", ""));
        return ApiResponse.empty();
    }

    private static LocalAgent.CheckSpec checkSpec(Body body, String serviceId) {
        if (body.has("GRPC") || body.has("H2PING") || body.has("UDP") || body.has("OSService")) {
            throw ApiException.badRequest("Invalid check: only HTTP, TCP, TTL, script (Args), Docker and alias checks "
                    + "are supported by this agent");
        }
        boolean given = body.has("Status");
        HealthStatus status = Definitions.status(body, HealthStatus.CRITICAL);
        String id = body.text("CheckID", body.text("ID", ""));
        return new LocalAgent.CheckSpec(id, body.text("Name", ""), body.text("Notes", ""), status, given,
                serviceId.isEmpty() ? body.text("ServiceID", "") : serviceId, Definitions.definition(body));
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
