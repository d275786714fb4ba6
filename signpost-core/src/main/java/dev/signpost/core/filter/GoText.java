package dev.signpost.core.filter;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The pieces of Go's {@code strconv} that bexpr's behaviour and messages rest on: {@code Quote} (how a value is
 * shown in a message), {@code Unquote} (how a string literal is read) and the {@code Parse*} functions that coerce a
 * value to a field's type, failing with Go's {@code NumError} text.
 */
final class GoText {
    private GoText() {
    }

    /** Go's ErrSyntax text. */
    static final String INVALID_SYNTAX = "invalid syntax";

    /** A value Go could not parse; the message is exactly Go's. */
    static final class NumberFormat extends Exception {
        private static final long serialVersionUID = 1L;

        NumberFormat(String function, String input, String reason) {
            super("strconv." + function + ": parsing " + quote(input) + ": " + reason);
        }
    }

    /** Go's {@code strconv.Quote}: double quotes, Go escapes for quotes, backslashes and unprintable characters. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                    } else if (cp >= 0x80 && (Character.isISOControl(cp) || !Character.isDefined(cp))) {
                        out.append(cp > 0xffff ? String.format(Locale.ROOT, "\\U%08x", cp)
                                : String.format(Locale.ROOT, "\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * Go's {@code strconv.Unquote} for a back-quoted or double-quoted literal (quotes included).
     *
     * @throws IllegalArgumentException with Go's "invalid syntax" when the literal is not valid Go
     */
    static String unquote(String literal) {
        char quote = literal.charAt(0);
        String body = literal.substring(1, literal.length() - 1);
        if (quote == '`') {
            return body.replace("\r", "");
        }
        if (body.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(INVALID_SYNTAX);
        }
        if (body.indexOf('\\') < 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            if (cp != '\\') {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            i = escape(body, i + 1, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads the escape after a backslash at {@code at}; returns the index after it. */
    private static int escape(String body, int at, ByteArrayOutputStream out) {
        if (at >= body.length()) {
            throw new IllegalArgumentException(INVALID_SYNTAX);
        }
        char c = body.charAt(at);
        switch (c) {
            case 'a' -> out.write(7);
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(11);
            case '\\' -> out.write('\\');
            case '"' -> out.write('"');
            case 'x' -> {
                out.write(digits(body, at + 1, 2, 16));
                return at + 3;
            }
            case 'u', 'U' -> {
                int n = c == 'u' ? 4 : 8;
                int cp = digits(body, at + 1, n, 16);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                    throw new IllegalArgumentException(INVALID_SYNTAX);
                }
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                return at + 1 + n;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int value = digits(body, at, 3, 8);
                if (value > 255) {
                    throw new IllegalArgumentException(INVALID_SYNTAX);
                }
                out.write(value);
                return at + 3;
            }
            default -> throw new IllegalArgumentException(INVALID_SYNTAX);
        }
        return at + 1;
    }

    private static int digits(String body, int from, int count, int radix) {
        if (from + count > body.length()) {
            throw new IllegalArgumentException(INVALID_SYNTAX);
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = Character.digit(body.charAt(i), radix);
            if (d < 0 || body.charAt(i) > 0x7f) {
                throw new IllegalArgumentException(INVALID_SYNTAX);
            }
            value = value * radix + d;
        }
        return value;
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean parseBool(String text) throws NumberFormat {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new NumberFormat("ParseBool", text, INVALID_SYNTAX);
        };
    }

    /** Go's {@code strconv.ParseInt(text, 0, bits)}: base prefixes, a leading 0 for octal, digit separators. */
    static long parseInt(String text, int bits) throws NumberFormat {
        String digits = text;
        boolean negative = false;
        if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        BigInteger magnitude = unsigned(digits, text, "ParseInt");
        BigInteger cutoff = BigInteger.ONE.shiftLeft(bits - 1);
        if (!negative && magnitude.compareTo(cutoff) >= 0 || negative && magnitude.compareTo(cutoff) > 0) {
            throw new NumberFormat("ParseInt", text, "value out of range");
        }
        return negative ? magnitude.negate().longValue() : magnitude.longValue();
    }

    /** Go's {@code strconv.ParseUint(text, 0, bits)}. */
    static long parseUint(String text, int bits) throws NumberFormat {
        BigInteger value = unsigned(text, text, "ParseUint");
        if (value.bitLength() > bits) {
            throw new NumberFormat("ParseUint", text, "value out of range");
        }
        return value.longValue();
    }

    private static BigInteger unsigned(String digits, String input, String function) throws NumberFormat {
        if (digits.isEmpty()) {
            throw new NumberFormat(function, input, INVALID_SYNTAX);
        }
        int radix = 10;
        String rest = digits;
        if (digits.charAt(0) == '0') {
            char second = digits.length() >= 3 ? Character.toLowerCase(digits.charAt(1)) : 0;
            switch (second) {
                case 'b' -> radix = 2;
                case 'o' -> radix = 8;
                case 'x' -> radix = 16;
                default -> radix = 8;
            }
            rest = second == 'b' || second == 'o' || second == 'x' ? digits.substring(2) : digits.substring(1);
        }
        BigInteger value = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(radix);
        boolean underscores = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '_') {
                underscores = true;
                continue;
            }
            int d = c < 0x80 ? Character.digit(c, 36) : -1;
            if (d < 0 || d >= radix) {
                throw new NumberFormat(function, input, INVALID_SYNTAX);
            }
            value = value.multiply(base).add(BigInteger.valueOf(d));
            if (value.bitLength() > 64) {
                throw new NumberFormat(function, input, "value out of range");
            }
        }
        if (underscores && !underscoresOk(digits)) {
            throw new NumberFormat(function, input, INVALID_SYNTAX);
        }
        return value;
    }

    /** Go's rule: an underscore only separates digits (a base prefix counts as a digit). */
    private static boolean underscoresOk(String digits) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (digits.length() >= 2 && digits.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(digits.charAt(1))) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(digits.charAt(1)) == 'x';
        }
        for (; i < digits.length(); i++) {
            char c = Character.toLowerCase(digits.charAt(i));
            if (c >= '0' && c <= '9' || hex && c >= 'a' && c <= 'f') {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }
}
