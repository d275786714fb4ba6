package dev.signpost.template.config;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Durations against Go's time package: each row is what Go prints or parses for the same input. */
class DurationsTest {

    @ParameterizedTest(name = "{0}ns prints as {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0s",
        "1|1ns",
        "999|999ns",
        "1000|1µs",
        "1500|1.5µs",
        "1100|1.1µs",
        "999999|999.999µs",
        "1000000|1ms",
        "1234000|1.234ms",
        "1234567|1.234567ms",
        "250000000|250ms",
        "999999999|999.999999ms",
        "1000000000|1s",
        "1500000000|1.5s",
        "1000000001|1.000000001s",
        "1230000000|1.23s",
        "59999999999|59.999999999s",
        "60000000000|1m0s",
        "90000000000|1m30s",
        "90500000000|1m30.5s",
        "3599000000000|59m59s",
        "3600000000000|1h0m0s",
        "7200000000000|2h0m0s",
        "3661001000000|1h1m1.001s",
        "-1|-1ns",
        "-1500|-1.5µs",
        "-250000000|-250ms",
        "-65000000000|-1m5s",
        "-5400000000000|-1h30m0s",
        "9223372036854775807|2562047h47m16.854775807s",
        "-9223372036854775808|-2562047h47m16.854775808s"})
    void formatPrintsLikeGosDurationString(long nanos, String expected) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }
}
