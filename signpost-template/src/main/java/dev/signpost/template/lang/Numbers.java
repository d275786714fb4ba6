package dev.signpost.template.lang;

import java.math.BigInteger;

import dev.signpost.template.lang.Node.NumberNode;

/**
 * Turns a number token into a {@link NumberNode} with Go's rules (text/template/parse newNumber plus strconv's
 * ParseInt, ParseUint and ParseFloat with base prefixes and underscores). Stateless.
 */
final class Numbers {

    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** A literal that Go rejects; the message is Go's. */
    static final class NumberException extends Exception {
        NumberException(String message) {
            super(message, null, false, false);
        }
    }

    private Numbers() {
    }

    static NumberNode charConstant(int pos, String text) throws NumberException {
        int[] at = {1};
        int rune;
        try {
            rune = GoStrings.unquoteChar(text, at, '\'', new StringBuilder());
        } catch (GoStrings.SyntaxError e) {
            throw new NumberException("invalid syntax");
        }
        if (!text.substring(at[0]).equals("'")) {
            throw new NumberException("malformed character constant: " + text);
        }
        return new NumberNode(pos, text, true, true, true, false, rune, rune, rune, 0, 0);
    }

    static NumberNode complexConstant(int pos, String text) throws NumberException {
        int split = -1;
        for (int i = text.length() - 2; i > 0; i--) {
            char c = text.charAt(i);
            char before = text.charAt(i - 1);
            if ((c == '+' || c == '-') && before != 'e' && before != 'E' && before != 'p' && before != 'P') {
                split = i;
                break;
            }
        }
        Double re = split < 0 ? null : parseFloat(text.substring(0, split));
        Double im = split < 0 ? null : parseFloat(text.substring(split, text.length() - 1));
        if (re == null || im == null) {
            throw new NumberException("illegal number syntax: " + GoStrings.quote(text));
        }
        return simplifyComplex(pos, text, re, im);
    }

    private static NumberNode simplifyComplex(int pos, String text, double re, double im) {
        if (im != 0) {
            return new NumberNode(pos, text, false, false, false, true, 0, 0, 0, re, im);
        }
        boolean isInt = (double) (long) re == re;
        boolean isUint = re >= 0 && re < 0x1p64 && re == Math.floor(re);
        return new NumberNode(pos, text, isInt, isUint, true, true, isInt ? (long) re : 0,
                isUint ? toUint(re) : 0, re, re, im);
    }

    static NumberNode number(int pos, String text) throws NumberException {
        if (!text.isEmpty() && text.charAt(text.length() - 1) == 'i') {
            Double f = parseFloat(text.substring(0, text.length() - 1));
            if (f != null) {
                return simplifyComplex(pos, text, 0, f);
            }
        }
        BigInteger u = parseInteger(text, false);
        BigInteger i = parseInteger(text, true);
        boolean isUint = u != null;
        boolean isInt = i != null;
        long uint64 = isUint ? u.longValue() : 0;
        long int64 = isInt ? i.longValue() : 0;
        if (isInt && int64 == 0) {
            isUint = true;
        }
        boolean isFloat = false;
        double float64 = 0;
        if (isInt) {
            isFloat = true;
            float64 = int64;
        } else if (isUint) {
            isFloat = true;
            float64 = u.doubleValue();
        } else {
            Double f = parseFloat(text);
            if (f != null) {
                if (!containsAny(text, ".eEpP")) {
                    throw new NumberException("integer overflow: " + GoStrings.quote(text));
                }
                isFloat = true;
                float64 = f;
                if ((double) (long) f.doubleValue() == f && f > -0x1p63 && f < 0x1p63) {
                    isInt = true;
                    int64 = (long) f.doubleValue();
                }
                if (f >= 0 && f < 0x1p64 && f == Math.floor(f)) {
                    isUint = true;
                    uint64 = toUint(f);
                }
            }
        }
        if (!isInt && !isUint && !isFloat) {
            throw new NumberException("illegal number syntax: " + GoStrings.quote(text));
        }
        return new NumberNode(pos, text, isInt, isUint, isFloat, false, int64, uint64, float64, 0, 0);
    }

    private static long toUint(double f) {
        return new java.math.BigDecimal(f).toBigInteger().longValue();
    }

    static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** strconv.ParseInt(s, 0, 64) when signed, strconv.ParseUint(s, 0, 64) otherwise; null when Go fails. */
    static BigInteger parseInteger(String s, boolean signed) {
        String body = s;
        boolean negative = false;
        if (signed && !body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = body;
        if (body.charAt(0) == '0') {
            if (body.length() >= 3 && "xXoObB".indexOf(body.charAt(1)) >= 0) {
                char p = Character.toLowerCase(body.charAt(1));
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                digits = body.substring(2);
            } else {
                radix = 8;
                digits = body.substring(1);
                if (digits.isEmpty()) {
                    return BigInteger.ZERO;
                }
            }
        }
        boolean underscores = digits.indexOf('_') >= 0;
        if (underscores && !underscoreOk(s)) {
            return null;
        }
        String clean = underscores ? digits.replace("_", "") : digits;
        if (clean.isEmpty()) {
            return null;
        }
        for (int k = 0; k < clean.length(); k++) {
            if (Character.digit(clean.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(clean, radix);
        if (negative) {
            v = v.negate();
        }
        if (signed) {
            return v.bitLength() <= 63 ? v : null;
        }
        return v.compareTo(MAX_UINT64) <= 0 ? v : null;
    }

    /** strconv.ParseFloat(s, 64); null when Go reports a syntax or range error. */
    static Double parseFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-'
                    || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X' || c == 'p'
                    || c == 'P';
            if (!ok) {
                return null;
            }
        }
        if (s.indexOf('_') >= 0 && !underscoreOk(s)) {
            return null;
        }
        String clean = s.replace("_", "");
        String unsigned = clean.startsWith("+") || clean.startsWith("-") ? clean.substring(1) : clean;
        boolean hex = unsigned.length() > 1 && unsigned.charAt(0) == '0'
                && (unsigned.charAt(1) == 'x' || unsigned.charAt(1) == 'X');
        if (hex ? !containsAny(unsigned, "pP") : containsAny(unsigned.replaceAll("[eE]", ""), "abcdfABCDFxXpP")) {
            return null;
        }
        try {
            double d = Double.parseDouble(clean);
            return Double.isInfinite(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's strconv underscoreOK: underscores only between digits or after a base prefix. */
    static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if ((c >= '0' && c <= '9') || (hex && lower >= 'a' && lower <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
