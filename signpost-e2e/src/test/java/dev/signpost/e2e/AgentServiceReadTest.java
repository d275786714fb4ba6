package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * {@code GET /v1/agent/service/:id} as clients call it: the service with its ContentHash (also a header), a read
 * with {@code ?hash=} that waits for a change, 404 for an unknown ID, and the {@code service:read} refusal.
 */
class AgentServiceReadTest {
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void readsTheService_withItsHash_andAHashReadWaitsForAChange() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        String web = "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":8080,\"Tags\":[\"v1\"],\"Meta\":{\"a\":\"b\"}}";
        Http.put(agent.uri("/v1/agent/service/register"), web);

        HttpResponse<String> read = Http.get(agent.uri("/v1/agent/service/web-1"));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(read);
        assertThat(body.get("ID").asText()).isEqualTo("web-1");
        assertThat(body.get("Service").asText()).isEqualTo("web");
        assertThat(body.get("Port").asInt()).isEqualTo(8080);
        assertThat(body.get("Tags").get(0).asText()).isEqualTo("v1");
        assertThat(body.get("Meta").get("a").asText()).isEqualTo("b");
        assertThat(body.get("Datacenter").asText()).isEqualTo("dc1");
        String hash = body.get("ContentHash").asText();
        assertThat(hash).matches("[0-9a-f]+");
        assertThat(read.headers().firstValue("X-Consul-ContentHash")).contains(hash);

        long started = System.nanoTime();
        HttpResponse<String> unchanged = Http.get(agent.uri("/v1/agent/service/web-1?hash=" + hash + "&wait=1s"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Http.json(unchanged).get("ContentHash").asText()).isEqualTo(hash);

        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                agent.uri("/v1/agent/service/web-1?hash=" + hash + "&wait=30s"));
        Thread.sleep(300); // the read is waiting; the change below must wake it, not its 30 s end
        Http.put(agent.uri("/v1/agent/service/register"), web.replace("v1", "v2"));
        HttpResponse<String> changed = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.json(changed).get("Tags").get(0).asText()).isEqualTo("v2");
        assertThat(Http.json(changed).get("ContentHash").asText()).isNotEqualTo(hash);

        HttpResponse<String> unknown = Http.get(agent.uri("/v1/agent/service/nope"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("unknown service ID: nope");
    }

    @Test
    void aTokenWithoutServiceRead_isRefused() {
        agent = AgentProcess.start(work.resolve("agent.log"), List.of("agent", "-dev", "-node", "n1", "-hcl",
                "acl { enabled = true\n default_policy = \"deny\"\n tokens { initial_management = \"" + ROOT + "\" } }"),
                "127.0.0.1", AgentPorts.free());
        Http.as(ROOT, "PUT", agent.uri("/v1/agent/service/register"), "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":1}");
        HttpResponse<String> denied = Http.as("", "GET", agent.uri("/v1/agent/service/web-1"), "");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'service:read' on \"web\"");
        assertThat(Http.as(ROOT, "GET", agent.uri("/v1/agent/service/web-1"), "").statusCode()).isEqualTo(200);
    }
}
