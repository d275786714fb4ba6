package dev.signpost.http;

import java.util.ArrayList;
import java.util.List;

import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

/**
 * Service and check definitions in the agent API's JSON ({@code PUT /v1/agent/service/register},
 * {@code /v1/agent/check/register}), read with Consul's validation messages. The agent reads the
 * {@code services} and {@code checks} of its config files through the same code, so a definition means the
 * same wherever it comes from.
 */
public final class AgentDefinitions {
    private AgentDefinitions() {
    }

    /** A service registration: the service and the checks it carries. */
    public record Registration(Service service, List<LocalAgent.CheckSpec> checks) {
        public Registration {
            checks = List.copyOf(checks);
        }
    }

    /** Reads a service registration body; a bad one is an {@link ApiException} (400) with Consul's message. */
    public static Registration service(byte[] json) {
        Body body = Json.read(json).requireObject();
        Service service = Definitions.service(body, "Name");
        MeshDefinitions.validate(service, false, false);
        List<Body> checkBodies = new ArrayList<>();
        body.object("Check").ifPresent(checkBodies::add);
        checkBodies.addAll(body.objects("Checks"));
        List<LocalAgent.CheckSpec> checks = new ArrayList<>();
        for (Body check : checkBodies) {
            checks.add(check(check, service.id()));
        }
        return new Registration(service, checks);
    }

    /** Reads a check registration body (one not inside a service definition). */
    public static LocalAgent.CheckSpec check(byte[] json) {
        Body body = Json.read(json).requireObject();
        if (body.text("Name", "").isEmpty()) {
            throw ApiException.badRequest("Missing check name");
        }
        return check(body, body.text("ServiceID", ""));
    }

    static LocalAgent.CheckSpec check(Body body, String serviceId) {
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
}
