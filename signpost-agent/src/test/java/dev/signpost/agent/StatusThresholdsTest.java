package dev.signpost.agent;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusThresholdsTest {
    @Test
    void withoutThresholds_everyResultCounts() {
        StatusThresholds t = new StatusThresholds(0, 0);
        assertThat(t.accept(HealthStatus.PASSING)).hasValue(HealthStatus.PASSING);
        assertThat(t.accept(HealthStatus.WARNING)).hasValue(HealthStatus.WARNING);
    }

    @Test
    void aFailureResetsTheSuccessCount_andViceVersa() {
        StatusThresholds t = new StatusThresholds(2, 2);
        assertThat(t.accept(HealthStatus.PASSING)).isEqualTo(Optional.empty());
        assertThat(t.accept(HealthStatus.CRITICAL)).isEqualTo(Optional.empty());
        assertThat(t.accept(HealthStatus.PASSING)).isEqualTo(Optional.empty());
        assertThat(t.accept(HealthStatus.PASSING)).hasValue(HealthStatus.PASSING);
        assertThat(t.accept(HealthStatus.CRITICAL)).isEqualTo(Optional.empty());
        assertThat(t.accept(HealthStatus.CRITICAL)).hasValue(HealthStatus.CRITICAL);
    }
}
