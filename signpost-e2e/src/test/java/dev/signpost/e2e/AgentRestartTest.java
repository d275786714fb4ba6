package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/** A server restarted on the same data directory has everything it acknowledged. */
class AgentRestartTest {
    @TempDir
    Path work;

    @Test
    void restartWithTheSameDataDir_keepsServicesChecksKeysAndNodeId() {
        Path dataDir = work.resolve("data");
        List<String> args = List.of("agent", "-server", "-bootstrap", "-node", "n35", "-bind", "127.0.0.1",
                "-data-dir", dataDir.toString());
        AgentPorts ports = AgentPorts.free();
        String nodeId;
        long lastIndex;
        try (AgentProcess first = AgentProcess.start(work.resolve("first.log"), args, "127.0.0.1", ports)) {
            Http.put(first.uri("/v1/agent/service/register"),
                    "{\"ID\":\"205155915c61:z002:5000\",\"Name\":\"webapp\",\"Port\":32768,\"Check\":{\"TTL\":\"1m\",\"Status\":\"passing\"}}");
            Http.put(first.uri("/v1/kv/config/greeting"), "hello");
            for (int i = 0; i < 30; i++) {
                Http.put(first.uri("/v1/kv/churn/" + i), "x" + i);
            }
            lastIndex = Http.index(Http.get(first.uri("/v1/kv/churn?recurse")));
            nodeId = Http.json(Http.get(first.uri("/v1/agent/self"))).at("/Config/NodeID").asText();
        }

        try (AgentProcess second = AgentProcess.start(work.resolve("second.log"), args, "127.0.0.1", ports)) {
            JsonNode webapp = Http.json(Http.get(second.uri("/v1/health/service/webapp?passing")));
            assertThat(webapp).hasSize(1);
            assertThat(webapp.get(0).at("/Service/ID").asText()).isEqualTo("205155915c61:z002:5000");
            assertThat(Http.get(second.uri("/v1/kv/config/greeting?raw")).body()).isEqualTo("hello");
            assertThat(Http.json(Http.get(second.uri("/v1/kv/churn?recurse")))).hasSize(30);
            assertThat(Http.json(Http.get(second.uri("/v1/agent/services"))).has("205155915c61:z002:5000")).isTrue();
            assertThat(Http.json(Http.get(second.uri("/v1/agent/self"))).at("/Config/NodeID").asText()).isEqualTo(nodeId);
            Http.put(second.uri("/v1/kv/after-restart"), "1");
            assertThat(Http.index(Http.get(second.uri("/v1/kv/after-restart")))).isGreaterThan(lastIndex);
        }
    }
}
