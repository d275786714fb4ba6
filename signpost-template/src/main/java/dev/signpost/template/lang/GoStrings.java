package dev.signpost.template.lang;

import java.nio.charset.StandardCharsets;

/**
 * Go's string quoting and unquoting rules (strconv.Quote, strconv.Unquote, strconv.UnquoteChar) and the
 * {@code %#U} rune format, which text/template uses both for literals and for error messages.
 *
 * <p>Java strings are UTF-16 while Go strings are bytes; a {@code \xNN} escape above 0x7F becomes the char U+00NN.
 * Stateless; thread-safe.
 */
public final class GoStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrings() {
    }

    /** strconv.Quote: a double-quoted Go string literal. */
    public static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    /** strconv.QuoteToASCII. */
    static String quoteAscii(String s) {
        return quoteWith(s, '"', true);
    }

    /** strconv.QuoteRune. */
    static String quoteRune(int r) {
        return quoteWith(new String(Character.toChars(validRune(r))), '\'', false);
    }

    static String quoteRuneAscii(int r) {
        return quoteWith(new String(Character.toChars(validRune(r))), '\'', true);
    }

    private static int validRune(int r) {
        return r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) ? 0xFFFD : r;
    }

    static String quoteWith(String s, char quote, boolean asciiOnly) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append(quote);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            appendEscapedRune(b, r, quote, asciiOnly);
        }
        return b.append(quote).toString();
    }

    private static void appendEscapedRune(StringBuilder b, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            b.append('\\').appendCodePoint(r);
            return;
        }
        if (asciiOnly ? (r < 0x80 && isPrint(r)) : isPrint(r)) {
            b.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 11 -> b.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    b.append("\\x").append(HEX[r >> 4]).append(HEX[r & 0xF]);
                } else if (r >= 0xD800 && r <= 0xDFFF) {
                    b.append("\\ufffd");
                } else if (r < 0x10000) {
                    b.append("\\u");
                    appendHex(b, r, 4);
                } else {
                    b.append("\\U");
                    appendHex(b, r, 8);
                }
            }
        }
    }

    private static void appendHex(StringBuilder b, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(HEX[(v >> shift) & 0xF]);
        }
    }

    /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r < 0x80) {
            return r >= 0x20 && r < 0x7F;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** fmt's {@code %#U}: {@code U+0041 'A'}, or just {@code U+0007} when the rune is not printable. */
    static String formatUnicode(int r) {
        StringBuilder b = new StringBuilder("U+");
        String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
        b.append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex);
        if (isPrint(r)) {
            b.append(" '").appendCodePoint(r).append('\'');
        }
        return b.toString();
    }

    /** The UTF-8 length of s, which is what Go's len and byte offsets count. */
    public static int byteLength(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Thrown for any malformed literal; Go reports strconv.ErrSyntax as "invalid syntax". */
    static final class SyntaxError extends Exception {
        SyntaxError() {
            super("invalid syntax", null, false, false);
        }
    }

    /** strconv.Unquote for a "..." or `...` literal. */
    static String unquote(String s) throws SyntaxError {
        int n = s.length();
        if (n < 2) {
            throw new SyntaxError();
        }
        char q = s.charAt(0);
        if (q != s.charAt(n - 1)) {
            throw new SyntaxError();
        }
        String body = s.substring(1, n - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new SyntaxError();
            }
            return body.indexOf('\r') >= 0 ? body.replace("\r", "") : body;
        }
        if (q != '"' && q != '\'') {
            throw new SyntaxError();
        }
        if (body.indexOf('\n') >= 0) {
            throw new SyntaxError();
        }
        if (body.indexOf('\\') < 0 && body.indexOf(q) < 0) {
            if (q == '"') {
                return body;
            }
            if (body.codePointCount(0, body.length()) == 1) {
                return body;
            }
        }
        // Go strings are bytes: \x and octal escapes add raw bytes, so collect UTF-8 and decode at the end.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(body.length());
        StringBuilder one = new StringBuilder(2);
        int[] at = {0};
        int chars = 0;
        while (at[0] < body.length()) {
            int start = at[0];
            one.setLength(0);
            int value = unquoteChar(body, at, q, one);
            boolean byteEscape = body.charAt(start) == '\\' && (body.charAt(start + 1) == 'x'
                    || (body.charAt(start + 1) >= '0' && body.charAt(start + 1) <= '7'));
            if (byteEscape) {
                bytes.write(value);
            } else {
                bytes.writeBytes(one.toString().getBytes(StandardCharsets.UTF_8));
            }
            chars++;
            if (q == '\'' && at[0] < body.length()) {
                throw new SyntaxError();
            }
        }
        if (q == '\'' && chars == 0) {
            throw new SyntaxError();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * strconv.UnquoteChar: decodes one (possibly escaped) character of s at at[0] into out and advances at[0].
     * Returns the rune value.
     */
    static int unquoteChar(String s, int[] at, char quote, StringBuilder out) throws SyntaxError {
        int i = at[0];
        int c = s.codePointAt(i);
        if (c == quote && (quote == '\'' || quote == '"')) {
            throw new SyntaxError();
        }
        if (c != '\\') {
            at[0] = i + Character.charCount(c);
            out.appendCodePoint(c);
            return c;
        }
        if (i + 1 >= s.length()) {
            throw new SyntaxError();
        }
        char e = s.charAt(i + 1);
        i += 2;
        int value;
        switch (e) {
            case 'a' -> value = 7;
            case 'b' -> value = '\b';
            case 'f' -> value = '\f';
            case 'n' -> value = '\n';
            case 'r' -> value = '\r';
            case 't' -> value = '\t';
            case 'v' -> value = 11;
            case 'x', 'u', 'U' -> {
                int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + digits > s.length()) {
                    throw new SyntaxError();
                }
                int v = 0;
                for (int k = 0; k < digits; k++) {
                    int d = Character.digit(s.charAt(i + k), 16);
                    if (d < 0) {
                        throw new SyntaxError();
                    }
                    v = (v << 4) | d;
                }
                i += digits;
                if (e != 'x' && (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) {
                    throw new SyntaxError();
                }
                value = v;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                if (i + 2 > s.length()) {
                    throw new SyntaxError();
                }
                for (int k = 0; k < 2; k++) {
                    int d = s.charAt(i + k) - '0';
                    if (d < 0 || d > 7) {
                        throw new SyntaxError();
                    }
                    v = (v << 3) | d;
                }
                i += 2;
                if (v > 255) {
                    throw new SyntaxError();
                }
                value = v;
            }
            case '\\' -> value = '\\';
            case '\'', '"' -> {
                if (e != quote) {
                    throw new SyntaxError();
                }
                value = e;
            }
            default -> throw new SyntaxError();
        }
        at[0] = i;
        out.appendCodePoint(value);
        return value;
    }
}
