package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;

/** {@code ?filter=} against the real jar, sent URL-encoded as Consul's Go client and curl send it. */
class FilterTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void startAgentWithTwoServices() {
        agent = AgentProcess.dev(work, "filter-node");
        register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"v1\",\"primary\"],\"Port\":8080,"
                + "\"Meta\":{\"env\":\"prod\"}}");
        register("{\"ID\":\"web-2\",\"Name\":\"web\",\"Tags\":[\"v2\"],\"Port\":8081,\"Meta\":{\"env\":\"canary\"},"
                + "\"Check\":{\"TTL\":\"30s\",\"Status\":\"critical\"}}");
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    private static void register(String json) {
        HttpResponse<String> r = Http.put(agent.uri("/v1/agent/service/register"), json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String filter) {
        return Http.get(agent.uri(path + (path.contains("?") ? "&" : "?") + "filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)));
    }

    @Test
    void agentServices_keepOnlyWhatTheExpressionSelects() {
        JsonNode services = Http.json(get("/v1/agent/services", "Meta.env == \"canary\" and Port == 8081"));
        assertThat(services.has("web-2")).isTrue();
        assertThat(services.has("web-1")).isFalse();
    }

    @Test
    void healthService_filtersOnChecksAndTags_afterAntiEntropy() {
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            JsonNode entries = Http.json(get("/v1/health/service/web", "Checks.Status == critical"));
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).at("/Service/ID").asText()).isEqualTo("web-2");
        });
        JsonNode tagged = Http.json(get("/v1/catalog/service/web", "ServiceTags contains primary"));
        assertThat(tagged).hasSize(1);
        assertThat(tagged.get(0).get("ServiceID").asText()).isEqualTo("web-1");
    }

    @Test
    void badExpression_is400_withBexprsPositionedMessage() {
        HttpResponse<String> r = get("/v1/catalog/nodes", "Node == host-name");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Failed to create boolean expression evaluator: 1:13 (12): no match found, "
                + "expected: \".\", \"[\", [ \\t\\r\\n], [a-zA-Z0-9_] or EOF");
    }

    @Test
    void unknownSelector_is400_withConsulsMessage() {
        HttpResponse<String> r = get("/v1/health/service/web?index=1000000&wait=5m", "Service.Nope == x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Failed to create boolean expression evaluator: Selector \"Service.Nope\" is not valid");
    }
}
