package dev.signpost.template.config;

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

    /** Go's way of printing a duration, e.g. 1m30s, 250ms, 0s. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanos() < 1_000_000_000L && d.toNanos() % 1_000_000 == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder b = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            b.append(m).append('m');
        }
        long millis = d.toMillisPart();
        b.append(d.toSecondsPart());
        if (millis > 0) {
            b.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
        }
        return b.append('s').toString();
    }
}
