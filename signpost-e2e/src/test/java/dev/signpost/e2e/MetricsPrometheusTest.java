package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.Ports;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback scrapes a real agent's {@code /v1/agent/metrics
 * ?format=prometheus} and {@code signpost template}'s {@code -metrics-port}; PromQL over Prometheus' HTTP API then
 * sees Consul's metrics move after writes.
 */
class MetricsPrometheusTest {
    @TempDir
    Path work;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void prometheusScrapesTheAgentAndTheTemplate_andSeesRaftApplyRateAfterWrites() throws Exception {
        Tools.require("prometheus", "prometheus");
        AgentProcess agent = AgentProcess.start(work.resolve("agent.log"), List.of("agent", "-dev", "-node", "prom",
                "-hcl", "telemetry { prometheus_retention_time = \"60s\"\n disable_hostname = true }"), "127.0.0.1",
                AgentProcess.AgentPorts.free());
        started.add(agent);
        int templatePort = Ports.free();
        Path source = Files.writeString(work.resolve("in.ctmpl"), "{{range service \"web\"}}{{.Port}} {{end}}\n");
        TemplateProcess template = TemplateProcess.start(work, "template", List.of("-consul", agent.httpAddress(),
                "-template", source + ":" + work.resolve("out.txt"), "-metrics-port", Integer.toString(templatePort)));
        started.add(template::close);
        int promPort = Ports.free();
        startPrometheus(promPort, agent.httpPort(), templatePort);

        // The values before the writes, as Prometheus scraped them: what follows must move them.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> value(promPort, "consul_raft_apply{job=\"agent\"}") >= 1);
        double applied = value(promPort, "consul_raft_apply{job=\"agent\"}");
        for (int i = 0; i < 20; i++) {
            assertThat(Http.put(agent.uri("/v1/kv/metrics/k" + i), "v").statusCode()).isEqualTo(200);
        }
        assertThat(Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"web\",\"Port\":8080}")
                .statusCode()).isEqualTo(200);

        // Each PromQL query with the least value it must reach.
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("consul_raft_apply{job=\"agent\"}", applied + 21);
        expected.put("rate(consul_raft_apply{job=\"agent\"}[1m])", Double.MIN_VALUE);
        expected.put("consul_api_http_count{job=\"agent\",method=\"PUT\",path=\"v1_kv_\"}", 20.0);
        expected.put("consul_kvs_apply_count{job=\"agent\"}", 20.0);
        expected.put("consul_runtime_alloc_bytes{job=\"agent\"}", 1.0);
        expected.put("signpost_template_renders_total{job=\"template\"}", 2.0); // empty, then with web
        try {
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    expected.entrySet().stream().allMatch(e -> value(promPort, e.getKey()) >= e.getValue()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<String, Double> seen = new LinkedHashMap<>();
            expected.keySet().forEach(q -> seen.put(q, value(promPort, q)));
            throw new AssertionError("PromQL answers " + seen + "\nPrometheus targets: "
                    + Http.get(URI.create("http://127.0.0.1:" + promPort + "/api/v1/targets")).body()
                    + "\ntemplate: " + template.output(), e);
        }
    }

    @Test
    void prometheusFormat_isConsuls415_withoutARetentionTime() {
        AgentProcess agent = AgentProcess.dev(work, "plain");
        started.add(agent);

        var r = Http.get(agent.uri("/v1/agent/metrics?format=prometheus"));

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).isEqualTo("Prometheus is not enabled since its retention time is not positive");
        JsonNode summary = Http.json(Http.get(agent.uri("/v1/agent/metrics")));
        assertThat(summary.has("Timestamp")).isTrue();
        assertThat(summary.get("Gauges").toString()).contains("runtime.alloc_bytes");
    }

    private void startPrometheus(int port, int agentPort, int templatePort) throws IOException {
        Path config = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: agent
                    metrics_path: /v1/agent/metrics
                    params:
                      format: [prometheus]
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: template
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(agentPort, templatePort));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        started.add(() -> {
            prometheus.destroy(); // by its own PID: SIGTERM, then wait
            if (!prometheus.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor();
            }
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                Http.get(URI.create("http://127.0.0.1:" + port + "/-/ready")).statusCode() == 200);
    }

    /** The value of an instant PromQL query with one series, or -1 when it has none. */
    private static double value(int port, String query) {
        JsonNode answer = Http.json(Http.get(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))));
        assertThat(answer.get("status").asText()).isEqualTo("success");
        JsonNode result = answer.at("/data/result");
        return result.isEmpty() ? -1 : Double.parseDouble(result.get(0).get("value").get(1).asText());
    }
}
