package dev.signpost.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One interval of metrics in the shape of Consul's {@code GET /v1/agent/metrics} (go-metrics'
 * {@code MetricsSummary}): gauges with their current value, counters and samples aggregated over the interval.
 *
 * @param interval when the interval began
 * @param points go-metrics' key/value points; Signpost emits none
 */
public record Summary(Instant interval, List<Gauge> gauges, List<String> points, List<Sampled> counters,
                      List<Sampled> samples) {
    public Summary {
        requireNonNull(interval, "interval");
        gauges = List.copyOf(gauges);
        points = List.copyOf(points);
        counters = List.copyOf(counters);
        samples = List.copyOf(samples);
    }

    /** A gauge's value now. */
    public record Gauge(String name, double value, Map<String, String> labels) {
        public Gauge {
            requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    /**
     * A counter's or sample's values in the interval; samples of durations are in milliseconds.
     *
     * @param rate the sum per second of the interval
     */
    public record Sampled(String name, long count, double rate, double sum, double min, double max, double mean,
                          double stddev, Map<String, String> labels) {
        public Sampled {
            requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }
}
