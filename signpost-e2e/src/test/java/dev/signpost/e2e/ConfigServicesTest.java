package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.SignpostProcess;

/**
 * Services and checks in config files, as Consul reads them: registered at start (JSON and HCL, snake case),
 * registered again on reload ({@code PUT /v1/agent/reload} and SIGHUP), and dropped when a reload no longer
 * finds them; a bad definition stops the start with Consul's message, and a bad reload changes nothing.
 */
class ConfigServicesTest {
    @TempDir
    Path work;

    private static String names(AgentProcess agent) {
        return Http.get(agent.uri("/v1/agent/services")).body();
    }

    @Test
    void configServices_areRegisteredAtStart_andFollowEveryReload() throws IOException {
        Path dir = Files.createDirectories(work.resolve("config"));
        Files.writeString(dir.resolve("web.json"), "{\"service\":{\"name\":\"web\",\"id\":\"web-1\",\"port\":8080,"
                + "\"tags\":[\"v1\"],\"enable_tag_override\":true,\"meta\":{\"team_name\":\"a\"},"
                + "\"check\":{\"ttl\":\"30s\",\"status\":\"passing\"}}}");
        Files.writeString(dir.resolve("db.hcl"), "services = [{ name = \"db\"\n port = 5432 }]\n"
                + "check {\n id = \"disk\"\n name = \"disk\"\n ttl = \"1m\"\n status = \"passing\"\n}\n");
        try (AgentProcess agent = AgentProcess.start(work.resolve("agent.log"),
                List.of("agent", "-dev", "-config-dir", dir.toString()), "127.0.0.1", AgentPorts.free())) {
            // Registered in the order the files are read (db.hcl, then web.json), then the lone check.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Http.get(agent.uri("/v1/agent/checks")).body().contains("\"disk\""));
            assertThat(names(agent)).contains("\"db\"").contains("\"web-1\"");
            assertThat(Http.json(Http.get(agent.uri("/v1/health/service/web?passing")))).hasSize(1);
            var web = Http.json(Http.get(agent.uri("/v1/agent/services"))).get("web-1");
            assertThat(web.at("/Meta/team_name").asText()).isEqualTo("a");
            assertThat(web.at("/EnableTagOverride").asBoolean()).isTrue();
            assertThat(web.at("/Tags/0").asText()).isEqualTo("v1");
            assertThat(Http.get(agent.uri("/v1/agent/checks")).body()).contains("\"disk\"");

            // Reload through the API: db leaves the config, cache joins it.
            Files.delete(dir.resolve("db.hcl"));
            Files.writeString(dir.resolve("cache.json"), "{\"services\":[{\"name\":\"cache\",\"port\":6379}]}");
            assertThat(Http.put(agent.uri("/v1/agent/reload"), "").statusCode()).isEqualTo(200);
            assertThat(names(agent)).contains("\"cache\"").contains("\"web-1\"").doesNotContain("\"db\"");
            assertThat(Http.get(agent.uri("/v1/agent/checks")).body()).doesNotContain("\"disk\"");

            // A broken file fails the reload with Consul's words and changes nothing.
            Files.writeString(dir.resolve("broken.json"), "{\"bogus\":1}");
            var failed = Http.put(agent.uri("/v1/agent/reload"), "");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("invalid config key bogus");
            assertThat(names(agent)).contains("\"cache\"");
            Files.delete(dir.resolve("broken.json"));

            // SIGHUP reloads too.
            Files.writeString(dir.resolve("cache.json"), "{\"services\":[{\"name\":\"queue\",\"port\":5672}]}");
            new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> names(agent).contains("\"queue\"")
                    && !names(agent).contains("\"cache\""));
        }
    }

    @Test
    void aBadServiceDefinition_stopsTheStart_withConsulsMessage() throws IOException {
        Path file = work.resolve("bad.json");
        Files.writeString(file, "{\"service\":{\"port\":80}}");
        SignpostProcess.Result r = SignpostProcess.run(work.resolve("out.log"),
                List.of("agent", "-dev", "-config-file", file.toString()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("services[0]: Missing service name");
    }
}
