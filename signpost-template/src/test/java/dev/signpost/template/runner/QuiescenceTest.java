package dev.signpost.template.runner;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuiescenceTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void firstChange_setsTheDeadlineMinAhead() {
        Quiescence q = new Quiescence(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(q.due(at(0))).isFalse();
        q.tick(at(0));
        assertThat(q.deadline()).contains(at(2));
        assertThat(q.due(at(1.999))).isFalse();
        assertThat(q.due(at(2))).isTrue();
    }

    @Test
    void eachChange_pushesTheDeadlineBackByMin() {
        Quiescence q = new Quiescence(Duration.ofSeconds(2), Duration.ofSeconds(10));
        q.tick(at(0));
        q.tick(at(1.5));
        assertThat(q.deadline()).contains(at(3.5));
    }

    @Test
    void deadline_neverPassesMaxAfterTheFirstChange() {
        Quiescence q = new Quiescence(Duration.ofSeconds(2), Duration.ofSeconds(5));
        q.tick(at(0));
        q.tick(at(2.5));
        q.tick(at(4));
        assertThat(q.deadline()).contains(at(5));
    }

    @Test
    void reset_stopsTheTimer() {
        Quiescence q = new Quiescence(Duration.ofSeconds(2), Duration.ofSeconds(5));
        q.tick(at(0));
        q.reset();
        assertThat(q.deadline()).isEmpty();
        assertThat(q.due(at(100))).isFalse();
    }
}
