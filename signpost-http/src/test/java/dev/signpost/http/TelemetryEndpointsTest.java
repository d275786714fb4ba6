package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;
import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Telemetry;

class TelemetryEndpointsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:04.600Z"), ZoneOffset.UTC);

    private final Metrics metrics = Metrics.manual(new Telemetry("consul", Optional.of("n1"), Duration.ofMinutes(1)),
            CLOCK);
    private final FakeFeed feed = new FakeFeed();
    private final ApiTestSupport api = new ApiTestSupport(AclConfig.disabled(), metrics, feed);

    private static JsonNode json(ApiResponse r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void metrics_answersInGoMetricsShape() throws Exception {
        metrics.sample("raft.commitTime").add(3);
        metrics.sample("raft.commitTime").add(5);
        metrics.gauge("runtime.num_goroutines", () -> 12);
        metrics.rotate();

        JsonNode summary = json(api.call("GET", "/v1/agent/metrics"));

        assertThat(summary.get("Timestamp").asText()).isEqualTo("2026-12-07 10:00:00 +0000 UTC");
        assertThat(summary.get("Points")).isEmpty();
        JsonNode gauge = find(summary.get("Gauges"), "consul.n1.runtime.num_goroutines");
        assertThat(gauge.get("Value").isIntegralNumber()).isTrue();
        assertThat(gauge.get("Value").asInt()).isEqualTo(12);
        assertThat(gauge.get("Labels").isObject()).isTrue();
        JsonNode sample = find(summary.get("Samples"), "consul.raft.commitTime");
        assertThat(fieldNames(sample)).containsExactly("Name", "Count", "Rate", "Sum", "Min", "Max", "Mean", "Stddev",
                "Labels");
        assertThat(sample.get("Count").asInt()).isEqualTo(2);
        assertThat(sample.get("Sum").asDouble()).isEqualTo(8);
        assertThat(sample.get("Min").asDouble()).isEqualTo(3);
        assertThat(sample.get("Max").asDouble()).isEqualTo(5);
        assertThat(sample.get("Mean").asDouble()).isEqualTo(4);
        assertThat(sample.get("Rate").asDouble()).isEqualTo(0.8);
    }

    @Test
    void everyRoute_isTimedUnderConsulsNames() throws Exception {
        api.call("GET", "/v1/kv/app/x");
        api.call("GET", "/v1/agent/self");
        metrics.rotate();

        JsonNode samples = json(api.call("GET", "/v1/agent/metrics")).get("Samples");

        assertThat(find(samples, "consul.http.GET.v1.kv._").get("Count").asInt()).isEqualTo(1);
        assertThat(find(samples, "consul.http.GET.v1.agent.self").get("Count").asInt()).isEqualTo(1);
        List<String> apiPaths = new ArrayList<>();
        samples.forEach(s -> {
            if (s.get("Name").asText().equals("consul.api.http")) {
                apiPaths.add(s.get("Labels").get("method").asText() + " " + s.get("Labels").get("path").asText());
            }
        });
        assertThat(apiPaths).contains("GET v1_kv_", "GET v1_agent_self");
    }

    @Test
    void prometheusFormat_andOpenMetricsByAccept() {
        api.call("GET", "/v1/agent/self");

        ApiResponse text = api.call("GET", "/v1/agent/metrics?format=prometheus");
        ApiResponse open = api.call("GET", "/v1/agent/metrics", "",
                Map.of("accept", "application/openmetrics-text; version=1.0.0"));

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(ApiTestSupport.text(text)).contains("consul_api_http_count{method=\"GET\",path=\"v1_agent_self\"} 1");
        assertThat(open.contentType()).startsWith("application/openmetrics-text");
        assertThat(ApiTestSupport.text(open)).endsWith("# EOF\n");
    }

    @Test
    void prometheusFormat_withoutRetentionTime_isConsuls415() {
        ApiTestSupport off = new ApiTestSupport(AclConfig.disabled(), Metrics.manual(Telemetry.defaults("n1"), CLOCK),
                LogFeed.none());

        ApiResponse r = off.call("GET", "/v1/agent/metrics?format=prometheus");

        assertThat(r.status()).isEqualTo(415);
        assertThat(ApiTestSupport.text(r)).isEqualTo("Prometheus is not enabled since its retention time is not positive");
        assertThat(off.call("GET", "/v1/agent/metrics").status()).isEqualTo(200);
    }

    @Test
    void metricsAndMonitor_needAgentRead() {
        ApiTestSupport denied = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false,
                "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01", new AgentTokens("", "", "")), metrics, feed);

        assertThat(denied.call("GET", "/v1/agent/metrics").status()).isEqualTo(403);
        assertThat(denied.call("GET", "/v1/agent/monitor").status()).isEqualTo(403);
    }

    @Test
    void monitor_withAnUnknownLevel_isConsuls400() {
        ApiResponse r = api.call("GET", "/v1/agent/monitor?loglevel=chatty");

        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiTestSupport.text(r)).isEqualTo("Unknown log level: chatty");
    }

    @Test
    void monitor_streamsTheFeedsLines_atTheAskedLevelAndFormat_untilTheClientGoes() throws Exception {
        ApiResponse r = api.call("GET", "/v1/agent/monitor?loglevel=err&logjson");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.stream()).isPresent();
        feed.lines.add("line one\n");
        feed.lines.add("line two\n");
        CollectingSink sink = new CollectingSink(2);

        r.stream().get().stream(sink);

        assertThat(sink.text()).isEqualTo("line one\nline two\n");
        assertThat(feed.level).isEqualTo(LogFeed.Level.ERROR);
        assertThat(feed.json).isTrue();
        assertThat(feed.closed).isTrue();
    }

    @Test
    void levels_areConsuls() {
        assertThat(LogFeed.Level.parse("warn")).contains(LogFeed.Level.WARN);
        assertThat(LogFeed.Level.parse("ERR")).contains(LogFeed.Level.ERROR);
        assertThat(LogFeed.Level.parse("Trace")).contains(LogFeed.Level.TRACE);
        assertThat(LogFeed.Level.parse("warning")).isEmpty();
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.get("Name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A feed whose lines the test puts in. */
    private static final class FakeFeed implements LogFeed {
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile Level level;
        volatile boolean json;
        volatile boolean closed;

        @Override
        public Subscription subscribe(Level asked, boolean asJson) {
            level = asked;
            json = asJson;
            return new Subscription() {
                @Override
                public Optional<String> next(Duration timeout) throws InterruptedException {
                    return Optional.ofNullable(lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
                }

                @Override
                public long dropped() {
                    return 0;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    /** A client that goes away after reading some lines. */
    private static final class CollectingSink implements ApiResponse.Sink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int lines;

        CollectingSink(int lines) {
            this.lines = lines;
        }

        @Override
        public void write(byte[] bytes) {
            out.writeBytes(bytes);
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean clientGone() {
            return text().chars().filter(c -> c == '\n').count() >= lines;
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
