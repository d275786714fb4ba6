package dev.signpost.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class FakeClockTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void standsStill_untilAdvanced() {
        assertThat(clock.instant()).isEqualTo(FakeClock.START);

        clock.advance(Duration.ofSeconds(90));

        assertThat(clock.instant()).isEqualTo(FakeClock.START.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(FakeClock.START.toEpochMilli() + 90_000);
    }

    @Test
    void set_movesItToAnInstant() {
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void aViewInAnotherZone_sharesTheTime() {
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(clock.instant());
    }
}
