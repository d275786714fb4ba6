package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LeaderContactTest {
    private long nanos = TimeUnit.SECONDS.toNanos(1000);
    private final LeaderContact contact = new LeaderContact(() -> nanos);

    private void passMillis(long millis) {
        nanos += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aFollowerHearingFromItsLeader_reportsRatisCount() {
        passMillis(5_000);
        contact.heard(40);

        assertThat(contact.millisSince()).isEqualTo(40);
    }

    @Test
    void withNoLeaderNoted_theTimeKeepsGrowingFromTheLastContact() {
        contact.heard(100);
        passMillis(2_500);

        assertThat(contact.millisSince()).isEqualTo(2_600);
    }
}
