package dev.signpost.template.lang;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GoFmtTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "0.0|0", "-0.0|-0", "1.0|1", "0.1|0.1", "100000.0|100000", "1000000.0|1e+06", "1.5e-5|1.5e-05",
        "0.0001|0.0001", "0.00001|1e-05", "123456789.0|1.23456789e+08",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "4.9e-324|5e-324", "0.30000000000000004|0.30000000000000004", "2.5|2.5", "-3.75|-3.75", "1e21|1e+21",
        "12345.678|12345.678"})
    void floatsPrintLikeGosPercentV(double value, String expected) {
        assertThat(GoFmt.print(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "%.3e|1234.5678|1.235e+03", "%.0f|2.5|2", "%.0f|3.5|4", "%g|100000.0|100000", "%g|1000000.0|1e+06",
        "%.2g|0.000123|0.00012", "%G|1e-10|1E-10", "%8.3f|-3.14159|  -3.142", "%-8.2e|1.0|1.00e+00",
        "%+g|2.0|+2", "%e|0.0|0.000000e+00", "%.3g|100.0|100", "%.1g|0.05|0.05", "%5.1f%%|99.95|100.0%"})
    void floatVerbsFormatLikeGo(String format, double value, String expected) {
        assertThat(GoFmt.sprintf(format, List.of(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false, value = {
        "%d|-42|-42", "%6d|42|    42", "%-6d|42|42    ", "%06d|-42|-00042", "%.4d|7|0007", "%x|-255|-ff",
        "%#o|0|0", "%b|-5|-101", "%c|9731|☃", "%q|9731|'☃'", "%+q|9731|'\\u2603'", "%U|9731|U+2603",
        "%08.3d|5|     005"})
    void integerVerbsFormatLikeGo(String format, long value, String expected) {
        assertThat(GoFmt.sprintf(format, List.of(value))).isEqualTo(expected);
    }

    @Test
    void stringsQuoteLikeStrconvQuote() {
        assertThat(GoStrings.quote("a\tb")).isEqualTo("\"a\\tb\"");
        assertThat(GoStrings.quote("é")).isEqualTo("\"é\"");
        assertThat(GoStrings.quote("\u0007")).isEqualTo("\"\\a\"");
        assertThat(GoStrings.quote("\u007f")).isEqualTo("\"\\x7f\"");
        assertThat(GoStrings.quote("\u2028")).isEqualTo("\"\\u2028\"");
        assertThat(GoStrings.quote("\\")).isEqualTo("\"\\\\\"");
    }
}
