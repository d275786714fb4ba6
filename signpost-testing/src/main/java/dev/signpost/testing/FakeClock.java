package dev.signpost.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, for code that takes its time from a {@link Clock} (STYLE.md,
 * habit 6). Starts at {@link #START} unless told otherwise; in UTC. Thread-safe: the code under test may read it
 * from its own threads while the test advances it. {@link #withZone} gives a view on the same time.
 */
public final class FakeClock extends Clock {
    /** Where a fake clock starts by default: the seed's day. */
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public FakeClock() {
        this(START);
    }

    public FakeClock(Instant start) {
        this(new AtomicReference<>(requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        requireNonNull(by, "by");
        now.updateAndGet(t -> t.plus(by));
    }

    /** Sets the time. */
    public void set(Instant instant) {
        now.set(requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new FakeClock(now, requireNonNull(newZone, "zone"));
    }
}
