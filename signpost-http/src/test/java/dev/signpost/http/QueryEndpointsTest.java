package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

/** {@code /v1/query}: Consul's requests and answers, field by field, its error texts and its ACL rules. */
class QueryEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final ApiTestSupport api = new ApiTestSupport();

    private void registerWeb(ApiTestSupport on, String token) {
        for (String node : new String[] {"n1", "n2"}) {
            on.as(token, "PUT", "/v1/catalog/register", "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0."
                    + node.charAt(1) + "\",\"Service\":{\"ID\":\"web-" + node + "\",\"Service\":\"web\",\"Port\":80,"
                    + "\"Tags\":[\"" + (node.equals("n1") ? "v1" : "v2") + "\"]}}");
        }
    }

    private static JsonNode json(ApiResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    private String create(String body) throws Exception {
        ApiResponse created = api.call("POST", "/v1/query", body);
        assertThat(created.status()).as(text(created)).isEqualTo(200);
        return json(created).get("ID").asText();
    }

    @Test
    void create_read_list_update_delete_asConsul() throws Exception {
        String id = create("{\"Name\":\"web\",\"Service\":{\"Service\":\"web\",\"Tags\":[\"v1\"]},\"DNS\":{\"TTL\":\"10s\"}}");
        assertThat(id).matches("[0-9a-f-]{36}");
        JsonNode read = json(api.call("GET", "/v1/query/" + id)).get(0);
        assertThat(read.get("ID").asText()).isEqualTo(id);
        assertThat(read.get("Name").asText()).isEqualTo("web");
        assertThat(read.get("Service").get("Service").asText()).isEqualTo("web");
        assertThat(read.get("Service").get("Tags").get(0).asText()).isEqualTo("v1");
        assertThat(read.get("Service").get("Failover").get("NearestN").asInt()).isZero();
        assertThat(read.get("Service").get("Failover").get("Datacenters").isNull()).isTrue();
        assertThat(read.get("DNS").get("TTL").asText()).isEqualTo("10s");
        assertThat(read.get("Template").get("Type").asText()).isEmpty();
        assertThat(read.get("CreateIndex").asLong()).isPositive();
        assertThat(json(api.call("GET", "/v1/query"))).hasSize(1);

        ApiResponse updated = api.call("PUT", "/v1/query/" + id, "{\"Name\":\"web\",\"Service\":{\"Service\":\"db\"}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).isEmpty();
        assertThat(json(api.call("GET", "/v1/query/" + id)).get(0).get("Service").get("Service").asText())
                .isEqualTo("db");

        assertThat(api.call("DELETE", "/v1/query/" + id).status()).isEqualTo(200);
        ApiResponse gone = api.call("GET", "/v1/query/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(text(gone)).isEqualTo("Query not found");
        assertThat(text(api.call("GET", "/v1/query"))).isEqualTo("[]");
    }

    @Test
    void aBlockingList_returnsWhenAQueryIsWritten() throws Exception {
        create("{\"Name\":\"first\",\"Service\":{\"Service\":\"web\"}}");
        ApiResponse listed = api.call("GET", "/v1/query");
        long index = Long.parseLong(listed.headers().get("X-Consul-Index"));
        java.util.concurrent.CompletableFuture<ApiResponse> waiting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> api.call("GET", "/v1/query?index=" + index + "&wait=30s"));
        Thread.sleep(200); // the read is waiting; the write below must wake it, not its 30 s end
        create("{\"Name\":\"second\",\"Service\":{\"Service\":\"web\"}}");
        ApiResponse woken = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(json(woken)).hasSize(2);
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(index);
    }

    @Test
    void execute_byNameOrId_answersConsulsFields() throws Exception {
        registerWeb(api, "");
        String id = create("{\"Name\":\"web\",\"Service\":{\"Service\":\"web\"},\"DNS\":{\"TTL\":\"10s\"}}");
        for (String key : new String[] {"web", id}) {
            ApiResponse executed = api.call("GET", "/v1/query/" + key + "/execute");
            assertThat(executed.status()).as(text(executed)).isEqualTo(200);
            JsonNode body = json(executed);
            assertThat(body.get("Service").asText()).isEqualTo("web");
            assertThat(body.get("Nodes")).hasSize(2);
            assertThat(body.get("Nodes").get(0).get("Service").get("Service").asText()).isEqualTo("web");
            assertThat(body.get("Nodes").get(0).has("Checks")).isTrue();
            assertThat(body.get("DNS").get("TTL").asText()).isEqualTo("10s");
            assertThat(body.get("Datacenter").asText()).isEqualTo("dc1");
            assertThat(body.get("Failovers").asInt()).isZero();
            assertThat(body.has("Index")).isTrue();
            assertThat(executed.headers()).containsKey("X-Consul-Index");
        }
        assertThat(json(api.call("GET", "/v1/query/web/execute?limit=1")).get("Nodes")).hasSize(1);
        assertThat(json(api.call("GET", "/v1/query/web/execute?connect=true")).get("Nodes")).isEmpty();
    }

    @Test
    void nearIp_putsTheNodeWithTheCallersForwardedAddressFirst() throws Exception {
        registerWeb(api, "");
        create("{\"Name\":\"web\",\"Service\":{\"Service\":\"web\",\"Near\":\"_ip\"}}");
        for (int i = 0; i < 10; i++) {
            ApiResponse executed = api.call("GET", "/v1/query/web/execute", "", Map.of("x-forwarded-for", "10.0.0.2"));
            assertThat(json(executed).get("Nodes").get(0).get("Node").get("Node").asText()).isEqualTo("n2");
        }
    }

    @Test
    void aTemplate_rendersForTheName_andExplainShowsTheRenderedQuery() throws Exception {
        registerWeb(api, "");
        create("{\"Name\":\"geo-\",\"Template\":{\"Type\":\"name_prefix_match\",\"Regexp\":\"^geo-(.*)$\"},"
                + "\"Service\":{\"Service\":\"${match(1)}\",\"Tags\":[\"${name.suffix}\"]}}");
        ApiResponse explained = api.call("GET", "/v1/query/geo-web/explain");
        assertThat(explained.status()).as(text(explained)).isEqualTo(200);
        assertThat(json(explained).get("Query").get("Service").get("Service").asText()).isEqualTo("web");
        assertThat(json(explained).get("Query").get("Service").get("Tags").get(0).asText()).isEqualTo("web");
        assertThat(json(api.call("GET", "/v1/query/geo-web/execute")).get("Service").asText()).isEqualTo("web");
    }

    @Test
    void badInput_getsConsulsStatusAndText_andStoresNothing() {
        assertThat(api.call("POST", "/v1/query", "{\"Name\":").status()).isEqualTo(400);
        assertThat(text(api.call("POST", "/v1/query", "{\"Name\":\"x\",\"Service\":{\"Service\":5}}")))
                .startsWith("Request decode failed: ");
        expect(api.call("POST", "/v1/query", "{\"Name\":\"x\"}"), 500,
                "Invalid prepared query: Must provide a Service name to query");
        expect(api.call("POST", "/v1/query", "{\"Service\":{\"Service\":\"web\"}}"), 500,
                "Invalid prepared query: Must be bound to a session");
        expect(api.call("POST", "/v1/query", "{\"Name\":\"x\",\"Service\":{\"Service\":\"web\"},\"DNS\":{\"TTL\":\"x\"}}"),
                500, "Invalid prepared query: Bad DNS TTL 'x': time: invalid duration \"x\"");
        expect(api.call("POST", "/v1/query", "{\"ID\":\"abc\",\"Name\":\"x\",\"Service\":{\"Service\":\"web\"}}"), 500,
                "ID must be empty when creating a new prepared query");
        expect(api.call("POST", "/v1/query", "{\"Session\":\"nope\",\"Service\":{\"Service\":\"web\"}}"), 500,
                "raft apply failed: invalid session \"nope\"");
        expect(api.call("PUT", "/v1/query/nope", "{\"Name\":\"x\",\"Service\":{\"Service\":\"web\"}}"), 500,
                "Cannot modify non-existent prepared query: 'nope'");
        expect(api.call("DELETE", "/v1/query/nope"), 500, "Cannot modify non-existent prepared query: 'nope'");
        expect(api.call("GET", "/v1/query/nope/execute"), 404, "Query not found");
        expect(api.call("GET", "/v1/query/nope/explain"), 404, "Query not found");
        assertThat(text(api.call("GET", "/v1/query"))).isEqualTo("[]");
    }

    @Test
    void duplicateNames_badLimits_andWrongMethods_areConsulsErrors() throws Exception {
        create("{\"Name\":\"web\",\"Service\":{\"Service\":\"web\"}}");
        expect(api.call("POST", "/v1/query", "{\"Name\":\"web\",\"Service\":{\"Service\":\"db\"}}"), 500,
                "raft apply failed: name 'web' aliases an existing query name");
        expect(api.call("GET", "/v1/query/web/execute?limit=x"), 500,
                "Bad limit: strconv.Atoi: parsing \"x\": invalid syntax");
        expect(api.call("PUT", "/v1/query/web/execute", ""), 405, "method PUT not allowed");
        assertThat(api.call("POST", "/v1/query/web", "").status()).isEqualTo(405);
    }

    @Test
    void underAcls_writesNeedQueryWrite_namedReadsNeedQueryRead_andTokensAreHidden() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        registerWeb(acl, ROOT);
        String reader = token(acl, "reader", "query_prefix \"web\" { policy = \"read\" }\n"
                + "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
        String writer = token(acl, "writer", "query_prefix \"web\" { policy = \"write\" }");

        ApiResponse denied = acl.as(reader, "POST", "/v1/query", "{\"Name\":\"web\",\"Service\":{\"Service\":\"web\"}}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(text(denied)).startsWith("Permission denied: token with AccessorID '")
                .endsWith("lacks permission 'query:write' on \"web\"");
        ApiResponse created = acl.as(writer, "POST", "/v1/query",
                "{\"Name\":\"web\",\"Token\":\"" + reader + "\",\"Service\":{\"Service\":\"web\"}}");
        assertThat(created.status()).as(text(created)).isEqualTo(200);
        String id = json(created).get("ID").asText();

        assertThat(json(acl.as(reader, "GET", "/v1/query/" + id, "")).get(0).get("Token").asText())
                .isEqualTo("<hidden>");
        assertThat(json(acl.as(ROOT, "GET", "/v1/query/" + id, "")).get(0).get("Token").asText()).isEqualTo(reader);
        ApiResponse anonymous = acl.as("", "GET", "/v1/query/" + id, "");
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(text(anonymous)).isEqualTo("Permission denied");
        ApiResponse list = acl.as("", "GET", "/v1/query", "");
        assertThat(text(list)).isEqualTo("[]");
        assertThat(list.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        assertThat(acl.as("", "GET", "/v1/query/web/explain", "").status()).isEqualTo(403);
        assertThat(acl.as("", "DELETE", "/v1/query/" + id, "").status()).isEqualTo(403);

        // Execute asks no query rule; its nodes are what the query's own token may read.
        ApiResponse executed = acl.as("", "GET", "/v1/query/web/execute", "");
        assertThat(executed.status()).as(text(executed)).isEqualTo(200);
        assertThat(json(executed).get("Nodes")).hasSize(2);
    }

    private static String token(ApiTestSupport on, String name, String rules) throws Exception {
        on.as(ROOT, "PUT", "/v1/acl/policy", JSON.writeValueAsString(Map.of("Name", name, "Rules", rules)));
        ApiResponse token = on.as(ROOT, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"" + name + "\"}]}");
        return JSON.readTree(token.body()).get("SecretID").asText();
    }

    private static void expect(ApiResponse response, int status, String text) {
        assertThat(text(response)).isEqualTo(text);
        assertThat(response.status()).isEqualTo(status);
    }
}
