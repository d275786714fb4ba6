package dev.signpost.template.lang;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * strconv.FormatFloat for the formats fmt uses ('e', 'E', 'f', 'F', 'g', 'G'), including the shortest
 * representation for precision -1. Correct rounding comes from BigDecimal's exact binary expansion with
 * round-half-even, which is what strconv's decimal rounding does. Stateless.
 */
final class GoFloats {

    private GoFloats() {
    }

    /** Decimal digits d (no leading or trailing zeros; empty for zero) with the decimal point after dp digits. */
    private record Digits(String d, int dp) {
        static Digits of(BigDecimal v) {
            if (v.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal s = v.stripTrailingZeros();
            String u = s.unscaledValue().abs().toString();
            return new Digits(u, u.length() - s.scale());
        }
    }

    /**
     * The shortest digits that read back as v. Double.toString gives at least two significant digits ("4.9E-324"
     * for Double.MIN_VALUE, where Go prints "5e-324"), so a one-digit candidate is tried as well.
     */
    private static Digits shortest(double abs) {
        Digits d = Digits.of(new BigDecimal(Double.toString(abs)));
        if (d.d().length() == 2) {
            BigDecimal one = new BigDecimal(abs).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == abs) {
                return Digits.of(one);
            }
        }
        return d;
    }

    /** Formats v like strconv.FormatFloat(v, fmt, prec, 64). */
    static String format(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
        double abs = Math.abs(v);
        boolean shortest = prec < 0;
        Digits digs;
        StringBuilder b = new StringBuilder(24);
        if (neg) {
            b.append('-');
        }
        if (shortest) {
            digs = abs == 0 ? new Digits("", 0) : shortest(abs);
            switch (fmt) {
                case 'e', 'E' -> prec = Math.max(digs.d().length() - 1, 0);
                case 'f', 'F' -> prec = Math.max(digs.d().length() - digs.dp(), 0);
                default -> prec = digs.d().length();
            }
        } else {
            BigDecimal exact = new BigDecimal(abs);
            digs = switch (fmt) {
                case 'e', 'E' -> Digits.of(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
                case 'f', 'F' -> Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
                default -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    yield Digits.of(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
                }
            };
        }
        switch (fmt) {
            case 'e', 'E' -> formatE(b, digs, prec, fmt);
            case 'f', 'F' -> formatF(b, digs, prec);
            default -> {
                int eprec = prec;
                int nd = digs.d().length();
                if (eprec > nd && nd >= digs.dp()) {
                    eprec = nd;
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp() - 1;
                if (nd == 0) {
                    exp = 0;
                }
                if (exp < -4 || exp >= eprec) {
                    if (prec > nd) {
                        prec = nd;
                    }
                    formatE(b, digs, prec - 1, fmt == 'G' ? 'E' : 'e');
                } else {
                    if (prec > digs.dp()) {
                        prec = nd;
                    }
                    formatF(b, digs, Math.max(prec - digs.dp(), 0));
                }
            }
        }
        return b.toString();
    }

    private static void formatE(StringBuilder b, Digits digs, int prec, char fmt) {
        String d = digs.d();
        b.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            b.append('.');
            int i = 1;
            int m = Math.min(d.length(), prec + 1);
            if (i < m) {
                b.append(d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                b.append('0');
            }
        }
        b.append(fmt);
        int exp = d.isEmpty() ? 0 : digs.dp() - 1;
        b.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            b.append('0');
        }
        b.append(exp);
    }

    private static void formatF(StringBuilder b, Digits digs, int prec) {
        String d = digs.d();
        if (digs.dp() > 0) {
            int m = Math.min(d.length(), digs.dp());
            b.append(d, 0, m);
            for (; m < digs.dp(); m++) {
                b.append('0');
            }
        } else {
            b.append('0');
        }
        if (prec > 0) {
            b.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digs.dp() + i - 1;
                b.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
            }
        }
    }
}
