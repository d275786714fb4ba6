package dev.signpost.core.state;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/** Small builders for catalog tests: nodes in dc1, services on port 5000, checks with no definition. */
final class Fixtures {
    private Fixtures() {
    }

    static Node node(String name) {
        return node(name, "10.0.0.1");
    }

    static Node node(String name, String address) {
        return Node.of("", name, address, "dc1");
    }

    static Service service(String id, String name, String... tags) {
        return Service.of(id, name, "", 5000, List.of(tags));
    }

    /** A check on the node itself, counting for every service on it. */
    static Check nodeCheck(String node, String checkId, HealthStatus status) {
        return new Check(node, checkId, checkId, status, "", "", "", "", List.of(), CheckDefinition.NONE, 0, 0);
    }

    /** A check bound to a service; the state fills in the service's name and tags. */
    static Check serviceCheck(String node, String checkId, String serviceId, HealthStatus status) {
        return new Check(node, checkId, checkId, status, "", "", serviceId, "", List.of(), CheckDefinition.NONE, 0, 0);
    }

    static Register register(String node, Service service, Check... checks) {
        return Register.service(node(node), service, List.of(checks));
    }

    static Register registerChecks(String node, Check... checks) {
        return new Register(node(node), List.of(), List.of(checks), false);
    }

    static KvPut put(String key, String value) {
        return KvPut.set(key, bytes(value), 0);
    }

    static Bytes value(String value) {
        return Bytes.of(bytes(value));
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
