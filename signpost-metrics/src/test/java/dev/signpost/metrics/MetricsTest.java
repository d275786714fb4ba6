package dev.signpost.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:03Z"));

    @Test
    void currentInterval_isShownUntilOneHasFinished() {
        Metrics metrics = Metrics.manual(Telemetry.defaults("n1"), clock);
        metrics.counter("raft.apply").increment();

        Summary summary = metrics.summary();

        assertThat(summary.interval()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(summary.counters()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("consul.raft.apply");
            assertThat(c.count()).isEqualTo(1);
        });
    }

    @Test
    void finishedInterval_aggregatesAsGoMetrics() {
        Metrics metrics = Metrics.manual(Telemetry.defaults("n1"), clock);
        Metrics.Sample commit = metrics.sample("raft.commitTime");
        commit.add(2);
        commit.add(4);
        commit.add(9);
        metrics.counter("kvs.apply").add(5);
        clock.now = Instant.parse("2026-12-07T10:00:11Z");
        metrics.rotate();
        commit.add(100); // the new interval: not shown yet

        Summary summary = metrics.summary();

        assertThat(summary.interval()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        Summary.Sampled sample = summary.samples().get(0);
        assertThat(sample.name()).isEqualTo("consul.raft.commitTime");
        assertThat(sample.count()).isEqualTo(3);
        assertThat(sample.sum()).isEqualTo(15);
        assertThat(sample.min()).isEqualTo(2);
        assertThat(sample.max()).isEqualTo(9);
        assertThat(sample.mean()).isEqualTo(5);
        assertThat(sample.rate()).isEqualTo(1.5); // the sum per second of a 10 s interval
        assertThat(sample.stddev()).isCloseTo(Math.sqrt(13), within(1e-9));
        assertThat(summary.counters()).singleElement()
                .satisfies(c -> assertThat(c.sum()).isEqualTo(5));
    }

    @Test
    void gaugesCarryTheHostName_unlessDisabled_andOwnMetricsNeverDo() {
        Metrics withHost = Metrics.manual(Telemetry.defaults("n1"), clock);
        withHost.gauge("runtime.alloc_bytes", () -> 42);
        withHost.own().gauge("blocking_queries.waiting", () -> 3);
        Metrics without = Metrics.manual(new Telemetry("edge", Optional.empty(), Duration.ZERO), clock);
        without.gauge("autopilot.healthy", () -> 1);

        assertThat(withHost.summary().gauges()).extracting(Summary.Gauge::name)
                .containsExactly("consul.n1.runtime.alloc_bytes", "signpost.blocking_queries.waiting");
        assertThat(without.summary().gauges()).singleElement()
                .satisfies(g -> assertThat(g.name()).isEqualTo("edge.autopilot.healthy"));
    }

    @Test
    void sameNameAndLabels_giveTheSameHandle() {
        Metrics metrics = Metrics.manual(Telemetry.defaults("n1"), clock);

        assertThat(metrics.sample("api.http", "method", "GET")).isSameAs(metrics.sample("api.http", "method", "GET"));
        assertThat(metrics.sample("api.http", "method", "GET")).isNotSameAs(metrics.sample("api.http", "method", "PUT"));
        assertThat(metrics.own().counter("cache.hits")).isNotSameAs(metrics.counter("cache.hits"));
    }

    @Test
    void prometheusText_usesUnderscores_andOpenMetricsWhenAsked() {
        Metrics metrics = Metrics.manual(new Telemetry("consul", Optional.empty(), Duration.ofMinutes(1)), clock);
        metrics.counter("raft.apply").add(3);
        metrics.sample("raft.commitTime").add(1.5);
        metrics.sample("api.http", "method", "GET", "path", "v1_kv_").add(1);

        Metrics.Exposition text = metrics.prometheus("*/*");
        Metrics.Exposition open = metrics.prometheus("application/openmetrics-text;version=1.0.0,text/plain;q=0.5");

        assertThat(text.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(text.body()).contains("# TYPE consul_raft_apply counter\n", "\nconsul_raft_apply 3.0\n",
                "consul_raft_commitTime_count 1",
                "consul_raft_commitTime_sum 1.5", "consul_api_http_count{method=\"GET\",path=\"v1_kv_\"} 1");
        assertThat(open.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(text.body()).doesNotContain("consul_raft_apply_total");
        assertThat(open.body()).contains("# TYPE consul_raft_apply unknown\n", "\nconsul_raft_apply 3.0\n")
                .doesNotContain("consul_raft_apply_total").endsWith("# EOF\n");
    }

    @Test
    void idleSeries_expireAfterTheRetention_andComeBackWithTheNextValue() {
        Metrics metrics = Metrics.manual(new Telemetry("consul", Optional.empty(), Duration.ofSeconds(30)), clock);
        Metrics.Counter apply = metrics.counter("raft.apply");
        apply.increment();
        for (int i = 1; i <= 5; i++) {
            clock.now = clock.now.plusSeconds(10);
            metrics.rotate();
        }
        assertThat(metrics.prometheus("").body()).doesNotContain("consul_raft_apply");

        apply.increment();

        assertThat(metrics.prometheus("").body()).contains("consul_raft_apply 1.0");
    }

    @Test
    void none_recordsNothing() {
        Metrics none = Metrics.none();
        none.counter("raft.apply").increment();
        none.gauge("x", () -> 1);

        assertThat(none.summary().counters()).isEmpty();
        assertThat(none.summary().gauges()).isEmpty();
    }

    @Test
    void metricsServer_answersPrometheusTextOnLoopback() throws Exception {
        Metrics metrics = Metrics.manual(new Telemetry("signpost", Optional.empty(), Duration.ofMinutes(1)), clock);
        metrics.counter("registrator.events").increment();
        try (MetricsServer server = MetricsServer.start(metrics, 0)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("signpost_registrator_events_total 1.0");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void labelsAreKeptInTheSummary() {
        Metrics metrics = Metrics.manual(Telemetry.defaults("n1"), clock);
        metrics.sample("api.http", "method", "GET", "path", "v1_kv_").add(3);

        assertThat(metrics.summary().samples().get(0).labels()).isEqualTo(Map.of("method", "GET", "path", "v1_kv_"));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
