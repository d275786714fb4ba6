package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

class UiAggregateEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final ApiTestSupport api = new ApiTestSupport();

    private static void register(ApiTestSupport api, String token, String node, String address, String service,
                                 String checks) {
        ApiResponse r = api.as(token, "PUT", "/v1/catalog/register", "{\"Node\":\"" + node + "\",\"Address\":\""
                + address + "\"" + (service.isEmpty() ? "" : ",\"Service\":" + service) + ",\"Checks\":[" + checks
                + "]}");
        assertThat(text(r)).isEqualTo("true");
    }

    private void seed() {
        register(api, "", "a", "10.0.0.1", "{\"ID\":\"web-a\",\"Service\":\"web\",\"Tags\":[\"v2\",\"primary\"],"
                + "\"Meta\":{\"external-source\":\"nomad\"}}", "{\"CheckID\":\"serfHealth\",\"Name\":\"Serf\","
                + "\"Status\":\"passing\"},{\"CheckID\":\"web-a-http\",\"Name\":\"http\",\"Status\":\"critical\","
                + "\"ServiceID\":\"web-a\",\"Output\":\"connection refused\"}");
        register(api, "", "b", "10.0.0.2", "{\"ID\":\"web-b\",\"Service\":\"web\",\"Tags\":[\"v2\"]}",
                "{\"CheckID\":\"web-b-ttl\",\"Name\":\"ttl\",\"Status\":\"warning\",\"ServiceID\":\"web-b\"}");
        register(api, "", "a", "10.0.0.1", "{\"ID\":\"db-1\",\"Service\":\"db\",\"Port\":5432}", "");
    }

    private static JsonNode json(ApiResponse response) throws Exception {
        assertThat(response.status()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void services_summariseEachService_inConsulsShape() {
        seed();

        ApiResponse r = api.call("GET", "/v1/internal/ui/services");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsKey("X-Consul-Index").containsEntry("X-Consul-KnownLeader", "true");
        // db shares node a's serfHealth check; web counts it once though web-a and the node check share node a.
        assertThat(text(r)).isEqualTo("[{\"Name\":\"db\",\"Datacenter\":\"dc1\",\"Tags\":null,\"Nodes\":[\"a\"],"
                + "\"ExternalSources\":null,\"InstanceCount\":1,\"ChecksPassing\":1,\"ChecksWarning\":0,"
                + "\"ChecksCritical\":0,\"GatewayConfig\":{},\"TransparentProxy\":false,\"ConnectNative\":false,"
                + "\"ConnectedWithProxy\":false,\"ConnectedWithGateway\":false},"
                + "{\"Name\":\"web\",\"Datacenter\":\"dc1\",\"Tags\":[\"primary\",\"v2\"],\"Nodes\":[\"a\",\"b\"],"
                + "\"ExternalSources\":[\"nomad\"],\"InstanceCount\":2,\"ChecksPassing\":1,\"ChecksWarning\":1,"
                + "\"ChecksCritical\":1,\"GatewayConfig\":{},\"TransparentProxy\":false,\"ConnectNative\":false,"
                + "\"ConnectedWithProxy\":false,\"ConnectedWithGateway\":false}]");
    }

    @Test
    void services_onAnEmptyCatalog_isAnEmptyList() {
        assertThat(text(api.call("GET", "/v1/internal/ui/services"))).isEqualTo("[]");
        assertThat(text(api.call("GET", "/v1/internal/ui/nodes"))).isEqualTo("[]");
    }

    @Test
    void services_filterSelectsInstancesAsHealthServiceDoes() throws Exception {
        seed();

        JsonNode kept = json(api.call("GET", "/v1/internal/ui/services?filter=Node.Node%20==%20b"
                .replace("%20", " ")));

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("Name").asText()).isEqualTo("web");
        assertThat(kept.get(0).get("InstanceCount").asInt()).isEqualTo(1);
        assertThat(kept.get(0).get("ChecksWarning").asInt()).isEqualTo(1);
        assertThat(kept.get(0).get("ChecksCritical").asInt()).isZero();
    }

    @Test
    void badFilter_is400WithTheParsersMessage_andChangesNothing() {
        seed();
        ApiResponse r = api.call("GET", "/v1/internal/ui/services?filter=Nope ==");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).isNotBlank();
        assertThat(api.call("GET", "/v1/internal/ui/nodes?filter=Unknown == 1").status()).isEqualTo(400);
        assertThat(text(api.call("GET", "/v1/internal/ui/services"))).contains("\"Name\":\"web\"");
    }

    @Test
    void services_blockingQuery_answersWhenACheckChanges() throws Exception {
        seed();
        long index = Long.parseLong(api.call("GET", "/v1/internal/ui/services").headers().get("X-Consul-Index"));

        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/internal/ui/services?index=" + index + "&wait=30s"));
        Thread.sleep(100); // let the query park; it must not answer before the write
        assertThat(waiting).isNotDone();
        register(api, "", "b", "10.0.0.2", "", "{\"CheckID\":\"web-b-ttl\",\"Name\":\"ttl\",\"Status\":\"critical\","
                + "\"ServiceID\":\"web-b\"}");

        ApiResponse r = waiting.get(5, TimeUnit.SECONDS);
        assertThat(Long.parseLong(r.headers().get("X-Consul-Index"))).isGreaterThan(index);
        assertThat(text(r)).contains("\"ChecksWarning\":0,\"ChecksCritical\":2");
    }

    @Test
    void nodes_listEachNodeWithItsServicesAndChecks() throws Exception {
        seed();

        JsonNode nodes = json(api.call("GET", "/v1/internal/ui/nodes"));

        assertThat(nodes).hasSize(2);
        JsonNode a = nodes.get(0);
        assertThat(a.get("Node").asText()).isEqualTo("a");
        assertThat(a.get("Address").asText()).isEqualTo("10.0.0.1");
        assertThat(a.has("TaggedAddresses")).isTrue();
        assertThat(a.has("Meta")).isTrue();
        assertThat(a.get("Services").findValuesAsText("ID")).containsExactly("db-1", "web-a");
        assertThat(a.get("Checks").findValuesAsText("CheckID")).containsExactly("serfHealth", "web-a-http");
        assertThat(a.get("Checks").get(1).get("Output").asText()).isEqualTo("connection refused");
        assertThat(json(api.call("GET", "/v1/internal/ui/nodes?filter=Services.Service contains db")))
                .extracting(n -> n.get("Node").asText()).containsExactly("a");
    }

    @Test
    void node_isOneNodeInfo_unknownIs404WithNoBody_missingNameIs400() throws Exception {
        seed();

        JsonNode b = json(api.call("GET", "/v1/internal/ui/node/b"));
        assertThat(b.get("Node").asText()).isEqualTo("b");
        assertThat(b.get("Checks").get(0).get("Status").asText()).isEqualTo("warning");

        ApiResponse unknown = api.call("GET", "/v1/internal/ui/node/nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
        assertThat(unknown.headers()).doesNotContainKey("X-Consul-Index");

        ApiResponse missing = api.call("GET", "/v1/internal/ui/node/");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(text(missing)).isEqualTo("Missing node name");
    }

    @Test
    void aclFiltering_showsOnlyWhatTheTokenMayRead_andSaysSo() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        register(acl, ROOT, "a", "10.0.0.1", "{\"ID\":\"web-a\",\"Service\":\"web\"}", "");
        register(acl, ROOT, "a", "10.0.0.1", "{\"ID\":\"db-1\",\"Service\":\"db\"}", "");
        register(acl, ROOT, "b", "10.0.0.2", "{\"ID\":\"web-b\",\"Service\":\"web\"}", "");
        ApiResponse policy = acl.as(ROOT, "PUT", "/v1/acl/policy", JSON.writeValueAsString(Map.of("Name", "web-on-a",
                "Rules", "service \"web\" { policy = \"read\" }\nnode \"a\" { policy = \"read\" }")));
        assertThat(policy.status()).as(text(policy)).isEqualTo(200);
        String token = JSON.readTree(acl.as(ROOT, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"web-on-a\"}]}")
                .body()).get("SecretID").asText();

        ApiResponse services = acl.as(token, "GET", "/v1/internal/ui/services", "");
        assertThat(json(services)).extracting(s -> s.get("Name").asText() + ":" + s.get("InstanceCount").asInt())
                .containsExactly("web:1");
        assertThat(services.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");

        ApiResponse nodes = acl.as(token, "GET", "/v1/internal/ui/nodes", "");
        JsonNode visible = json(nodes);
        assertThat(visible).extracting(n -> n.get("Node").asText()).containsExactly("a");
        assertThat(visible.get(0).get("Services").findValuesAsText("Service")).containsExactly("web");
        assertThat(nodes.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");

        assertThat(acl.as(token, "GET", "/v1/internal/ui/node/b", "").status()).isEqualTo(404);
        assertThat(text(acl.as("", "GET", "/v1/internal/ui/services", ""))).isEqualTo("[]");
        assertThat(acl.as(ROOT, "GET", "/v1/internal/ui/services", "").headers())
                .doesNotContainKey("X-Consul-Results-Filtered-By-ACLs");
    }
}
