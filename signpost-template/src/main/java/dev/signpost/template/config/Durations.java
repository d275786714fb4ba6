package dev.signpost.template.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration}: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h, e.g. 1m30s. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a Go duration; "0" is zero and a sign is allowed.
     *
     * @throws IllegalArgumentException with Go's text: {@code time: invalid duration "x"}
     */
    public static Duration parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Matcher m = PART.matcher(s);
        double nanos = 0;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw unitProblem(text, s.substring(at));
            }
            double value = Double.parseDouble(m.group(1));
            nanos += value * switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            at = m.end();
        }
        Duration d = Duration.ofNanos(Math.round(nanos));
        return negative ? d.negated() : d;
    }

    private static IllegalArgumentException unitProblem(String text, String rest) {
        Matcher m = Pattern.compile("[\\d.]+([^\\d.]*).*").matcher(rest);
        if (!m.matches()) {
            return invalid(text);
        }
        return m.group(1).isEmpty()
                ? new IllegalArgumentException("time: missing unit in duration \"" + text + "\"")
                : new IllegalArgumentException("time: unknown unit \"" + m.group(1) + "\" in duration \"" + text
                        + "\"");
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    /**
     * Go's {@code Duration.String}: hours, minutes and seconds ("2h0m0s", "1m30s", "1.5s"), leading zero units left
     * out, and under a second the largest unit that keeps a non-zero integer part ("1.234ms", "1.5µs", "1ns").
     * Fractions lose their trailing zeros; zero is "0s".
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration a = d.abs();
        long seconds = a.getSeconds();
        long nanos = a.getNano();
        if (seconds == 0) {
            // Go prints U+00B5 (micro sign), not U+03BC (Greek mu), though it parses both.
            return sign + (nanos < 1_000 ? nanos + "ns"
                    : nanos < 1_000_000 ? decimal(nanos, 3) + "\u00b5s"
                    : decimal(nanos, 6) + "ms");
        }
        StringBuilder b = new StringBuilder(sign);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (seconds >= 60) {
            b.append(minutes).append('m');
        }
        return b.append(decimal(seconds % 60 * 1_000_000_000L + nanos, 9)).append('s').toString();
    }

    /** {@code unscaled / 10^scale} in plain decimal without trailing fractional zeros: 1500, 3 is "1.5". */
    private static String decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
    }
}
