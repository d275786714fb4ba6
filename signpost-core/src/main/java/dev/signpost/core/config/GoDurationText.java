package dev.signpost.core.config;

import java.math.BigDecimal;

/** Go's {@code time.Duration.String()} for the durations Consul quotes in its messages. Pure. */
final class GoDurationText {
    private GoDurationText() {
    }

    /** "1h2m3.5s", "1.5ms", "0s": Go's units, leading zero units left out, fractions without trailing zeros. */
    static String of(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        BigDecimal abs = BigDecimal.valueOf(nanos).abs();
        if (abs.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0) {
            long n = abs.longValue();
            return sign + (n < 1_000 ? n + "ns" : n < 1_000_000 ? plain(abs, 3) + "\u00b5s" : plain(abs, 6) + "ms");
        }
        BigDecimal[] secondsAndNanos = abs.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        long seconds = secondsAndNanos[0].longValue();
        StringBuilder out = new StringBuilder(sign);
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds >= 60) {
            out.append(seconds / 60 % 60).append('m');
        }
        BigDecimal rest = BigDecimal.valueOf(seconds % 60 * 1_000_000_000L).add(secondsAndNanos[1]);
        return out.append(plain(rest, 9)).append('s').toString();
    }

    private static String plain(BigDecimal unscaled, int scale) {
        return unscaled.movePointLeft(scale).stripTrailingZeros().toPlainString();
    }
}
