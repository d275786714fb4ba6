package dev.signpost.template.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitConfigTest {

    @Test
    void toString_printsBothBoundsAsGoDurations() {
        assertThat(new WaitConfig(Duration.ofMillis(1500), Duration.ofSeconds(90))).hasToString("1.5s:1m30s");
        assertThat(WaitConfig.DISABLED).hasToString("0s:0s");
    }

    @Test
    void minAlone_meansMaxIsFourTimesMin() {
        assertThat(WaitConfig.parse("250ms")).isEqualTo(new WaitConfig(Duration.ofMillis(250), Duration.ofSeconds(1)));
    }

    @Test
    void spaceAroundEitherBound_isTrimmed_asConsulTemplateDoes() {
        assertThat(WaitConfig.parse(" 5s : 10s "))
                .isEqualTo(new WaitConfig(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }
}
