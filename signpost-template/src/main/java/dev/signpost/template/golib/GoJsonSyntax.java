package dev.signpost.template.golib;

import java.nio.charset.StandardCharsets;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoStrings;

/**
 * Checks JSON text the way Go's encoding/json scanner does before Unmarshal, so that parseJSON fails with Go's words:
 * {@code invalid character 'x' looking for beginning of value}, {@code unexpected end of JSON input}, and so on.
 * Works on UTF-8 bytes, as Go's scanner does. Stateless.
 */
public final class GoJsonSyntax {

    private final byte[] in;
    private int pos;

    private GoJsonSyntax(String text) {
        this.in = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws Go's syntax error for text, or returns normally when it is valid JSON. */
    public static void check(String text) {
        GoJsonSyntax s = new GoJsonSyntax(text);
        s.skipSpace();
        s.value();
        s.skipSpace();
        if (s.pos < s.in.length) {
            throw s.invalid("after top-level value");
        }
    }

    private FunctionException invalid(String context) {
        if (pos >= in.length) {
            return new FunctionException("unexpected end of JSON input");
        }
        return new FunctionException("invalid character " + quoteChar(in[pos] & 0xFF) + " " + context);
    }

    private static String quoteChar(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String q = GoStrings.quote(String.valueOf((char) c));
        return "'" + q.substring(1, q.length() - 1) + "'";
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\r' || in[pos] == '\n')) {
            pos++;
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xFF : -1;
    }

    private void value() {
        switch (peek()) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> throw invalid("looking for beginning of value");
        }
    }

    private void object() {
        sequence('}', this::member, "after object key:value pair");
    }

    private void member() {
        if (peek() != '"') {
            throw invalid("looking for beginning of object key string");
        }
        string();
        skipSpace();
        if (peek() != ':') {
            throw invalid("after object key");
        }
        pos++;
        skipSpace();
        value();
    }

    private void array() {
        sequence(']', this::value, "after array element");
    }

    /** An object's or array's elements, from its opening byte to close, separated by commas, each read by element. */
    private void sequence(char close, Runnable element, String afterElement) {
        pos++;
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            element.run();
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                continue;
            }
            if (peek() == close) {
                pos++;
                return;
            }
            throw invalid(afterElement);
        }
    }

    private void string() {
        pos++;
        while (true) {
            int c = peek();
            if (c == -1) {
                throw invalid("in string literal");
            }
            if (c == '"') {
                pos++;
                return;
            }
            if (c < 0x20) {
                throw invalid("in string literal");
            }
            if (c == '\\') {
                pos++;
                int e = peek();
                switch (e) {
                    case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> pos++;
                    case 'u' -> {
                        pos++;
                        for (int i = 0; i < 4; i++) {
                            int h = peek();
                            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                                throw invalid("in \\u hexadecimal character escape");
                            }
                            pos++;
                        }
                    }
                    default -> throw invalid("in string escape code");
                }
                continue;
            }
            pos++;
        }
    }

    private void literal(String word) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (peek() != word.charAt(i)) {
                throw invalid("in literal " + word + " (expecting " + quoteChar(word.charAt(i)) + ")");
            }
            pos++;
        }
    }

    private void number() {
        if (peek() == '-') {
            pos++;
            if (!isDigit(peek())) {
                throw invalid("in numeric literal");
            }
        }
        if (peek() == '0') {
            pos++;
        } else {
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw invalid("after decimal point in numeric literal");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw invalid("in exponent of numeric literal");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
