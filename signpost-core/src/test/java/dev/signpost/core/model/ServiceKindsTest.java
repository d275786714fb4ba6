package dev.signpost.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceKindsTest {
    private static ServiceProxy proxyFor(String destination, List<Upstream> upstreams) {
        return new ServiceProxy(destination, "", "", 0, "", Map.of(), upstreams, "", false, List.of(), 0, false);
    }

    private static Service proxy(int port, ServiceProxy proxy) {
        return Service.of("web-proxy", "web-proxy", "", port, List.of())
                .withMesh(ServiceKinds.CONNECT_PROXY, Map.of(), proxy, false);
    }

    @Test
    void connectProxyWithoutDestination_isRefusedWithConsulsText() {
        List<String> errors = ServiceKinds.errors(proxy(21000, ServiceProxy.NONE), false);

        assertThat(errors).containsExactly("Proxy.DestinationServiceName must be non-empty for Connect proxy services");
        assertThat(ServiceKinds.multiError(errors)).isEqualTo("1 error occurred:\n\t* Proxy.DestinationServiceName "
                + "must be non-empty for Connect proxy services\n\n");
    }

    @Test
    void connectProxyWithoutPort_isRefusedByTheCatalog_notByTheAgent() {
        Service noPort = proxy(0, proxyFor("web", List.of()));

        assertThat(ServiceKinds.errors(noPort, false)).isEmpty();
        assertThat(ServiceKinds.errors(noPort, true))
                .containsExactly("Port or SocketPath must be set for a connect-proxy");
    }

    @Test
    void badUpstreams_andManyErrors_printAsGoMultiError() {
        Upstream noName = new Upstream("service", "", "", "", "", 9191, Map.of(), "");
        Upstream badType = new Upstream("garbage", "", "db", "", "", 9192, Map.of(), "");
        Service s = proxy(21000, proxyFor("web", List.of(noName, badType)))
                .withMesh(ServiceKinds.CONNECT_PROXY, Map.of(), proxyFor("web", List.of(noName, badType)), true);

        List<String> errors = ServiceKinds.errors(s, false);

        assertThat(errors).containsExactly("A Proxy cannot also be Connect Native, only typical services",
                "upstream destination name cannot be empty", "unknown upstream destination type: \"garbage\"");
        assertThat(ServiceKinds.multiError(errors)).startsWith("3 errors occurred:\n\t* A Proxy")
                .endsWith("\"garbage\"\n\n");
    }

    @Test
    void gateways_wantAPort_andNoDestinationOrSidecar() {
        Service gateway = Service.of("gw", "gw", "", 0, List.of())
                .withMesh(ServiceKinds.MESH_GATEWAY, Map.of(), proxyFor("web", List.of()), false);

        assertThat(ServiceKinds.errors(gateway, false, new ServiceKinds.SidecarBlock(true, false, false)))
                .containsExactly("Port must be non-zero for a mesh-gateway",
                "A mesh-gateway cannot have a sidecar service defined",
                "The Proxy.DestinationServiceName configuration is invalid for a mesh-gateway");
    }

    @Test
    void aSidecarBlockWithAnIdOrItsOwnSidecar_isRefusedWithConsulsTexts() {
        Service web = Service.of("web", "web", "", 8080, List.of());

        assertThat(ServiceKinds.errors(web, false, new ServiceKinds.SidecarBlock(true, true, true))).containsExactly(
                "A SidecarService cannot specify an ID as this is managed by the agent",
                "A SidecarService cannot have a nested SidecarService");
    }

    @Test
    void aTypicalService_keepsConsulsEmptyMeshValues_andSameAsSeesTheMeshFields() {
        Service typical = Service.of("web", "web", "", 80, List.of());
        assertThat(typical.kind()).isEmpty();
        assertThat(typical.taggedAddresses()).isEmpty();
        assertThat(typical.proxy()).isEqualTo(ServiceProxy.NONE);
        assertThat(typical.sameAs(typical.withMesh("", Map.of("lan", new ServiceAddress("10.0.0.1", 80)),
                ServiceProxy.NONE, false))).isFalse();
    }
}
