package dev.signpost.template.golib;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's time.Format with its reference-time layouts ("2006-01-02T15:04:05Z07:00"), for {@code timestamp}. The time is
 * always UTC, as consul-template's is. Stateless.
 */
public final class GoTime {

    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

    private GoTime() {
    }

    public static String format(Instant instant, String layout) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String rest = layout.substring(i);
            if (rest.startsWith("January")) {
                b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 7;
            } else if (rest.startsWith("Jan")) {
                b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("Monday")) {
                b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                i += 6;
            } else if (rest.startsWith("Mon")) {
                b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                i += 3;
            } else if (rest.startsWith("MST")) {
                b.append("UTC");
                i += 3;
            } else if (rest.startsWith("2006")) {
                b.append(String.format(Locale.ROOT, "%04d", t.getYear()));
                i += 4;
            } else if (rest.startsWith("Z07:00") || rest.startsWith("Z0700") || rest.startsWith("Z07")) {
                b.append('Z');
                i += rest.startsWith("Z07:00") ? 6 : rest.startsWith("Z0700") ? 5 : 3;
            } else if (rest.startsWith("-07:00")) {
                b.append("+00:00");
                i += 6;
            } else if (rest.startsWith("-0700")) {
                b.append("+0000");
                i += 5;
            } else if (rest.startsWith("-07")) {
                b.append("+00");
                i += 3;
            } else if (rest.startsWith("01")) {
                b.append(two(t.getMonthValue()));
                i += 2;
            } else if (rest.startsWith("02")) {
                b.append(two(t.getDayOfMonth()));
                i += 2;
            } else if (rest.startsWith("_2")) {
                b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                i += 2;
            } else if (rest.startsWith("06")) {
                b.append(two(t.getYear() % 100));
                i += 2;
            } else if (rest.startsWith("15")) {
                b.append(two(t.getHour()));
                i += 2;
            } else if (rest.startsWith("03")) {
                b.append(two(hour12(t)));
                i += 2;
            } else if (rest.startsWith("04")) {
                b.append(two(t.getMinute()));
                i += 2;
            } else if (rest.startsWith("05")) {
                b.append(two(t.getSecond()));
                i += 2;
            } else if (rest.startsWith("PM")) {
                b.append(t.getHour() < 12 ? "AM" : "PM");
                i += 2;
            } else if (rest.startsWith("pm")) {
                b.append(t.getHour() < 12 ? "am" : "pm");
                i += 2;
            } else if (rest.startsWith(".000") || rest.startsWith(",000") || rest.startsWith(".999")
                    || rest.startsWith(",999")) {
                char digit = rest.charAt(1);
                int n = 1;
                while (n < rest.length() && rest.charAt(n) == digit) {
                    n++;
                }
                String frac = String.format(Locale.ROOT, "%09d", t.getNano()).substring(0, Math.min(n - 1, 9));
                if (digit == '9') {
                    frac = frac.replaceAll("0+$", "");
                    if (!frac.isEmpty()) {
                        b.append(rest.charAt(0)).append(frac);
                    }
                } else {
                    b.append(rest.charAt(0)).append(frac);
                }
                i += n;
            } else if (rest.startsWith("1")) {
                b.append(t.getMonthValue());
                i += 1;
            } else if (rest.startsWith("2")) {
                b.append(t.getDayOfMonth());
                i += 1;
            } else if (rest.startsWith("3")) {
                b.append(hour12(t));
                i += 1;
            } else if (rest.startsWith("4")) {
                b.append(t.getMinute());
                i += 1;
            } else if (rest.startsWith("5")) {
                b.append(t.getSecond());
                i += 1;
            } else {
                b.append(layout.charAt(i));
                i++;
            }
        }
        return b.toString();
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
