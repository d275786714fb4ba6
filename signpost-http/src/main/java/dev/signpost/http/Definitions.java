package dev.signpost.http;

import java.util.List;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;

/**
 * Reads service and check definitions out of request bodies, with Consul's validation messages.
 * The same reading serves {@code /v1/agent/service/register}, {@code /v1/agent/check/register} and
 * {@code /v1/catalog/register}.
 */
final class Definitions {
    private Definitions() {
    }

    /** A service definition; {@code nameField} is "Name" for the agent API and "Service" for the catalog API. */
    static Service service(Body body, String nameField) {
        return service(body, nameField, "");
    }

    /** A service definition whose name, when not given, is {@code defaultName} (a sidecar's). */
    static Service service(Body body, String nameField, String defaultName) {
        String name = body.text(nameField, defaultName);
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing service name");
        }
        String address = body.text("Address", "");
        if (address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
            throw ApiException.badRequest("Invalid service address");
        }
        int port = body.integer("Port", 0);
        if (port < 0 || port > 65535) {
            throw ApiException.badRequest("Invalid service port " + port);
        }
        Weights weights = Weights.DEFAULT;
        var weightsBody = body.object("Weights");
        if (weightsBody.isPresent()) {
            try {
                weights = new Weights(weightsBody.get().integer("Passing", 1), weightsBody.get().integer("Warning", 1));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid Weights: " + e.getMessage());
            }
        }
        String id = body.text("ID", "");
        return MeshDefinitions.withMesh(new Service(id.isEmpty() ? name : id, name, body.strings("Tags"), address, port,
                body.stringMap("Meta"), weights, body.bool("EnableTagOverride", false), 0, 0), body);
    }

    /** How a check is run, from the fields of a check definition. */
    static CheckDefinition definition(Body body) {
        List<String> args = body.strings("Args");
        if (args.isEmpty()) {
            args = body.strings("ScriptArgs");
        }
        return new CheckDefinition(body.text("HTTP", ""), body.text("Method", ""), body.stringListMap("Header"),
                body.text("Body", ""), body.bool("TLSSkipVerify", false), body.text("TCP", ""), args,
                body.duration("TTL"), body.duration("Interval"), body.duration("Timeout"),
                body.duration("DeregisterCriticalServiceAfter"), nonNegative(body, "SuccessBeforePassing"),
                nonNegative(body, "FailuresBeforeCritical"), body.text("AliasService", ""), body.text("AliasNode", ""),
                body.text("DockerContainerID", ""));
    }

    private static int nonNegative(Body body, String field) {
        int value = body.integer(field, 0);
        if (value < 0) {
            throw ApiException.badRequest("Invalid check: " + field + " must be >= 0");
        }
        return value;
    }

    /** The initial status of a check: given, else critical (Consul's default for new checks). */
    static HealthStatus status(Body body, HealthStatus defaultStatus) {
        String status = body.text("Status", "");
        if (status.isEmpty()) {
            return defaultStatus;
        }
        try {
            HealthStatus parsed = HealthStatus.parse(status);
            if (parsed == HealthStatus.MAINTENANCE) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Status for checks must 'passing', 'warning', 'critical'");
        }
    }

    /** A check in a catalog registration: given as it is, the catalog does not run it. */
    static Check catalogCheck(Body body, String node) {
        String id = body.text("CheckID", body.text("ID", ""));
        String name = body.text("Name", "");
        if (id.isEmpty()) {
            id = name;
        }
        if (id.isEmpty()) {
            throw ApiException.badRequest("Missing check ID or name");
        }
        CheckDefinition definition = body.object("Definition").map(Definitions::definition).orElse(CheckDefinition.NONE);
        return new Check(node, id, name, status(body, HealthStatus.CRITICAL), body.text("Notes", ""),
                body.text("Output", ""), body.text("ServiceID", ""), "", List.of(), definition, 0, 0);
    }
}
