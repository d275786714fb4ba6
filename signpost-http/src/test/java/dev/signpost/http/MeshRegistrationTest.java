package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.json;
import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Service;

/** Kind, TaggedAddresses, Proxy and Connect through the agent and catalog APIs, with Consul's names and omissions. */
class MeshRegistrationTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private static final String PROXY = "{\"Name\":\"web-proxy\",\"Kind\":\"connect-proxy\",\"Port\":21000,"
            + "\"TaggedAddresses\":{\"lan\":{\"Address\":\"10.0.0.5\",\"Port\":21000}},"
            + "\"Proxy\":{\"DestinationServiceName\":\"web\",\"DestinationServiceID\":\"web\","
            + "\"LocalServiceAddress\":\"127.0.0.1\",\"LocalServicePort\":8080,"
            + "\"Config\":{\"n\":{\"a\":[1,null]},\"protocol\":\"http\"},"
            + "\"Upstreams\":[{\"DestinationName\":\"db\",\"LocalBindPort\":9191}]}}";

    private static String agentJson(String definition) {
        Service service = AgentDefinitions.service(definition.getBytes(StandardCharsets.UTF_8)).service();
        return new String(Json.write(Wire.AgentServiceJson.of(service, "dc1"), false), StandardCharsets.UTF_8);
    }

    private static String catalogRegister(String node, String serviceJson) {
        return "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0.1\",\"Service\":" + serviceJson + "}";
    }

    @Test
    void agentRegistration_keepsTheProxy_andAgentServicesShowsItAsConsulDoes() {
        String services = agentJson(PROXY);

        assertThat(services).contains("{\"Kind\":\"connect-proxy\",\"ID\":\"web-proxy\",\"Service\":\"web-proxy\"")
                .contains("\"TaggedAddresses\":{\"lan\":{\"Address\":\"10.0.0.5\",\"Port\":21000}}")
                .contains("\"Proxy\":{\"DestinationServiceName\":\"web\",\"DestinationServiceID\":\"web\","
                        + "\"LocalServiceAddress\":\"127.0.0.1\",\"LocalServicePort\":8080,"
                        + "\"Config\":{\"n\":{\"a\":[1,null]},\"protocol\":\"http\"},"
                        + "\"Upstreams\":[{\"DestinationType\":\"service\",\"DestinationName\":\"db\","
                        + "\"LocalBindPort\":9191,\"MeshGateway\":{}}],\"MeshGateway\":{},\"Expose\":{}}")
                .doesNotContain("\"Connect\"");
    }

    @Test
    void aTypicalService_hasNoKindProxyOrConnect_onTheAgent_butConsulsEmptyOnesInTheCatalog() {
        api.call("PUT", "/v1/catalog/register", catalogRegister("n1", "{\"Service\":\"web\",\"Port\":8080}"));

        assertThat(agentJson("{\"Name\":\"web\",\"Port\":8080}")).doesNotContain("Kind").doesNotContain("Proxy")
                .doesNotContain("Connect").doesNotContain("TaggedAddresses");
        assertThat(text(api.call("GET", "/v1/catalog/service/web"))).contains("\"ServiceKind\":\"\"")
                .contains("\"ServiceProxy\":{\"Mode\":\"\",\"MeshGateway\":{},\"Expose\":{}},\"ServiceConnect\":{}")
                .doesNotContain("ServiceTaggedAddresses");
    }

    @Test
    void catalogReads_showServiceKindProxyConnectAndTaggedAddresses() {
        api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":"
                + "{\"Service\":\"api\",\"Port\":9090,\"Connect\":{\"Native\":true},"
                + "\"TaggedAddresses\":{\"wan\":{\"Address\":\"198.51.100.1\",\"Port\":443}}}}");

        assertThat(text(api.call("GET", "/v1/catalog/service/api")))
                .contains("\"ServiceTaggedAddresses\":{\"wan\":{\"Address\":\"198.51.100.1\",\"Port\":443}}")
                .contains("\"ServiceConnect\":{\"Native\":true}");
        assertThat(text(api.call("GET", "/v1/catalog/node/n1"))).contains("\"Connect\":{\"Native\":true}")
                .contains("\"TaggedAddresses\":{\"wan\":{\"Address\":\"198.51.100.1\",\"Port\":443}}");
        assertThat(text(api.call("GET", "/v1/health/service/api"))).contains("\"Connect\":{\"Native\":true}");
        assertThat(text(api.call("GET", "/v1/catalog/service/api?filter=ServiceConnect.Native == true")))
                .contains("\"ServiceName\":\"api\"");
        assertThat(text(api.call("GET", "/v1/catalog/service/api?filter=ServiceTaggedAddresses.wan.Port == 443")))
                .contains("\"ServiceName\":\"api\"");
        assertThat(text(api.call("GET", "/v1/catalog/service/api?filter=ServiceTaggedAddresses.wan.Port == 80")))
                .isEqualTo("[]");
    }

    @Test
    void aConnectProxyWithoutDestination_is400WithConsulsText() {
        assertThatThrownBy(() -> agentJson("{\"Name\":\"p\",\"Kind\":\"connect-proxy\",\"Port\":21000}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Validation failed: 1 error occurred:\n\t* Proxy.DestinationServiceName must be "
                        + "non-empty for Connect proxy services\n\n");
    }

    @Test
    void theCatalog_refusesAConnectProxyWithoutPort_asConsulsRpcDoes() {
        ApiResponse r = api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\","
                + "\"Service\":{\"Service\":\"p\",\"Kind\":\"connect-proxy\",\"Proxy\":{\"DestinationServiceName\":\"web\"}}}");

        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).isEqualTo("1 error occurred:\n\t* Port or SocketPath must be set for a connect-proxy\n\n");
        assertThat(text(api.call("GET", "/v1/catalog/node/n1"))).isEqualTo("null");
    }

    @Test
    void aKindConsulDoesNotKnow_isKeptAsGiven_asConsulKeepsIt() throws Exception {
        ApiResponse r = api.call("PUT", "/v1/catalog/register", catalogRegister("n1",
                "{\"Service\":\"p\",\"Kind\":\"sidecar\",\"Port\":1}"));

        assertThat(r.status()).as(text(r)).isEqualTo(200);
        assertThat(json(api.call("GET", "/v1/catalog/service/p")).get(0).get("ServiceKind").asText())
                .isEqualTo("sidecar");
    }

    @Test
    void filters_selectByKindAndProxyFields() {
        String proxy = PROXY.replace("\"Name\"", "\"Service\"");
        api.call("PUT", "/v1/catalog/register", catalogRegister("n1", proxy));

        assertThat(text(api.call("GET", "/v1/catalog/service/web-proxy?filter=ServiceKind == \"connect-proxy\"")))
                .contains("web-proxy");
        assertThat(text(api.call("GET", "/v1/catalog/service/web-proxy?filter="
                + "ServiceProxy.DestinationServiceName == \"web\""))).contains("web-proxy");
        assertThat(text(api.call("GET", "/v1/catalog/service/web-proxy?filter="
                + "ServiceProxy.Upstreams.DestinationName contains \"db\""))).contains("web-proxy");
        assertThat(text(api.call("GET", "/v1/health/service/web-proxy?filter=Service.Kind == \"\""))).isEqualTo("[]");
    }
}
