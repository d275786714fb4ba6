package dev.signpost.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One counter or sample: its Micrometer meter (cumulative, for Prometheus) and its aggregates of the current and
 * the last finished interval (for Consul's JSON). With a Prometheus retention time, a series left idle longer than
 * it is removed from the registry, as go-metrics' Prometheus sink expires it; the next value brings it back.
 * Recording is lock-free; {@link #rotate} runs on the one interval thread.
 */
final class Tracked implements Metrics.Counter, Metrics.Sample {
    final String name;
    final Map<String, String> labels;
    final boolean counter;
    private final MeterRegistry registry;
    private final Duration retention;

    volatile Aggregate current = new Aggregate();
    volatile Aggregate previous;
    private volatile Meter meter;
    private volatile boolean expired;
    private Instant lastActive;

    Tracked(MeterRegistry registry, Duration retention, Instant now, String name, Map<String, String> labels,
            boolean counter) {
        this.registry = registry;
        this.retention = retention;
        this.name = name;
        this.labels = Map.copyOf(labels);
        this.counter = counter;
        this.lastActive = now;
        this.meter = register();
    }

    private Meter register() {
        String[] tags = Metrics.tagArray(labels);
        return counter ? Counter.builder(name).tags(tags).register(registry)
                : DistributionSummary.builder(name).tags(tags).register(registry);
    }

    @Override
    public void increment() {
        add(1);
    }

    @Override
    public void add(double value) {
        if (expired) {
            revive();
        }
        current.add(value);
        if (counter) {
            ((Counter) meter).increment(value);
        } else {
            ((DistributionSummary) meter).record(value);
        }
    }

    private synchronized void revive() {
        if (expired) {
            meter = register();
            expired = false;
        }
    }

    /** Ends the interval at {@code now}; expires the Prometheus series if it has been idle past the retention. */
    void rotate(Instant now) {
        Aggregate finished = current;
        current = new Aggregate();
        previous = finished;
        if (finished.count() > 0) {
            lastActive = now;
        } else if (!retention.isZero() && !expired && lastActive.plus(retention).isBefore(now)) {
            synchronized (this) {
                registry.remove(meter);
                expired = true;
            }
        }
    }
}
