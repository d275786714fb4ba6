package dev.signpost.core.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HealthStatusTest {

    @ParameterizedTest
    @CsvSource({"passing, PASSING", "warning, WARNING", "critical, CRITICAL", "maintenance, MAINTENANCE"})
    void parse_readsEachWireName(String wire, HealthStatus expected) {
        assertThat(HealthStatus.parse(wire)).isEqualTo(expected);
    }

    @Test
    void parse_ignoresCase() {
        assertThat(HealthStatus.parse("PASSING")).isEqualTo(HealthStatus.PASSING);
        assertThat(HealthStatus.parse("Critical")).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void parse_rejectsUnknownStatus_withConsulMessageQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthStatus.parse("healthy"))
                .withMessage("Invalid check status: 'healthy'");
    }

    @Test
    void parse_rejectsEmptyStatus() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthStatus.parse(""))
                .withMessage("Invalid check status: ''");
    }

    @Test
    void wireNameAndToString_areConsulLowerCaseNames() {
        assertThat(HealthStatus.values()).extracting(HealthStatus::wireName)
                .containsExactly("passing", "warning", "critical", "maintenance");
        assertThat(HealthStatus.WARNING).hasToString("warning");
    }

    @Test
    void wireName_parsesBackToSameStatus() {
        for (HealthStatus status : HealthStatus.values()) {
            assertThat(HealthStatus.parse(status.wireName())).isEqualTo(status);
        }
    }

    @Test
    void aggregateOfNoStatuses_isPassing() {
        assertThat(HealthStatus.aggregate(List.of())).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void aggregate_warningBeatsPassing() {
        assertThat(HealthStatus.aggregate(List.of(HealthStatus.PASSING, HealthStatus.WARNING, HealthStatus.PASSING)))
                .isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void aggregate_criticalBeatsWarning() {
        assertThat(HealthStatus.aggregate(List.of(HealthStatus.WARNING, HealthStatus.CRITICAL, HealthStatus.WARNING)))
                .isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void aggregate_maintenanceBeatsCritical_inAnyOrder() {
        assertThat(HealthStatus.aggregate(List.of(HealthStatus.MAINTENANCE, HealthStatus.CRITICAL)))
                .isEqualTo(HealthStatus.MAINTENANCE);
        assertThat(HealthStatus.aggregate(List.of(HealthStatus.CRITICAL, HealthStatus.MAINTENANCE)))
                .isEqualTo(HealthStatus.MAINTENANCE);
    }

    @Test
    void aggregateOfAllPassing_isPassing() {
        assertThat(HealthStatus.aggregate(List.of(HealthStatus.PASSING, HealthStatus.PASSING)))
                .isEqualTo(HealthStatus.PASSING);
    }
}
