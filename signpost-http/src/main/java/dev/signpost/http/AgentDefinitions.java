package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceKinds;

/**
 * Service and check definitions in the agent API's JSON ({@code PUT /v1/agent/service/register},
 * {@code /v1/agent/check/register}), read with Consul's validation messages. The agent reads the
 * {@code services} and {@code checks} of its config files through the same code, so a definition means the
 * same wherever it comes from.
 */
public final class AgentDefinitions {
    private AgentDefinitions() {
    }

    /**
     * A service registration: the service, the checks it carries, and the sidecar proxy its
     * {@code Connect.SidecarService} asks for (port 0: the agent picks one; no checks: the agent adds Consul's).
     */
    public record Registration(Service service, List<LocalAgent.CheckSpec> checks, Optional<Registration> sidecar) {
        public Registration {
            checks = List.copyOf(checks);
            requireNonNull(sidecar, "sidecar");
        }

        public Registration(Service service, List<LocalAgent.CheckSpec> checks) {
            this(service, checks, Optional.empty());
        }
    }

    /** Reads a service registration body; a bad one is an {@link ApiException} (400) with Consul's message. */
    public static Registration service(byte[] json) {
        Body body = Json.read(json).requireObject();
        Service service = Definitions.service(body, "Name");
        Optional<Body> sidecarBody = body.object("Connect").flatMap(c -> c.object("SidecarService"));
        MeshDefinitions.validate(service, false, sidecarBody.map(SidecarDefinitions::block)
                .orElse(ServiceKinds.SidecarBlock.NONE));
        List<LocalAgent.CheckSpec> checks = checks(body, service.id());
        Optional<Registration> sidecar = sidecarBody.map(b -> {
            Service proxy = SidecarDefinitions.sidecar(service, b);
            return new Registration(proxy, checks(b, proxy.id()));
        });
        return new Registration(service, checks, sidecar);
    }

    /** The {@code Check} and {@code Checks} of a definition. */
    private static List<LocalAgent.CheckSpec> checks(Body body, String serviceId) {
        List<Body> checkBodies = new ArrayList<>();
        body.object("Check").ifPresent(checkBodies::add);
        checkBodies.addAll(body.objects("Checks"));
        List<LocalAgent.CheckSpec> checks = new ArrayList<>();
        for (Body check : checkBodies) {
            checks.add(check(check, serviceId));
        }
        return checks;
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
