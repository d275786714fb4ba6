package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.SignpostProcess;

/** {@code GET /v1/agent/monitor} and {@code signpost monitor} stream the agent's log lines as they happen. */
class MonitorTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void start() {
        agent = AgentProcess.dev(work, "monitor-node");
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    @Test
    void monitor_streamsTheLineOfAnAction_andLetsGoWhenTheClientCloses() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                agent.uri("/v1/agent/monitor?loglevel=info")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> streams() == 1);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> lines.lines()
                    .filter(l -> l.contains("Synced service 'watched'")).findFirst().orElse(""));

            Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"watched\",\"Port\":81}");

            assertThat(seen.get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[INFO\\] agent: Synced service 'watched'");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streams() == 0);
    }

    @Test
    void monitor_withAnUnknownLevel_isConsuls400() {
        var r = Http.get(agent.uri("/v1/agent/monitor?loglevel=loud"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Unknown log level: loud");
    }

    @Test
    void monitorCommand_printsJsonLines() {
        try (SignpostProcess monitor = SignpostProcess.start(work.resolve("monitor.out"),
                List.of("monitor", "-http-addr", agent.httpAddress(), "-log-json"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> streams() >= 1);
            Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"json-watched\",\"Port\":82}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(monitor.output())
                    .contains("\"@message\":\"Synced service 'json-watched'\",\"@module\":\"agent\""));
        }
    }

    @Test
    void monitorCommand_withoutAnAgent_failsAsConsul() {
        var result = SignpostProcess.run(work.resolve("no-agent.out"),
                List.of("monitor", "-http-addr", "127.0.0.1:1"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Error starting monitor: Get \"http://127.0.0.1:1/v1/agent/monitor"
                + "?loglevel=INFO\": dial tcp 127.0.0.1:1: connect: connection refused");
    }

    /** How many monitors the agent streams to now (Signpost's signpost.monitor.streams gauge). */
    private static int streams() {
        JsonNode gauges = Http.json(Http.get(agent.uri("/v1/agent/metrics"))).get("Gauges");
        for (JsonNode gauge : gauges) {
            if (gauge.get("Name").asText().equals("signpost.monitor.streams")) {
                return gauge.get("Value").asInt();
            }
        }
        return -1;
    }
}
