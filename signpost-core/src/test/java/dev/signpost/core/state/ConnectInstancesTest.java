package dev.signpost.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.watch.Topic;

/** The connect index: which instances serve a service over Connect, and the topic that wakes its readers. */
class ConnectInstancesTest {
    private final CatalogState state = new CatalogState();
    private final Node n1 = Node.of("11111111-1111-1111-1111-111111111111", "n1", "10.0.0.1", "dc1");

    private static Service proxyFor(String id, String destination) {
        return Service.of(id, destination + "-sidecar-proxy", "", 21000, List.of()).withMesh(ServiceKinds.CONNECT_PROXY,
                Map.of(), ServiceProxy.NONE.withDestination(destination, destination, "127.0.0.1", 8080), false);
    }

    @Test
    void proxiesOfAService_andItsNativeInstances_areItsConnectInstances() {
        state.apply(Register.service(n1, Service.of("web", "web", "", 8080, List.of()), List.of()), 5);
        state.apply(Register.service(n1, proxyFor("web-sidecar-proxy", "web"), List.of()), 6);
        state.apply(Register.service(n1, proxyFor("db-sidecar-proxy", "db"), List.of()), 7);
        state.apply(Register.service(n1, Service.of("api", "web", "", 9090, List.of())
                .withMesh("", Map.of(), ServiceProxy.NONE, true), List.of()), 8);

        assertThat(state.connectInstances("web").value()).extracting(i -> i.service().id())
                .containsExactly("api", "web-sidecar-proxy");
        assertThat(state.connectInstances("web").index()).isEqualTo(8);
        assertThat(state.connectInstances("db").index()).isEqualTo(7);
        assertThat(state.connectInstances("nothing").value()).isEmpty();
    }

    @Test
    void aProxysRegistration_touchesItsDestinationsConnectTopic_andItsRemovalToo() {
        CatalogState.Applied added = state.apply(Register.service(n1, proxyFor("p1", "web"), List.of()), 5);
        assertThat(added.changed()).contains(Topic.connect("web"));

        CatalogState.Applied moved = state.apply(Register.service(n1, proxyFor("p1", "db"), List.of()), 6);
        assertThat(moved.changed()).contains(Topic.connect("web"), Topic.connect("db"));
        assertThat(state.connectInstances("web").value()).isEmpty();

        CatalogState.Applied removed = state.apply(new DeregisterService("n1", "p1"), 7);
        assertThat(removed.changed()).contains(Topic.connect("db"));
        assertThat(state.connectInstances("db").value()).isEmpty();
        assertThat(state.connectInstances("db").index()).isEqualTo(7);
    }

    @Test
    void aSnapshot_keepsTheMeshFields_andRebuildsTheConnectIndex() {
        state.apply(Register.service(n1, proxyFor("p1", "web"), List.of()), 5);
        CatalogState restored = new CatalogState();
        restored.restore(state.snapshot());

        assertThat(restored.connectInstances("web").value()).singleElement()
                .satisfies(i -> assertThat(i.service().proxy().destinationServiceName()).isEqualTo("web"));
    }

    @Test
    void usage_countsProxiesAndNativeInstancesByKind_andBillsTypicalOnesButConsuls() {
        state.apply(Register.service(n1, Service.of("web", "web", "", 8080, List.of()), List.of()), 5);
        state.apply(Register.service(n1, proxyFor("web-sidecar-proxy", "web"), List.of()), 6);
        state.apply(Register.service(n1, Service.of("api", "api", "", 9090, List.of())
                .withMesh("", Map.of(), ServiceProxy.NONE, true), List.of()), 7);
        state.apply(Register.service(n1, Service.of("consul", "consul", "", 8300, List.of()), List.of()), 8);

        assertThat(state.usage().value()).isEqualTo(new Usage(1, 4, 4, 2,
                Map.of("connect-proxy", 1, "connect-native", 1)));

        state.apply(new DeregisterService("n1", "web-sidecar-proxy"), 9);
        assertThat(state.usage().value().connectInstances()).isEqualTo(Map.of("connect-native", 1));
    }
}
