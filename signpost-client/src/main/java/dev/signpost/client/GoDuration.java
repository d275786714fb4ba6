package dev.signpost.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Go's duration strings ("300ms", "1m30s", "1.5h") as Consul and consul-template read and print them:
 * {@code time.ParseDuration} and {@code Duration.String} of Go's time package, to the nanosecond and with Go's error
 * texts. They are part of Consul's wire format (a check's Interval and Timeout, a session's TTL and LockDelay,
 * {@code ?wait=}), so this one copy serves the server (signpost-http passes the texts on in its 400 answers) and the
 * tools (signpost-template's flags and config files); docs/decisions.md says why. Pinned by a table test of Go's
 * behaviour. Stateless and thread-safe.
 */
public final class GoDuration {

    // Go takes "µs" with U+00B5 (micro sign) and with U+03BC (Greek mu).
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /**
     * 2^63 as an unsigned long. Go sums a duration's magnitude in a uint64 that may reach 2^63, so -2^63 ns parses and
     * +2^63 ns does not; magnitudes here are unsigned longs compared with {@link Long#compareUnsigned}.
     */
    private static final long MAX_MAGNITUDE = Long.MIN_VALUE;

    private GoDuration() {
    }

    /**
     * Parses a Go duration: an optional sign, then one or more decimal numbers, each with an optional fraction and a
     * unit (ns, us, µs, μs, ms, s, m, h), as in "1h2m3.5s" or ".5s"; a lone "0" needs no unit. Digits are ASCII, white
     * space is not allowed, and a result outside Go's int64 nanoseconds is invalid. Fractions are truncated to the
     * nanosecond as Go truncates them.
     *
     * @throws IllegalArgumentException with Go's text, e.g. {@code time: invalid duration "5 parsecs"}
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
            // Unsigned, as Go's uint64: two parts of 2^63 each wrap to 0 there too (go1.19 takes the sum as 0s).
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
            boolean overflow = false;
            // Go's leadingFraction reads all of a fraction's digits but keeps only those that fit.
            for (; at < text.length() && isDigit(text.charAt(at)); at++) {
                overflow = overflow || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
                        || Long.compareUnsigned(fraction * 10 + text.charAt(at) - '0', MAX_MAGNITUDE) > 0;
                if (!overflow) {
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
            // Go: "float64 is needed to be nanosecond accurate for fractions of hours"; the product is truncated.
            nanos += (long) (unsignedToDouble(fraction) * ((double) unit / scale));
            if (Long.compareUnsigned(nanos, MAX_MAGNITUDE) > 0) {
                throw invalid(text);
            }
        }
        return new Part(nanos, at);
    }

    /** ASCII digits only: Go reads bytes, so "١s" (an Arabic-Indic one) is no number. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigitOrPoint(char c) {
        return c == '.' || isDigit(c);
    }

    /** A fraction's digits are at most 2^63, the one value a signed long reads as negative. */
    private static double unsignedToDouble(long value) {
        return value < 0 ? 0x1p63 : value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /**
     * The time package's quote: {@code "} and {@code \} escaped, each byte of a control or non-ASCII character as
     * \xNN. A lone surrogate, which Jackson lets a JSON escape make, is U+FFFD, as Go's JSON decoder makes it.
     */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < ' ' || c >= 0x80) {
                int rune = Character.getType(c) == Character.SURROGATE ? 0xfffd : c;
                for (byte x : Character.toString(rune).getBytes(UTF_8)) {
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
     * Fractions lose their trailing zeros; zero is "0s". Every result parses back to the same duration.
     */
    public static String format(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isZero()) {
            return "0s";
        }
        String sign = duration.isNegative() ? "-" : "";
        // Duration.abs() holds 2^63 ns, which a long cannot.
        Duration a = duration.abs();
        long seconds = a.getSeconds();
        long nanos = a.getNano();
        if (seconds == 0) {
            // Go prints U+00B5 (micro sign), not U+03BC (Greek mu), though it parses both.
            return sign + (nanos < 1_000 ? nanos + "ns"
                    : nanos < 1_000_000 ? decimal(nanos, 3) + "\u00b5s"
                    : decimal(nanos, 6) + "ms");
        }
        StringBuilder b = new StringBuilder(sign);
        if (seconds >= 3600) {
            b.append(seconds / 3600).append('h');
        }
        if (seconds >= 60) {
            b.append(seconds / 60 % 60).append('m');
        }
        return b.append(decimal(seconds % 60 * 1_000_000_000L + nanos, 9)).append('s').toString();
    }

    /** {@code unscaled / 10^scale} in plain decimal without trailing fractional zeros: 1500, 3 is "1.5". */
    private static String decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
    }
}
