package dev.signpost.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;
import dev.signpost.core.state.CatalogStore;

/** A catalog built the way Raft builds it: core commands applied at growing indexes. */
final class TestCatalog {
    final CatalogStore store = new CatalogStore();
    private long index;

    TestCatalog apply(Command command) {
        store.apply(command, ++index);
        return this;
    }

    TestCatalog node(String name, String address) {
        return node(name, address, Map.of());
    }

    TestCatalog node(String name, String address, Map<String, String> meta) {
        return apply(Register.node(new Node("", name, address, "dc1", Map.of(), meta, 0, 0)));
    }

    /** A service on an existing node, with no checks. */
    TestCatalog service(String node, String id, String name, int port, String... tags) {
        return service(node, new Service(id, name, List.of(tags), "", port, Map.of(), Weights.DEFAULT, false, 0, 0));
    }

    TestCatalog service(String node, Service service) {
        return apply(new Register(nodeRecord(node), List.of(service), List.of(), true));
    }

    /** A check on a node (empty serviceId) or on one of its services. */
    TestCatalog check(String node, String checkId, String serviceId, HealthStatus status) {
        Check check = new Check(node, checkId, checkId, status, "", "", serviceId, "", List.of(),
                CheckDefinition.NONE, 0, 0);
        return apply(new Register(nodeRecord(node), List.of(), List.of(check), true));
    }

    /** The seed's catalog: three webapp containers on one host, as registrator published them. */
    static TestCatalog seed() {
        return new TestCatalog().node("8b716e39cc09", "10.111.222.36")
                .service("8b716e39cc09", "6402f685c105:z001:5000", "webapp", 32770)
                .service("8b716e39cc09", "6402f685c105:z002:5000", "webapp", 32771)
                .service("8b716e39cc09", "6402f685c105:z003:5000", "webapp", 32772);
    }

    /** {@code count} instances of a service, one per node, on 10.0.x.y. */
    static TestCatalog many(String service, int count) {
        TestCatalog catalog = new TestCatalog();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String node = "node-" + i;
            names.add(node);
            catalog.node(node, "10.0." + (i / 250) + "." + (1 + i % 250))
                    .service(node, service + "-" + i, service, 20000 + i);
        }
        return catalog;
    }

    private Node nodeRecord(String name) {
        return store.read(s -> s.node(name).value()).orElseThrow().node();
    }
}
