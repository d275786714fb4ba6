package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SteadyClockTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final SteadyClock clock = new SteadyClock(1_700_000_000_000L, nanos.get(), nanos::get);

    @Test
    void startsAtTheAnchor_andMovesWithTheMonotonicClock() {
        assertThat(clock.millis()).isEqualTo(1_700_000_000_000L);
        nanos.addAndGet(2_500_000_123L);
        assertThat(clock.millis()).isEqualTo(1_700_000_002_500L);
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L).plusNanos(2_500_000_123L));
    }

    @Test
    void aStepOfTheSystemClock_isNotSeen() {
        // The system clock is read once, at the anchor: whatever it does later, only elapsed monotonic time counts.
        SteadyClock real = SteadyClock.anchoredNow();
        long before = real.millis();
        assertThat(real.millis()).isBetween(before, before + 1_000);
    }
}
