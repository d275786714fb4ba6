package dev.signpost.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GoDuration against Go's time package: each row is what go1.19's {@code Duration.String} prints or
 * {@code time.ParseDuration} returns for the same input.
 */
class GoDurationTest {

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
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "`{0}` parses as {1}ns")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "0|0",
        "-0|0",
        "+0|0",
        "0s|0",
        "1h2m3.5s|3723500000000",
        ".5s|500000000",
        "1.s|1000000000",
        "+5s|5000000000",
        "-5s|-5000000000",
        "1ns|1",
        "1us|1000",
        "1µs|1000",
        "1μs|1000",
        "1.5ms|1500000",
        "300ms|300000000",
        "1.5h|5400000000000",
        "-1.5h|-5400000000000",
        "2h45m|9900000000000",
        "1h1h|7200000000000",
        "1s1h|3601000000000",
        "0.9999999999s|999999999",
        "1.0000000001s|1000000000",
        "0.3333333333333333333333h|1200000000000",
        "1.1234567891234567891234567s|1123456789",
        "9223372036854775807ns|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808",
        "2562047h47m16.854775807s|9223372036854775807",
        "-2562047h47m16.854775808s|-9223372036854775808"})
    void parseAcceptsWhatGoAccepts(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "`{0}` fails with {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "``|time: invalid duration \"\"",
        "-|time: invalid duration \"-\"",
        "+|time: invalid duration \"+\"",
        ".|time: invalid duration \".\"",
        ".s|time: invalid duration \".s\"",
        "-.s|time: invalid duration \"-.s\"",
        "s|time: invalid duration \"s\"",
        "--1s|time: invalid duration \"--1s\"",
        "1s.|time: invalid duration \"1s.\"",
        "` 1s`|time: invalid duration \" 1s\"",
        "`\t1s`|time: invalid duration \"\\x091s\"",
        "`-1s `|time: unknown unit \"s \" in duration \"-1s \"",
        "١s|time: invalid duration \"\\xd9\\xa1s\"",
        "1١s|time: unknown unit \"\\xd9\\xa1s\" in duration \"1\\xd9\\xa1s\"",
        "１s|time: invalid duration \"\\xef\\xbc\\x91s\"",
        "1|time: missing unit in duration \"1\"",
        "00|time: missing unit in duration \"00\"",
        "1.2.3s|time: missing unit in duration \"1.2.3s\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"",
        "1e3s|time: unknown unit \"e\" in duration \"1e3s\"",
        "`1s `|time: unknown unit \"s \" in duration \"1s \"",
        "1m-1s|time: unknown unit \"m-\" in duration \"1m-1s\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
        "100000000000000000000ns|time: invalid duration \"100000000000000000000ns\"",
        "2562047h47m16.854775808s|time: invalid duration \"2562047h47m16.854775808s\"",
        "2562048h|time: invalid duration \"2562048h\"",
        "-2562048h|time: invalid duration \"-2562048h\"",
        "9223372036854775807ns1ns|time: invalid duration \"9223372036854775807ns1ns\"",
        "2562047.8h|time: invalid duration \"2562047.8h\""})
    void parseRejectsWhatGoRejects_withGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parseErrors_quoteControlAndNonAsciiBytesAsGosTimePackageDoes() {
        assertThatThrownBy(() -> GoDuration.parse("1µ"))
                .hasMessage("time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"");
        assertThatThrownBy(() -> GoDuration.parse("1\ts"))
                .hasMessage("time: unknown unit \"\\x09s\" in duration \"1\\x09s\"");
        assertThatThrownBy(() -> GoDuration.parse("1\"s"))
                .hasMessage("time: unknown unit \"\\\"s\" in duration \"1\\\"s\"");
    }

    @Test
    void aLoneSurrogate_isQuotedAsU_FFFD_asGoDecodesItFromJson() {
        // Go's encoding/json decodes a lone surrogate escape as U+FFFD before time.ParseDuration sees it.
        assertThatThrownBy(() -> GoDuration.parse("1\ud800"))
                .hasMessage("time: unknown unit \"\\xef\\xbf\\xbd\" in duration \"1\\xef\\xbf\\xbd\"");
    }

    @Test
    void theLowestDuration_printsOneSign_andParsesBack() {
        // Regression: the old GoDuration negated -2^63 into itself and printed "--9223372036854775808ns".
        Duration lowest = Duration.ofNanos(Long.MIN_VALUE);
        assertThat(GoDuration.format(lowest)).isEqualTo("-2562047h47m16.854775808s");
        assertThat(GoDuration.parse(GoDuration.format(lowest))).isEqualTo(lowest);
    }

    @Test
    void twoPartsOfTwoTo63Nanos_wrapToZero_asInGo() {
        // Go's quirk, checked against go1.19: it sums parts in a uint64 and 2^63 + 2^63 wraps to 0 unnoticed.
        assertThat(GoDuration.parse("9223372036854775808ns9223372036854775808ns")).isEqualTo(Duration.ZERO);
    }
}
