package dev.signpost.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * Wall-clock time that moves only as the monotonic clock does: read from the system clock once, when the agent
 * starts, then advanced by {@link System#nanoTime}. A step of the system clock afterwards (an operator, NTP stepping,
 * a VM resumed) then neither expires sessions and TTL checks nor fails nodes at once, just as Go's monotonic
 * readings keep Consul's timers steady. The time it reports drifts from the system clock only by what NTP slews
 * in the meantime.
 *
 * <p>Thread-safe and immutable.
 */
final class SteadyClock extends Clock {
    private final long anchorMillis;
    private final long anchorNanos;
    private final LongSupplier nanoTime;

    SteadyClock(long anchorMillis, long anchorNanos, LongSupplier nanoTime) {
        this.anchorMillis = anchorMillis;
        this.anchorNanos = anchorNanos;
        this.nanoTime = nanoTime;
    }

    /** Anchored to the system clock now. */
    static SteadyClock anchoredNow() {
        return new SteadyClock(System.currentTimeMillis(), System.nanoTime(), System::nanoTime);
    }

    @Override
    public long millis() {
        return anchorMillis + Math.floorDiv(nanoTime.getAsLong() - anchorNanos, 1_000_000L);
    }

    @Override
    public Instant instant() {
        long elapsed = nanoTime.getAsLong() - anchorNanos;
        return Instant.ofEpochMilli(anchorMillis).plusNanos(elapsed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("a steady clock keeps UTC");
    }
}
