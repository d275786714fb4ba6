package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.ApiException;
import dev.signpost.testing.InMemoryRegistry;

/** Sidecar proxies: Consul's defaults, the port range, and their lifecycle with the parent. */
class SidecarsTest {
    private static final Node NODE = Node.of("11111111-1111-1111-1111-111111111111", "n1", "10.0.0.1", "dc1");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final LocalServices local = services(Sidecars.DEFAULT);

    private LocalServices services(Sidecars range) {
        return services(range, Optional.empty());
    }

    private LocalServices services(Sidecars range, Optional<Path> dataDir) {
        FakeScheduler scheduler = new FakeScheduler();
        return new LocalServices(registry, () -> NODE, new ServiceStore(dataDir), false,
                reporter -> new CheckRunner(scheduler, Runnable::run, scheduler.clock(), check -> Optional.empty(),
                        reporter), () -> Authorizer.of(Authorizer.DefaultPolicy.MANAGE), range);
    }

    private static AgentDefinitions.Registration definition(String json) {
        return AgentDefinitions.service(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> catalogServices() {
        return registry.read(Registry.ReadMode.STALE, s -> s.node("n1").value()
                .map(ns -> ns.services().stream().map(Service::id).toList()).orElse(List.of()));
    }

    @Test
    void anEmptySidecarBlock_registersConsulsDefaultSidecar() {
        local.register(definition("{\"Name\":\"web\",\"Port\":8080,\"Tags\":[\"v1\"],\"Meta\":{\"a\":\"b\"},"
                + "\"Connect\":{\"SidecarService\":{}}}"), false);

        Service sidecar = local.services().get("web-sidecar-proxy");
        assertThat(sidecar.name()).isEqualTo("web-sidecar-proxy");
        assertThat(sidecar.kind()).isEqualTo("connect-proxy");
        assertThat(sidecar.port()).isEqualTo(21000);
        assertThat(sidecar.tags()).containsExactly("v1");
        assertThat(sidecar.meta()).isEqualTo(Map.of("a", "b"));
        assertThat(sidecar.proxy().destinationServiceName()).isEqualTo("web");
        assertThat(sidecar.proxy().destinationServiceId()).isEqualTo("web");
        assertThat(sidecar.proxy().localServiceAddress()).isEqualTo("127.0.0.1");
        assertThat(sidecar.proxy().localServicePort()).isEqualTo(8080);
        assertThat(local.checks().values()).filteredOn(c -> c.serviceId().equals("web-sidecar-proxy"))
                .extracting(Check::checkId, Check::name, c -> c.definition().tcp(), c -> c.definition().interval(),
                        c -> c.definition().aliasService())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("service:web-sidecar-proxy:1", "Connect Sidecar Listening",
                                "127.0.0.1:21000", "10s", ""),
                        org.assertj.core.groups.Tuple.tuple("service:web-sidecar-proxy:2",
                                "Connect Sidecar Aliasing web", "", "", "web"));
        assertThat(catalogServices()).containsExactly("web", "web-sidecar-proxy");
    }

    @Test
    void ports_areTheLowestFreeInTheRange_andARegistrationAgainKeepsItsPort() {
        local.register(definition("{\"Name\":\"a\",\"Port\":1,\"Connect\":{\"SidecarService\":{}}}"), false);
        local.register(definition("{\"Name\":\"b\",\"Port\":2,\"Connect\":{\"SidecarService\":{}}}"), false);
        local.deregisterService("a");
        local.register(definition("{\"Name\":\"b\",\"Port\":3,\"Connect\":{\"SidecarService\":{}}}"), false);
        local.register(definition("{\"Name\":\"c\",\"Port\":4,\"Connect\":{\"SidecarService\":{}}}"), false);

        assertThat(local.services().get("b-sidecar-proxy").port()).isEqualTo(21001);
        assertThat(local.services().get("c-sidecar-proxy").port()).isEqualTo(21000);
    }

    @Test
    void overridesFromTheBlock_winOverTheDefaults_andItsChecksReplaceConsulsOnes() {
        local.register(definition("{\"Name\":\"web\",\"Port\":8080,\"Connect\":{\"SidecarService\":{"
                + "\"Port\":20000,\"Tags\":[\"proxy\"],\"Proxy\":{\"Upstreams\":[{\"DestinationName\":\"db\","
                + "\"LocalBindPort\":9191}]},\"Checks\":[{\"Name\":\"mine\",\"TTL\":\"30s\"}]}}}"), false);

        Service sidecar = local.services().get("web-sidecar-proxy");
        assertThat(sidecar.port()).isEqualTo(20000);
        assertThat(sidecar.tags()).containsExactly("proxy");
        assertThat(sidecar.proxy().upstreams()).singleElement()
                .satisfies(u -> assertThat(u.destinationName()).isEqualTo("db"));
        assertThat(sidecar.proxy().destinationServiceName()).isEqualTo("web");
        assertThat(local.checks().values()).filteredOn(c -> c.serviceId().equals("web-sidecar-proxy"))
                .extracting(Check::name).containsExactly("mine");
    }

    @Test
    void deregisteringTheParent_removesItsSidecar_butNotAProxyRegisteredOnItsOwn() {
        local.register(definition("{\"Name\":\"web\",\"Port\":8080,\"Connect\":{\"SidecarService\":{}}}"), false);
        local.register(definition("{\"Name\":\"api\",\"Port\":9090}"), false);
        local.register(definition("{\"Name\":\"p\",\"ID\":\"api-sidecar-proxy\",\"Kind\":\"connect-proxy\","
                + "\"Port\":21500,\"Proxy\":{\"DestinationServiceName\":\"other\"}}"), false);

        local.deregisterService("web");
        local.deregisterService("api");

        assertThat(local.services()).containsOnlyKeys("api-sidecar-proxy");
        assertThat(catalogServices()).containsExactly("api-sidecar-proxy");
        assertThat(local.checks()).isEmpty();
    }

    @Test
    void aFullRange_isRefusedWithConsulsText_andNothingIsRegistered() {
        LocalServices narrow = services(new Sidecars(21000, 21000));
        narrow.register(definition("{\"Name\":\"a\",\"Port\":1,\"Connect\":{\"SidecarService\":{}}}"), false);

        assertThatThrownBy(() -> narrow.register(
                definition("{\"Name\":\"b\",\"Port\":2,\"Connect\":{\"SidecarService\":{}}}"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("no port provided for sidecar_service and none left in the configured range "
                        + "[21000, 21000]");
        assertThat(narrow.services()).containsOnlyKeys("a", "a-sidecar-proxy");
        assertThatThrownBy(() -> services(new Sidecars(0, 0)).register(
                definition("{\"Name\":\"c\",\"Port\":3,\"Connect\":{\"SidecarService\":{}}}"), false))
                .hasMessage("no port provided for sidecar_service and auto-assignment disabled in config");
    }

    @Test
    void aSidecar_isKeptInTheDataDir_withItsProxy_forTheNextRun(@TempDir Path dataDir) {
        services(Sidecars.DEFAULT, Optional.of(dataDir)).register(definition("{\"Name\":\"web\",\"Port\":8080,"
                + "\"Connect\":{\"SidecarService\":{\"Proxy\":{\"Config\":{\"protocol\":\"http\"},"
                + "\"Upstreams\":[{\"DestinationName\":\"db\",\"LocalBindPort\":9191}]}}}}"), false);

        LocalServices next = services(Sidecars.DEFAULT, Optional.of(dataDir));
        next.load();

        Service sidecar = next.services().get("web-sidecar-proxy");
        assertThat(sidecar.kind()).isEqualTo("connect-proxy");
        assertThat(sidecar.proxy().config()).isEqualTo(Map.of("protocol", "http"));
        assertThat(sidecar.proxy().upstreams()).singleElement()
                .satisfies(u -> assertThat(u.localBindPort()).isEqualTo(9191));
        assertThat(next.checks()).containsKeys("service:web-sidecar-proxy:1", "service:web-sidecar-proxy:2");
    }

    @Test
    void deregisteringAnUnknownParent_isStillNotFound() {
        assertThatThrownBy(() -> local.deregisterService("ghost")).isInstanceOf(NotFoundException.class);
    }
}
