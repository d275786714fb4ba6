package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A definition's Connect.SidecarService block: Consul's defaults and its refusals. */
class SidecarDefinitionsTest {
    private static AgentDefinitions.Registration read(String json) {
        return AgentDefinitions.service(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessage(message);
    }

    @Test
    void aSidecarBlock_inheritsTheParentsAddress_andSnakeCaseWorksAsInConfigFiles() {
        AgentDefinitions.Registration r = read("{\"name\":\"web\",\"id\":\"web-1\",\"address\":\"10.0.0.5\","
                + "\"port\":8080,\"connect\":{\"sidecar_service\":{\"proxy\":{\"local_service_port\":9000}}}}");

        assertThat(r.service().id()).isEqualTo("web-1");
        assertThat(r.sidecar()).hasValueSatisfying(s -> {
            assertThat(s.service().id()).isEqualTo("web-1-sidecar-proxy");
            assertThat(s.service().name()).isEqualTo("web-sidecar-proxy");
            assertThat(s.service().address()).isEqualTo("10.0.0.5");
            assertThat(s.service().port()).isZero();
            assertThat(s.service().proxy().destinationServiceId()).isEqualTo("web-1");
            assertThat(s.service().proxy().localServiceAddress()).isEqualTo("127.0.0.1");
            assertThat(s.service().proxy().localServicePort()).isEqualTo(9000);
            assertThat(s.checks()).isEmpty();
        });
    }

    @Test
    void aSidecarWithItsOwnIdOrSidecar_isRefusedAsConsulRefusesIt() {
        assertRefused("{\"Name\":\"web\",\"Port\":1,\"Connect\":{\"SidecarService\":{\"ID\":\"x\"}}}",
                "Validation failed: 1 error occurred:\n\t* A SidecarService cannot specify an ID as this is managed "
                        + "by the agent\n\n");
        assertRefused("{\"Name\":\"web\",\"Port\":1,\"Connect\":{\"SidecarService\":{\"Connect\":"
                + "{\"SidecarService\":{}}}}}", "Validation failed: 1 error occurred:\n\t* A SidecarService cannot "
                + "have a nested SidecarService\n\n");
    }

    @Test
    void aSidecarThatMakesABadProxy_isRefusedWithConsulsFailedValidation() {
        assertRefused("{\"Name\":\"web\",\"Port\":1,\"Connect\":{\"SidecarService\":{\"Proxy\":{\"Upstreams\":"
                + "[{\"DestinationName\":\"db\"}]}}}}", "Failed Validation: 1 error occurred:\n\t* upstream local "
                + "bind port or local socket path must be defined and nonzero\n\n");
    }

    @Test
    void aGatewayWithASidecar_isRefused() {
        assertRefused("{\"Name\":\"gw\",\"Kind\":\"mesh-gateway\",\"Port\":8443,\"Connect\":{\"SidecarService\":{}}}",
                "Validation failed: 1 error occurred:\n\t* A mesh-gateway cannot have a sidecar service defined\n\n");
    }
}
