package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Summary;

/**
 * {@code GET /v1/agent/metrics} (go-metrics' JSON summary of the last finished interval, or the Prometheus
 * exposition with {@code ?format=prometheus} or an OpenMetrics {@code Accept}) and {@code GET /v1/agent/monitor}
 * (the agent's log lines, streamed until the client goes). Both ask {@code agent:read}, as Consul's do.
 */
final class TelemetryEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEndpoints.class);
    /** Go's {@code time.Time.String()} of a UTC time rounded to the second, as go-metrics' Timestamp shows it. */
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
    /** Consul's monitor flushes every 200 ms; the stream looks for a departed client as often. */
    private static final Duration FLUSH = Duration.ofMillis(200);

    private final Metrics metrics;
    private final LogFeed logs;
    private final Supplier<String> nodeName;

    TelemetryEndpoints(Metrics metrics, LogFeed logs, Supplier<String> nodeName) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.logs = requireNonNull(logs, "logs");
        this.nodeName = requireNonNull(nodeName, "nodeName");
    }

    void addTo(Routes routes) {
        Guard agentRead = Guard.needs(Resource.AGENT, Access.READ, r -> nodeName.get());
        routes.exact("GET", "/v1/agent/metrics", agentRead, this::metrics)
                .exact("GET", "/v1/agent/monitor", agentRead, this::monitor);
    }

    record GaugeJson(String Name, Number Value, Map<String, String> Labels) {
    }

    record SampledJson(String Name, long Count, double Rate, double Sum, double Min, double Max, double Mean,
                       double Stddev, Map<String, String> Labels) {
        static SampledJson of(Summary.Sampled s) {
            return new SampledJson(s.name(), s.count(), s.rate(), s.sum(), s.min(), s.max(), s.mean(), s.stddev(),
                    s.labels());
        }
    }

    record SummaryJson(String Timestamp, List<GaugeJson> Gauges, List<Object> Points, List<SampledJson> Counters,
                       List<SampledJson> Samples) {
    }

    private ApiResponse metrics(ApiRequest request) {
        boolean openMetrics = request.header("Accept").filter(a -> a.contains(Metrics.OPENMETRICS)).isPresent();
        if (request.param("format").filter("prometheus"::equals).isPresent() || openMetrics) {
            if (!metrics.telemetry().prometheusEnabled()) {
                return new ApiResponse(415, Map.of(), "text/plain",
                        "Prometheus is not enabled since its retention time is not positive"
                                .getBytes(StandardCharsets.UTF_8));
            }
            Metrics.Exposition exposition = metrics.prometheus(request.header("Accept").orElse(""));
            return new ApiResponse(200, Map.of(), exposition.contentType(),
                    exposition.body().getBytes(StandardCharsets.UTF_8));
        }
        return ApiResponse.json(Json.write(json(metrics.summary()), request.has("pretty")));
    }

    static SummaryJson json(Summary summary) {
        return new SummaryJson(GO_TIME.format(summary.interval()),
                summary.gauges().stream().map(g -> new GaugeJson(g.name(), float32(g.value()), g.labels())).toList(),
                List.of(), summary.counters().stream().map(SampledJson::of).toList(),
                summary.samples().stream().map(SampledJson::of).toList());
    }

    /** go-metrics keeps gauges as float32; a whole number prints without a fraction, as Go prints it. */
    private static Number float32(double value) {
        float f = (float) value;
        return f == Math.rint(f) && Math.abs(f) < 1e15 ? (Number) (long) f : (Number) f;
    }

    private ApiResponse monitor(ApiRequest request) {
        String name = request.param("loglevel").filter(l -> !l.isEmpty()).orElse("INFO");
        LogFeed.Level level = LogFeed.Level.parse(name)
                .orElseThrow(() -> ApiException.badRequest("Unknown log level: " + name));
        boolean json = request.has("logjson");
        return ApiResponse.streaming("text/plain; charset=utf-8", sink -> {
            try (LogFeed.Subscription lines = logs.subscribe(level, json)) {
                sink.flush(); // the header goes out at once, so the client starts reading
                try {
                    while (!sink.clientGone()) {
                        Optional<String> line = lines.next(FLUSH);
                        if (line.isPresent()) {
                            sink.write(line.get().getBytes(StandardCharsets.UTF_8));
                        }
                        sink.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (lines.dropped() > 0) {
                        LOG.warn("agent: Dropped logs during monitor request: dropped_count={}", lines.dropped());
                    }
                }
            }
        });
    }
}
