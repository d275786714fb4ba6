package dev.signpost.template.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Go's duration strings as consul-template reads and prints them: {@code time.ParseDuration} and
 * {@code Duration.String}, to the nanosecond and with Go's error texts. The server side has its own parser,
 * signpost-http's {@code GoDuration} (docs/decisions.md says why); each is pinned by table tests of Go's behaviour.
 */
public final class Durations {

    // Go takes "µs" with U+00B5 (micro sign) and with U+03BC (Greek mu).
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /**
     * 2^63 read as unsigned: Go sums a duration's magnitude in a uint64 that may reach 2^63, so that -2^63 ns parses
     * while +2^63 ns does not. Magnitudes below are unsigned longs compared with {@link Long#compareUnsigned}.
     */
    private static final long MAX_MAGNITUDE = Long.MIN_VALUE;

    private Durations() {
    }

    /**
     * Parses a Go duration: an optional sign, then one or more decimal numbers, each with an optional fraction and a
     * unit (ns, us, µs, μs, ms, s, m, h), as in "1h2m3.5s" or ".5s"; a lone "0" needs no unit. White space is not
     * allowed, and a result outside Go's int64 nanoseconds is invalid. Fractions are truncated to the nanosecond.
     *
     * @throws IllegalArgumentException with Go's text, e.g. {@code time: unknown unit "x" in duration "1x"}
     */
    public static Duration parse(String text) {
        requireNonNull(text, "text");
        int at = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            at = 1;
        }
        if (text.substring(at).equals("0")) {
            return Duration.ZERO;
        }
        if (at == text.length()) {
            throw invalid(text);
        }
        long magnitude = 0;
        while (at < text.length()) {
            Part part = part(text, at);
            magnitude += part.nanos();
            if (Long.compareUnsigned(magnitude, MAX_MAGNITUDE) > 0) {
                throw invalid(text);
            }
            at = part.end();
        }
        if (negative) {
            return Duration.ofNanos(-magnitude);
        }
        if (magnitude < 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(magnitude);
    }

    /** One number with its unit: its nanoseconds (unsigned, at most 2^63) and where the next one starts. */
    private record Part(long nanos, int end) {
    }

    private static Part part(String text, int at) {
        if (!isDigitOrPoint(text.charAt(at))) {
            throw invalid(text);
        }
        int start = at;
        long whole = 0;
        for (; at < text.length() && isDigit(text.charAt(at)); at++) {
            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, 10)) > 0) {
                throw invalid(text);
            }
            whole = whole * 10 + text.charAt(at) - '0';
            if (Long.compareUnsigned(whole, MAX_MAGNITUDE) > 0) {
                throw invalid(text);
            }
        }
        boolean hasDigits = at > start;
        long fraction = 0;
        double scale = 1;
        if (at < text.length() && text.charAt(at) == '.') {
            int fractionStart = ++at;
            boolean saturated = false;
            // Go reads all of a fraction's digits but stops adding them once another would overflow.
            for (; at < text.length() && isDigit(text.charAt(at)); at++) {
                saturated = saturated || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
                        || Long.compareUnsigned(fraction * 10 + text.charAt(at) - '0', MAX_MAGNITUDE) > 0;
                if (!saturated) {
                    fraction = fraction * 10 + text.charAt(at) - '0';
                    scale *= 10;
                }
            }
            hasDigits |= at > fractionStart;
        }
        if (!hasDigits) {
            throw invalid(text);
        }
        int unitStart = at;
        while (at < text.length() && !isDigitOrPoint(text.charAt(at))) {
            at++;
        }
        if (at == unitStart) {
            throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
        }
        String name = text.substring(unitStart, at);
        Long unit = UNITS.get(name);
        if (unit == null) {
            throw new IllegalArgumentException("time: unknown unit " + quote(name) + " in duration " + quote(text));
        }
        if (Long.compareUnsigned(whole, Long.divideUnsigned(MAX_MAGNITUDE, unit)) > 0) {
            throw invalid(text);
        }
        long nanos = whole * unit;
        if (fraction != 0) {
            // As Go: a float64 keeps a fraction of an hour exact to the nanosecond, and the product is truncated.
            nanos += (long) (unsignedToDouble(fraction) * ((double) unit / scale));
            if (Long.compareUnsigned(nanos, MAX_MAGNITUDE) > 0) {
                throw invalid(text);
            }
        }
        return new Part(nanos, at);
    }

    /** ASCII digits only, as Go reads bytes. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigitOrPoint(char c) {
        return c == '.' || isDigit(c);
    }

    /** A fraction's digits never exceed 2^63, the one value that reads as negative. */
    private static double unsignedToDouble(long value) {
        return value < 0 ? 0x1p63 : value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /** The time package's own quoting: {@code "} and {@code \} escaped, control and non-ASCII bytes as \xNN. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < ' ' || c >= 0x80) {
                for (byte x : Character.toString(c).getBytes(UTF_8)) {
                    b.append(String.format("\\x%02x", x & 0xff));
                }
            } else {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append((char) c);
            }
        });
        return b.append('"').toString();
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
