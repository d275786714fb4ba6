package dev.signpost.registrator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Service WEB = new Service("h:web:5000", "web", "10.0.0.1", 1, List.of(), Map.of(), 0,
            "c".repeat(64), "web", "5000", "tcp", "");

    @Test
    void backoff_doublesFromTheBase_upTo30Seconds() {
        Pending p = new Pending(Duration.ofSeconds(2));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(10)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void opIsDueOnlyAfterItsBackoff_andTakenOnce() {
        Pending p = new Pending(Duration.ofSeconds(2));
        p.schedule(Pending.Kind.REGISTER, WEB, 1, T0);
        assertThat(p.takeDue(T0.plusSeconds(1))).isEmpty();
        assertThat(p.takeDue(T0.plusSeconds(2))).extracting(Pending.Op::kind).containsExactly(Pending.Kind.REGISTER);
        assertThat(p.takeDue(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void newerIntentReplacesOlder_andCancelForgets() {
        Pending p = new Pending(Duration.ofSeconds(1));
        p.schedule(Pending.Kind.REGISTER, WEB, 1, T0);
        p.schedule(Pending.Kind.DEREGISTER, WEB, 1, T0);
        assertThat(p.has(Pending.Kind.REGISTER, WEB.id())).isFalse();
        assertThat(p.size()).isEqualTo(1);
        p.cancel(WEB.id());
        assertThat(p.size()).isZero();
    }
}
