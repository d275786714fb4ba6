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

/**
 * ingress-gateway and terminating-gateway config entries, {@code /v1/catalog/gateway-services/:gateway} and
 * {@code /v1/health/ingress/:service}.
 */
class GatewayEndpointsTest {
    private static final String ROOT = "4b7d2c1e-8a9f-4e3b-b6d5-0c1f2e3a4b5c";
    private static final String INGRESS = "{\"Kind\":\"ingress-gateway\",\"Name\":\"my-ingress-gateway\","
            + "\"Listeners\":[{\"Port\":8888,\"Protocol\":\"http\",\"Services\":[{\"Name\":\"api\","
            + "\"Hosts\":[\"api.mydomain.com\"]}]},{\"Port\":8443,\"Protocol\":\"tcp\",\"Services\":"
            + "[{\"Name\":\"redis\"}]}]}";
    private static final String TERMINATING = "{\"Kind\":\"terminating-gateway\",\"Name\":\"my-terminating-gateway\","
            + "\"Services\":[{\"Name\":\"api\",\"CAFile\":\"/etc/certs/ca.pem\",\"CertFile\":"
            + "\"/etc/certs/api/client.pem\",\"KeyFile\":\"/etc/certs/api/client.key\",\"SNI\":\"api.my-domain\"},"
            + "{\"Name\":\"web\"}]}";

    private final ApiTestSupport api = new ApiTestSupport();

    private static String gateway(String node, String id, String name, String kind, String status) {
        return "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0.9\",\"Service\":{\"ID\":\"" + id + "\",\"Service\":\""
                + name + "\",\"Kind\":\"" + kind + "\",\"Port\":8443},\"Check\":{\"CheckID\":\"" + id + "-alive\","
                + "\"ServiceID\":\"" + id + "\",\"Status\":\"" + status + "\"}}";
    }

    private static void register(ApiTestSupport on, String token, String body) {
        assertThat(text(on.as(token, "PUT", "/v1/catalog/register", body))).isEqualTo("true");
    }

    private void httpDefaults(ApiTestSupport on, String token, String service) {
        expect(on.as(token, "PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"" + service
                + "\",\"Protocol\":\"http\"}"), 200, "true");
    }

    @Test
    void entries_roundTripThroughTheConfigApi_inConsulsShape() throws Exception {
        httpDefaults(api, "", "api");
        expect(api.call("PUT", "/v1/config", INGRESS), 200, "true");
        expect(api.call("PUT", "/v1/config", TERMINATING), 200, "true");

        JsonNode ingress = json(api.call("GET", "/v1/config/ingress-gateway/my-ingress-gateway"));
        assertThat(ingress.toString()).startsWith("{\"Kind\":\"ingress-gateway\",\"Name\":\"my-ingress-gateway\","
                + "\"TLS\":{\"Enabled\":false},\"Listeners\":[{\"Port\":8888,\"Protocol\":\"http\",\"Services\":"
                + "[{\"Name\":\"api\",\"Hosts\":[\"api.mydomain.com\"]}]},{\"Port\":8443,\"Protocol\":\"tcp\","
                + "\"Services\":[{\"Name\":\"redis\",\"Hosts\":null}]}],\"CreateIndex\":");
        JsonNode terminating = json(api.call("GET", "/v1/config/terminating-gateway/my-terminating-gateway"));
        assertThat(terminating.get("Services").toString()).isEqualTo("[{\"Name\":\"api\",\"CAFile\":"
                + "\"/etc/certs/ca.pem\",\"CertFile\":\"/etc/certs/api/client.pem\",\"KeyFile\":"
                + "\"/etc/certs/api/client.key\",\"SNI\":\"api.my-domain\"},{\"Name\":\"web\"}]");
        assertThat(json(api.call("GET", "/v1/config/ingress-gateway"))).hasSize(1);
    }

    @Test
    void badEntries_areConsuls500_andNothingIsStored() throws Exception {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"ingress-gateway\",\"Name\":\"ig\",\"Listeners\":"
                + "[{\"Port\":80,\"Protocol\":\"udp\",\"Services\":[{\"Name\":\"a\"}]}]}"), 500,
                "protocol must be 'tcp', 'http', 'http2', or 'grpc'. 'udp' is an unsupported protocol");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"ingress-gateway\",\"Name\":\"ig\",\"Listeners\":"
                + "[{\"Port\":80,\"Protocol\":\"http\",\"Services\":[{\"Name\":\"web\"}]}]}"), 500,
                "service \"web\" has protocol \"tcp\", which does not match defined listener protocol \"http\"");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"terminating-gateway\",\"Name\":\"tg\",\"Services\":"
                + "[{\"Name\":\"db\",\"KeyFile\":\"/k\"}]}"), 500,
                "Service \"db\" must have a CertFile, CAFile, and KeyFile specified for TLS origination");
        expect(api.call("GET", "/v1/config/ingress-gateway/ig"), 404,
                "Config entry not found for \"ingress-gateway\" / \"ig\"");

        httpDefaults(api, "", "api");
        expect(api.call("PUT", "/v1/config", INGRESS), 200, "true");
        String mismatch = "service \"api\" has protocol \"tcp\", which does not match defined listener protocol "
                + "\"http\"";
        expect(api.call("DELETE", "/v1/config/service-defaults/api"), 500, mismatch);
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"api\",\"Protocol\":\"tcp\"}"),
                500, mismatch);
        assertThat(text(api.call("GET", "/v1/config/service-defaults/api"))).contains("\"Protocol\":\"http\"");

        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"terminating-gateway\",\"Name\":\"gw\"}"), 200, "true");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"ingress-gateway\",\"Name\":\"gw\"}"), 500,
                "cannot create a \"ingress-gateway\" config entry with name \"gw\", a \"terminating-gateway\" config "
                        + "entry with that name already exists");
    }

    @Test
    void gatewayServices_matchConsulsDocumentedResponses() throws Exception {
        httpDefaults(api, "", "api");
        api.call("PUT", "/v1/config", INGRESS);
        api.call("PUT", "/v1/config", TERMINATING);

        ApiResponse ingress = api.call("GET", "/v1/catalog/gateway-services/my-ingress-gateway");
        JsonNode mappings = json(ingress);
        long index = mappings.get(0).get("ModifyIndex").asLong();
        assertThat(mappings.toString()).isEqualTo("[{\"Gateway\":{\"Name\":\"my-ingress-gateway\"},\"Service\":"
                + "{\"Name\":\"api\"},\"GatewayKind\":\"ingress-gateway\",\"Port\":8888,\"Protocol\":\"http\","
                + "\"Hosts\":[\"api.mydomain.com\"],\"CreateIndex\":" + index + ",\"ModifyIndex\":" + index + "},"
                + "{\"Gateway\":{\"Name\":\"my-ingress-gateway\"},\"Service\":{\"Name\":\"redis\"},\"GatewayKind\":"
                + "\"ingress-gateway\",\"Port\":8443,\"Protocol\":\"tcp\",\"CreateIndex\":" + index
                + ",\"ModifyIndex\":" + index + "}]");
        assertThat(Long.parseLong(ingress.headers().get("X-Consul-Index"))).isGreaterThanOrEqualTo(index);

        JsonNode terminating = json(api.call("GET", "/v1/catalog/gateway-services/my-terminating-gateway"));
        long tIndex = terminating.get(0).get("CreateIndex").asLong();
        assertThat(terminating.toString()).isEqualTo("[{\"Gateway\":{\"Name\":\"my-terminating-gateway\"},"
                + "\"Service\":{\"Name\":\"api\"},\"GatewayKind\":\"terminating-gateway\",\"CAFile\":"
                + "\"/etc/certs/ca.pem\",\"CertFile\":\"/etc/certs/api/client.pem\",\"KeyFile\":"
                + "\"/etc/certs/api/client.key\",\"SNI\":\"api.my-domain\",\"CreateIndex\":" + tIndex
                + ",\"ModifyIndex\":" + tIndex + "},{\"Gateway\":{\"Name\":\"my-terminating-gateway\"},\"Service\":"
                + "{\"Name\":\"web\"},\"GatewayKind\":\"terminating-gateway\",\"CreateIndex\":" + tIndex
                + ",\"ModifyIndex\":" + tIndex + "}]");

        expect(api.call("GET", "/v1/catalog/gateway-services/unknown"), 200, "[]");
        expect(api.call("GET", "/v1/catalog/gateway-services/"), 400, "Missing gateway name");
    }

    @Test
    void wildcardMappings_followTheCatalog() throws Exception {
        api.call("PUT", "/v1/config", "{\"Kind\":\"terminating-gateway\",\"Name\":\"tg\",\"Services\":"
                + "[{\"Name\":\"*\"}]}");
        expect(api.call("GET", "/v1/catalog/gateway-services/tg"), 200, "[]");
        long index = Long.parseLong(api.call("GET", "/v1/catalog/gateway-services/tg").headers()
                .get("X-Consul-Index"));
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/catalog/gateway-services/tg?index=" + index + "&wait=30s"));
        api.awaitParkedRead(); // parked: the registration below must wake it, not its 30 s end

        register(api, "", "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":{\"Service\":\"billing\"}}");

        ApiResponse woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(json(woken).get(0).toString()).contains("\"Service\":{\"Name\":\"billing\"}",
                "\"FromWildcard\":true");
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(index);
    }

    @Test
    void healthIngress_listsTheIngressInstancesFrontingTheService_withHealth_filterAndBlocking() throws Exception {
        httpDefaults(api, "", "api");
        api.call("PUT", "/v1/config", INGRESS);
        register(api, "", gateway("n1", "ig-1", "my-ingress-gateway", "ingress-gateway", "passing"));
        register(api, "", gateway("n2", "ig-2", "my-ingress-gateway", "ingress-gateway", "critical"));
        register(api, "", gateway("n3", "other", "other-gateway", "ingress-gateway", "passing"));

        JsonNode all = json(api.call("GET", "/v1/health/ingress/api"));
        assertThat(all).extracting(n -> n.get("Service").get("ID").asText()).containsExactly("ig-1", "ig-2");
        assertThat(all.get(0).get("Service").get("Kind").asText()).isEqualTo("ingress-gateway");
        assertThat(all.get(0).get("Checks").get(0).get("Status").asText()).isEqualTo("passing");
        assertThat(json(api.call("GET", "/v1/health/ingress/api?passing")))
                .extracting(n -> n.get("Service").get("ID").asText()).containsExactly("ig-1");
        assertThat(json(api.call("GET", "/v1/health/ingress/api?filter=Node.Node == \"n2\"")))
                .extracting(n -> n.get("Service").get("ID").asText()).containsExactly("ig-2");
        expect(api.call("GET", "/v1/health/ingress/billing"), 200, "[]");
        expect(api.call("GET", "/v1/health/ingress/"), 400, "Missing service name");

        long index = Long.parseLong(api.call("GET", "/v1/health/ingress/api").headers().get("X-Consul-Index"));
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/health/ingress/api?index=" + index + "&wait=30s"));
        api.awaitParkedRead(); // parked: the registration below must wake it, not its 30 s end

        register(api, "", gateway("n4", "ig-3", "my-ingress-gateway", "ingress-gateway", "passing"));

        ApiResponse woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(json(woken)).hasSize(3);
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(index);
    }

    @Test
    void aBlockingHealthIngressRead_isWokenByAGatewayEntryChange() throws Exception {
        httpDefaults(api, "", "api");
        register(api, "", gateway("n1", "ig-1", "my-ingress-gateway", "ingress-gateway", "passing"));
        expect(api.call("GET", "/v1/health/ingress/api"), 200, "[]");
        long index = Long.parseLong(api.call("GET", "/v1/health/ingress/api").headers().get("X-Consul-Index"));
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/health/ingress/api?index=" + index + "&wait=30s"));
        api.awaitParkedRead(); // parked: the entry below must wake it, not its 30 s end

        api.call("PUT", "/v1/config", INGRESS);

        assertThat(json(waiting.get(10, TimeUnit.SECONDS))).hasSize(1);
    }

    @Test
    void underAcls_gatewayEntriesNeedMeshWrite_andReadsFollowServiceRules() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        httpDefaults(acl, ROOT, "api");
        String apiOnly = acl.token(ROOT, "api", "service \"api\" { policy = \"write\" }");
        ApiResponse denied = acl.as(apiOnly, "PUT", "/v1/config", INGRESS);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(text(denied)).endsWith("lacks permission 'mesh:write'");
        expect(acl.as(ROOT, "PUT", "/v1/config", INGRESS), 200, "true");
        register(acl, ROOT, gateway("n1", "ig-1", "my-ingress-gateway", "ingress-gateway", "passing"));

        String gatewayAndApi = acl.token(ROOT, "gw", "service \"my-ingress-gateway\" { policy = \"read\" }\n"
                + "service \"api\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
        ApiResponse noGateway = acl.as(apiOnly, "GET", "/v1/catalog/gateway-services/my-ingress-gateway", "");
        assertThat(noGateway.status()).isEqualTo(403);
        assertThat(text(noGateway)).endsWith("lacks permission 'service:read' on \"my-ingress-gateway\"");
        ApiResponse filtered = acl.as(gatewayAndApi, "GET", "/v1/catalog/gateway-services/my-ingress-gateway", "");
        assertThat(json(filtered)).extracting(n -> n.get("Service").get("Name").asText()).containsExactly("api");
        assertThat(filtered.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        assertThat(acl.as(apiOnly, "GET", "/v1/config/ingress-gateway/my-ingress-gateway", "").status())
                .isEqualTo(403);
        assertThat(acl.as(gatewayAndApi, "GET", "/v1/config/ingress-gateway/my-ingress-gateway", "").status())
                .isEqualTo(200);

        assertThat(json(acl.as(gatewayAndApi, "GET", "/v1/health/ingress/api", ""))).hasSize(1);
        expect(acl.as(gatewayAndApi, "GET", "/v1/health/ingress/redis", ""), 200, "[]");
        assertThat(json(acl.as(apiOnly, "GET", "/v1/health/ingress/api", ""))).isEmpty();
    }
}
