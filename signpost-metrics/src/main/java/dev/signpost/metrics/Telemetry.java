package dev.signpost.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Consul's {@code telemetry} settings that Signpost honours.
 *
 * @param prefix the first part of every Consul-named metric ({@code metrics_prefix}, "consul" by default)
 * @param hostname put after the prefix in gauge names, as go-metrics does unless {@code disable_hostname}; empty
 *                 when disabled
 * @param prometheusRetention {@code prometheus_retention_time}: zero (the default) leaves the Prometheus format off,
 *                            as Consul does; a positive time turns it on and drops series idle longer than it
 */
public record Telemetry(String prefix, Optional<String> hostname, Duration prometheusRetention) {
    public Telemetry {
        requireNonNull(prefix, "prefix");
        requireNonNull(hostname, "hostname");
        requireNonNull(prometheusRetention, "prometheusRetention");
        if (prometheusRetention.isNegative()) {
            throw new IllegalArgumentException("prometheus_retention_time cannot be negative: " + prometheusRetention);
        }
    }

    /** Consul's defaults for a host: prefix "consul", the host name in gauge names, Prometheus off. */
    public static Telemetry defaults(String hostname) {
        return new Telemetry("consul", Optional.of(hostname), Duration.ZERO);
    }

    /** Whether {@code ?format=prometheus} answers (Consul: only with a positive retention time). */
    public boolean prometheusEnabled() {
        return !prometheusRetention.isZero();
    }
}
