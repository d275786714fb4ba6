package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.expect;
import static dev.signpost.http.ApiTestSupport.json;
import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.core.config.DiscoveryChain;

/** The chain kinds under /v1/config and GET /v1/discovery-chain/:service, through the route table. */
class DiscoveryChainEndpointsTest {
    private static final String ROOT = "root-secret";
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void theDefaultChain_isConsulsJson() throws Exception {
        ApiResponse read = api.call("GET", "/v1/discovery-chain/web");

        assertThat(read.status()).isEqualTo(200);
        String sni = "web.default.dc1.internal." + DiscoveryChain.trustDomain("dc1");
        assertThat(text(read)).isEqualTo("{\"Chain\":{\"ServiceName\":\"web\",\"Namespace\":\"default\","
                + "\"Partition\":\"default\",\"Datacenter\":\"dc1\",\"Default\":true,\"Protocol\":\"tcp\","
                + "\"StartNode\":\"resolver:web.default.default.dc1\",\"Nodes\":{\"resolver:web.default.default.dc1\":"
                + "{\"Type\":\"resolver\",\"Name\":\"web.default.default.dc1\",\"Resolver\":{\"ConnectTimeout\":\"5s\","
                + "\"Default\":true,\"Target\":\"web.default.default.dc1\"}}},\"Targets\":{\"web.default.default.dc1\":"
                + "{\"ConnectTimeout\":\"5s\",\"ID\":\"web.default.default.dc1\",\"Service\":\"web\","
                + "\"Namespace\":\"default\",\"Partition\":\"default\",\"Datacenter\":\"dc1\",\"MeshGateway\":{},"
                + "\"Subset\":{},\"TransparentProxy\":{},\"SNI\":\"" + sni + "\",\"Name\":\"" + sni + "\"}},"
                + "\"AutoVirtualIPs\":null,\"ManualVirtualIPs\":null}}");
        assertThat(read.headers()).containsKey("X-Consul-Index");
    }

    @Test
    void compileDc_andAMissingName() throws Exception {
        assertThat(json(api.call("GET", "/v1/discovery-chain/web?compile-dc=dc2")).get("Chain").get("StartNode")
                .asText()).isEqualTo("resolver:web.default.default.dc2");
        expect(api.call("GET", "/v1/discovery-chain/"), 400, "Missing chain name");
    }

    @Test
    void post_withOverrides_compilesAConsulCustomizedChain() throws Exception {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-resolver\",\"Name\":\"web\",\"Redirect\":"
                + "{\"Datacenter\":\"dc2\"}}"), 200, "true");

        JsonNode chain = json(api.call("POST", "/v1/discovery-chain/web", "{\"OverrideConnectTimeout\":\"7s\","
                + "\"OverrideProtocol\":\"grpc\",\"OverrideMeshGateway\":{\"Mode\":\"remote\"}}")).get("Chain");

        assertThat(chain.get("CustomizationHash").asText()).isEqualTo("b94f529a");
        assertThat(chain.get("Protocol").asText()).isEqualTo("grpc");
        assertThat(chain.get("Nodes").get("resolver:web.default.default.dc2").get("Resolver").toString())
                .isEqualTo("{\"ConnectTimeout\":\"7s\",\"Target\":\"web.default.default.dc2\"}");
        assertThat(chain.get("Targets").get("web.default.default.dc2").get("MeshGateway").toString())
                .isEqualTo("{\"Mode\":\"remote\"}");
        expect(api.call("POST", "/v1/discovery-chain/web", "{\"OverrideMeshGateway\":{\"Mode\":\"sideways\"}}"),
                400, "Invalid OverrideMeshGateway.Mode parameter");
        expect(api.call("POST", "/v1/discovery-chain/web", ""), 400, "Request decoding failed: EOF");
        expect(api.call("POST", "/v1/discovery-chain/web", "{\"OverrideConnectTimeout\":\"soon\"}"), 400,
                "Request decoding failed: 1 error(s) decoding:\n\n* error decoding 'OverrideConnectTimeout': "
                        + "time: invalid duration \"soon\"");
    }

    @Test
    void resolverSplitterRouter_areStoredReadBackAndCompiled() throws Exception {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"web\",\"Protocol\":\"http\"}"),
                200, "true");
        expect(api.call("PUT", "/v1/config", "{\"kind\":\"service-resolver\",\"name\":\"web\",\"connect_timeout\":"
                + "\"15s\",\"default_subset\":\"v1\",\"subsets\":{\"v1\":{\"filter\":\"Service.Meta.version == v1\"},"
                + "\"v2\":{\"filter\":\"Service.Meta.version == v2\",\"only_passing\":true}}}"), 200, "true");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-splitter\",\"Name\":\"web\",\"Splits\":["
                + "{\"Weight\":90,\"ServiceSubset\":\"v1\"},{\"Weight\":10,\"ServiceSubset\":\"v2\"}]}"), 200, "true");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-router\",\"Name\":\"web\",\"Routes\":[{\"Match\":"
                + "{\"HTTP\":{\"PathPrefix\":\"/v2\"}},\"Destination\":{\"ServiceSubset\":\"v2\","
                + "\"RequestTimeout\":\"2s\"}}]}"), 200, "true");

        JsonNode resolver = json(api.call("GET", "/v1/config/service-resolver/web"));
        assertThat(resolver.toString()).startsWith("{\"ConnectTimeout\":\"15s\",\"Kind\":\"service-resolver\","
                + "\"Name\":\"web\",\"DefaultSubset\":\"v1\",\"Subsets\":{\"v1\":{\"Filter\":\"Service.Meta.version == "
                + "v1\"},\"v2\":{\"Filter\":\"Service.Meta.version == v2\",\"OnlyPassing\":true}},\"CreateIndex\":");
        assertThat(json(api.call("GET", "/v1/config/service-splitter/web")).get("Splits").toString())
                .isEqualTo("[{\"Weight\":90,\"ServiceSubset\":\"v1\"},{\"Weight\":10,\"ServiceSubset\":\"v2\"}]");
        assertThat(json(api.call("GET", "/v1/config/service-router")).get(0).get("Routes").toString())
                .isEqualTo("[{\"Match\":{\"HTTP\":{\"PathPrefix\":\"/v2\"}},\"Destination\":{\"RequestTimeout\":\"2s\","
                        + "\"ServiceSubset\":\"v2\"}}]");

        JsonNode chain = json(api.call("GET", "/v1/discovery-chain/web")).get("Chain");
        assertThat(chain.get("StartNode").asText()).isEqualTo("router:web.default.default");
        assertThat(chain.get("Protocol").asText()).isEqualTo("http");
        assertThat(chain.get("Nodes").get("router:web.default.default").get("Routes").get(0).get("NextNode").asText())
                .isEqualTo("resolver:v2.web.default.default.dc1");
        assertThat(chain.get("Nodes").get("router:web.default.default").get("Routes").get(1).get("NextNode").asText())
                .isEqualTo("splitter:web.default.default");
        assertThat(chain.get("Nodes").get("resolver:v1.web.default.default.dc1").get("Resolver").toString())
                .isEqualTo("{\"ConnectTimeout\":\"15s\",\"Target\":\"v1.web.default.default.dc1\"}");
        assertThat(chain.get("Targets").get("v2.web.default.default.dc1").get("Subset").toString())
                .isEqualTo("{\"Filter\":\"Service.Meta.version == v2\",\"OnlyPassing\":true}");

        expect(api.call("DELETE", "/v1/config/service-router/web"), 200, "{}");
        assertThat(json(api.call("GET", "/v1/discovery-chain/web")).get("Chain").get("StartNode").asText())
                .isEqualTo("splitter:web.default.default");
    }

    @Test
    void aSplitterOnATcpService_isRefused_andSoIsTheChangeThatWouldBreakOne() throws Exception {
        String splitter = "{\"Kind\":\"service-splitter\",\"Name\":\"web\",\"Splits\":[{\"Weight\":50},"
                + "{\"Weight\":50,\"Service\":\"web-v2\"}]}";
        expect(api.call("PUT", "/v1/config", splitter), 500, "discovery chain \"web\" uses a protocol \"tcp\" that "
                + "does not permit advanced routing or splitting behavior");
        expect(api.call("GET", "/v1/config/service-splitter"), 200, "[]");

        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\",\"Config\":{\"protocol\":\"http\"}}"), 200,
                "true");
        expect(api.call("PUT", "/v1/config", splitter), 200, "true");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"web-v2\","
                + "\"Protocol\":\"tcp\"}"), 500, "discovery chain \"web\" uses inconsistent protocols; service "
                + "\"web-v2\" has \"tcp\" which is not \"http\"");
        expect(api.call("DELETE", "/v1/config/proxy-defaults/global"), 500, "discovery chain \"web\" uses a protocol "
                + "\"tcp\" that does not permit advanced routing or splitting behavior");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-resolver\",\"Name\":\"web\",\"Redirect\":"
                + "{\"Service\":\"web\",\"ServiceSubset\":\"v9\"}}"), 500,
                "Redirect.ServiceSubset \"v9\" is not a valid subset of \"web\"");
    }

    @Test
    void l7Intentions_onATcpService_areRefusedOnBothIntentionApis() throws Exception {
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db", "{\"Permissions\":["
                + "{\"Action\":\"allow\",\"HTTP\":{\"PathPrefix\":\"/\"}}]}"), 500, "service \"db\" has protocol "
                + "\"tcp\", which is incompatible with L7 intentions permissions");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-intentions\",\"Name\":\"db\",\"Sources\":["
                + "{\"Name\":\"web\",\"Permissions\":[{\"Action\":\"allow\",\"HTTP\":{\"PathPrefix\":\"/\"}}]}]}"),
                500, "service \"db\" has protocol \"tcp\", which is incompatible with L7 intentions permissions");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"db\",\"Protocol\":\"http\"}"),
                200, "true");
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db", "{\"Permissions\":["
                + "{\"Action\":\"allow\",\"HTTP\":{\"PathPrefix\":\"/\"}}]}"), 200, "true");
    }

    @Test
    void aWaitingRead_wakesOnAConfigEntryChange() throws Exception {
        api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"db\"}");
        ApiResponse first = api.call("GET", "/v1/discovery-chain/web");
        String index = first.headers().get("X-Consul-Index");
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/discovery-chain/web?index=" + index + "&wait=30s"));
        api.awaitParkedRead();
        assertThat(waiting).isNotDone();
        api.call("PUT", "/v1/config", "{\"Kind\":\"service-resolver\",\"Name\":\"web\",\"ConnectTimeout\":\"9s\"}");

        ApiResponse woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(Long.parseLong(index));
        assertThat(json(woken).get("Chain").get("Nodes").get("resolver:web.default.default.dc1").get("Resolver")
                .get("ConnectTimeout").asText()).isEqualTo("9s");
    }

    @Test
    void underAcls_chainEntriesNeedServiceRules_andReadServicesTheySendTo() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        String web = acl.token(ROOT, "web", "service \"web\" { policy = \"write\" }");
        String webAndApi = acl.token(ROOT, "web-api", "service \"web\" { policy = \"write\" }\n"
                + "service \"api\" { policy = \"read\" }");
        String redirect = "{\"Kind\":\"service-resolver\",\"Name\":\"web\",\"Redirect\":{\"Service\":\"api\"}}";

        ApiResponse denied = acl.as(web, "PUT", "/v1/config", redirect);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(text(denied)).endsWith("lacks permission 'service:read' on \"api\"");
        expect(acl.as(webAndApi, "PUT", "/v1/config", redirect), 200, "true");
        assertThat(acl.as(web, "PUT", "/v1/config", "{\"Kind\":\"service-resolver\",\"Name\":\"db\"}").status())
                .isEqualTo(403);
        assertThat(acl.as(web, "GET", "/v1/config/service-resolver/web", "").status()).isEqualTo(200);
        assertThat(acl.as("", "GET", "/v1/config/service-resolver/web", "").status()).isEqualTo(403);
        assertThat(acl.as(web, "GET", "/v1/discovery-chain/web", "").status()).isEqualTo(200);
        assertThat(acl.as(web, "GET", "/v1/discovery-chain/db", "").status()).isEqualTo(403);
    }
}
