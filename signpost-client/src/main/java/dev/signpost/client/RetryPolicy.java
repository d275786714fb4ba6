package dev.signpost.client;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How often and how patiently a call is retried after a transient failure (no agent reachable, 5xx, 429): the
 * first retry waits {@code initialBackoff}, each next one twice as long, capped at {@code maxBackoff}.
 * consul-template's defaults are {@link #DEFAULT}: 12 retries from 250 ms doubling to 1 minute; its
 * {@code attempts = 0} ("forever") is {@link #forever(Duration, Duration)}.
 *
 * @param retries retries after the first try; {@link Integer#MAX_VALUE} means forever
 */
public record RetryPolicy(int retries, Duration initialBackoff, Duration maxBackoff) {

    /** 12 retries, 250 ms doubling up to 1 minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(12, Duration.ofMillis(250), Duration.ofMinutes(1));

    /** One try, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /** Retries without end. */
    public static RetryPolicy forever(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(Integer.MAX_VALUE, initialBackoff, maxBackoff);
    }

    /** The pause before retry number {@code retry} (1-based). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based: " + retry);
        }
        long nanos = initialBackoff.toNanos();
        for (int i = 1; i < retry && nanos < maxBackoff.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
    }
}
