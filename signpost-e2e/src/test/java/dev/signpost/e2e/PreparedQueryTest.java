package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Prepared queries driven as a user does: curl-like HTTP to define, read, execute and explain them, {@code dig} for
 * {@code NAME.query.consul}, Consul's errors for bad input, a session whose end deletes its query, and under a
 * denying ACL agent the {@code query:write} refusal and the {@code query:read} filter.
 */
class PreparedQueryTest {
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.dev(work, "n1");
        Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":8080,"
                + "\"Tags\":[\"v1\"]}");
        Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"web-2\",\"Name\":\"web\",\"Port\":8081,"
                + "\"Tags\":[\"v2\"],\"Check\":{\"TTL\":\"60s\"}}"); // critical until passed: left out
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return Http.as("", method, agent.uri(path), body);
    }

    private static String create(String body) {
        HttpResponse<String> created = call("POST", "/v1/query", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Http.json(created).get("ID").asText();
    }

    @Test
    void aNamedQuery_executesOverHttp_andAnswersDigWithItsTtl() {
        String id = create("{\"Name\":\"web-v1\",\"Service\":{\"Service\":\"web\",\"Tags\":[\"v1\"]},"
                + "\"DNS\":{\"TTL\":\"15s\"}}");
        JsonNode executed = Http.json(call("GET", "/v1/query/web-v1/execute?near=_agent", ""));
        assertThat(executed.get("Service").asText()).isEqualTo("web");
        assertThat(executed.get("Nodes")).hasSize(1);
        assertThat(executed.get("Nodes").get(0).get("Service").get("ID").asText()).isEqualTo("web-1");
        assertThat(executed.get("DNS").get("TTL").asText()).isEqualTo("15s");
        assertThat(executed.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(executed.get("Failovers").asInt()).isZero();
        assertThat(Http.json(call("GET", "/v1/query/" + id, "")).get(0).get("Name").asText()).isEqualTo("web-v1");

        Tools.require("dig", "dnsutils");
        String srv = Tools.dig(agent.dnsPort(), "web-v1.query.consul", "SRV");
        assertThat(srv).contains("status: NOERROR").contains("ANSWER: 1")
                .containsPattern("web-v1\\.query\\.consul\\.\\s+15\\s+IN\\s+SRV\\s+1 1 8080 n1\\.node\\.dc1\\.consul\\.");
        assertThat(Tools.dig(agent.dnsPort(), "web-v1.query.dc1.consul", "A"))
                .containsPattern("web-v1\\.query\\.dc1\\.consul\\.\\s+15\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
        assertThat(Tools.dig(agent.dnsPort(), "no-such-query.query.consul", "A")).contains("status: NXDOMAIN")
                .contains("SOA");
    }

    @Test
    void aTemplate_answersEveryNameUnderItsPrefix() {
        create("{\"Name\":\"svc-\",\"Template\":{\"Type\":\"name_prefix_match\",\"Regexp\":\"^svc-(.+)$\"},"
                + "\"Service\":{\"Service\":\"${match(1)}\"}}");
        JsonNode explained = Http.json(call("GET", "/v1/query/svc-web/explain", ""));
        assertThat(explained.get("Query").get("Service").get("Service").asText()).isEqualTo("web");
        Tools.require("dig", "dnsutils");
        assertThat(Tools.dig(agent.dnsPort(), "svc-web.query.consul", "SRV")).contains("ANSWER: 1");
        assertThat(Tools.dig(agent.dnsPort(), "svc-nothing.query.consul", "SRV")).contains("status: NXDOMAIN");
    }

    @Test
    void badInput_getsConsulsAnswers_andStoresNothing() {
        int before = Http.json(call("GET", "/v1/query", "")).size();
        HttpResponse<String> noService = call("POST", "/v1/query", "{\"Name\":\"broken\"}");
        assertThat(noService.statusCode()).isEqualTo(500);
        assertThat(noService.body()).isEqualTo("Invalid prepared query: Must provide a Service name to query");
        HttpResponse<String> badTtl = call("POST", "/v1/query",
                "{\"Name\":\"broken\",\"Service\":{\"Service\":\"web\"},\"DNS\":{\"TTL\":\"soon\"}}");
        assertThat(badTtl.body()).isEqualTo("Invalid prepared query: Bad DNS TTL 'soon': time: invalid duration \"soon\"");
        HttpResponse<String> notJson = call("POST", "/v1/query", "{\"Name\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("Request decode failed: ");
        HttpResponse<String> missing = call("GET", "/v1/query/missing/execute", "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Query not found");
        assertThat(Http.json(call("GET", "/v1/query", ""))).hasSize(before);
    }

    @Test
    void aQueryBoundToASession_goesWithTheSession() {
        String session = Http.json(call("PUT", "/v1/session/create", "{\"Name\":\"pq\"}")).get("ID").asText();
        String id = create("{\"Session\":\"" + session + "\",\"Service\":{\"Service\":\"web\"}}");
        assertThat(call("GET", "/v1/query/" + id, "").statusCode()).isEqualTo(200);
        call("PUT", "/v1/session/destroy/" + session, "");
        assertThat(call("GET", "/v1/query/" + id, "").statusCode()).isEqualTo(404);
    }

    @Test
    void aSnapshotArchive_carriesQueries_andARestoreBringsThemBack() throws Exception {
        String id = create("{\"Name\":\"kept-in-snapshot\",\"Service\":{\"Service\":\"web\"}}");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        byte[] archive = client.send(java.net.http.HttpRequest.newBuilder(agent.uri("/v1/snapshot")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(call("DELETE", "/v1/query/" + id, "").statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v1/query/" + id, "").statusCode()).isEqualTo(404);

        HttpResponse<String> restored = Http.put(agent.uri("/v1/snapshot"), archive);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(Http.json(call("GET", "/v1/query/kept-in-snapshot/execute", "")).get("Service").asText())
                .isEqualTo("web");
    }

    @Test
    void underDenyingAcls_writesNeedQueryWrite_andUnreadableQueriesAreFiltered(@TempDir Path aclWork) {
        try (AgentProcess acl = AgentProcess.start(aclWork.resolve("agent.log"), List.of("agent", "-dev", "-node",
                "n1", "-hcl", "acl { enabled = true\n default_policy = \"deny\"\n tokens { initial_management = \""
                        + ROOT + "\" } }"), "127.0.0.1", AgentPorts.free())) {
            String body = "{\"Name\":\"web\",\"Service\":{\"Service\":\"web\"}}";
            HttpResponse<String> denied = Http.as("", "POST", acl.uri("/v1/query"), body);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).isEqualTo("Permission denied: token with AccessorID "
                    + "'00000000-0000-0000-0000-000000000002' lacks permission 'query:write' on \"web\"");
            HttpResponse<String> created = Http.as(ROOT, "POST", acl.uri("/v1/query"), body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            HttpResponse<String> list = Http.as("", "GET", acl.uri("/v1/query"), "");
            assertThat(list.body()).isEqualTo("[]");
            assertThat(list.headers().firstValue("X-Consul-Results-Filtered-By-ACLs")).contains("true");
            assertThat(Http.json(Http.as(ROOT, "GET", acl.uri("/v1/query"), ""))).hasSize(1);
        }
    }
}
