package dev.signpost.template.config;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * {@code consul { retry { enabled attempts backoff max_backoff } }}: consul-template's defaults are 12 attempts
 * from 250 ms doubling to 1 minute; {@code attempts = 0} retries forever. Immutable.
 */
public record RetryConfig(boolean enabled, int attempts, Duration backoff, Duration maxBackoff) {

    public static final RetryConfig DEFAULT = new RetryConfig(true, 12, Duration.ofMillis(250), Duration.ofMinutes(1));

    public RetryConfig {
        requireNonNull(backoff, "backoff");
        requireNonNull(maxBackoff, "maxBackoff");
        if (attempts < 0) {
            throw new IllegalArgumentException("retry attempts cannot be negative");
        }
    }
}
