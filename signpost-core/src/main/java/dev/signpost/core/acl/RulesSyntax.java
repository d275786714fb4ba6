package dev.signpost.core.acl;

import java.util.ArrayList;
import java.util.List;

import dev.signpost.core.InvalidRequestException;

/**
 * Reads the text of ACL rules into a small tree: the HCL 1 shapes rules are written in ({@code key "a" {
 * policy = "read" }}, {@code operator = "read"}, comments with {@code #}, {@code //} and block comments) and
 * their JSON form ({@code {"key": {"a": {"policy": "read"}}}}), which is the same grammar with {@code :} for
 * {@code =}. A labelled block {@code key "a" {...}} reads as {@code key = {"a" = {...}}}. Errors say
 * "At LINE:COLUMN:" as HCL's do.
 *
 * <p>Only what rules need: values are strings, bare words (true, numbers), objects and lists; no heredocs.
 */
final class RulesSyntax {
    /** A value in the tree. */
    sealed interface Value permits Text, Obj, Array {
        int line();

        int column();
    }

    record Text(String text, int line, int column) implements Value {
    }

    record Obj(List<Entry> entries, int line, int column) implements Value {
    }

    record Array(List<Value> items, int line, int column) implements Value {
    }

    record Entry(String key, Value value, int line, int column) {
    }

    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    private RulesSyntax(String text) {
        this.text = text;
    }

    /** The top level of a rules text as one object. */
    static Obj parse(String text) {
        RulesSyntax p = new RulesSyntax(text);
        p.skip();
        Obj top;
        if (p.peek() == '{') {
            top = p.object();
            p.skip();
            if (p.pos < p.text.length()) {
                throw p.error("unexpected " + p.describe() + " after the top-level object");
            }
        } else {
            top = p.entries(false, p.line, p.column);
        }
        return top;
    }

    private Obj object() {
        int l = line;
        int c = column;
        expect('{');
        return entries(true, l, c);
    }

    private Obj entries(boolean braced, int l, int c) {
        List<Entry> entries = new ArrayList<>();
        while (true) {
            skip();
            if (pos >= text.length()) {
                if (braced) {
                    throw error("object expected closing RBRACE got: EOF");
                }
                return new Obj(entries, l, c);
            }
            char ch = peek();
            if (ch == '}' && braced) {
                advance();
                return new Obj(entries, l, c);
            }
            if (ch == ',') {
                advance();
                continue;
            }
            entries.add(entry());
        }
    }

    private Entry entry() {
        int l = line;
        int c = column;
        String key = key();
        skip();
        char ch = peek();
        if (ch == '=' || ch == ':') {
            advance();
            skip();
            return new Entry(key, value(), l, c);
        }
        if (ch == '{') {
            return new Entry(key, object(), l, c);
        }
        if (ch == '"') {
            // a labelled block: key "label" ... { } reads as key = { "label" = ... }
            int ll = line;
            int lc = column;
            Entry inner = entry();
            return new Entry(key, new Obj(List.of(inner), ll, lc), l, c);
        }
        throw error("key '" + key + "' expected start of object ('{') or assignment ('=')");
    }

    private String key() {
        char ch = peek();
        if (ch == '"') {
            return string();
        }
        if (isWordChar(ch)) {
            return word();
        }
        throw error("expected a key, got " + describe());
    }

    private Value value() {
        int l = line;
        int c = column;
        char ch = peek();
        if (ch == '"') {
            return new Text(string(), l, c);
        }
        if (ch == '{') {
            return object();
        }
        if (ch == '[') {
            advance();
            List<Value> items = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == ']') {
                    advance();
                    return new Array(items, l, c);
                }
                if (peek() == ',') {
                    advance();
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("list expected closing RBRACK got: EOF");
                }
                items.add(value());
            }
        }
        if (isWordChar(ch)) {
            return new Text(word(), l, c);
        }
        throw error("expected a value, got " + describe());
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || peek() == '\n') {
                throw error("literal not terminated");
            }
            char ch = advance();
            if (ch == '"') {
                return out.toString();
            }
            if (ch == '\\') {
                if (pos >= text.length()) {
                    throw error("literal not terminated");
                }
                char esc = advance();
                switch (esc) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\', '/' -> out.append(esc);
                    case 'u' -> out.append(unicode());
                    default -> throw error("unknown escape sequence \\" + esc);
                }
            } else {
                out.append(ch);
            }
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) {
            throw error("invalid unicode escape");
        }
        try {
            char ch = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            for (int i = 0; i < 4; i++) {
                advance();
            }
            return ch;
        } catch (NumberFormatException e) {
            throw error("invalid unicode escape");
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && isWordChar(peek())) {
            advance();
        }
        return text.substring(start, pos);
    }

    private static boolean isWordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.';
    }

    private void skip() {
        while (pos < text.length()) {
            char ch = peek();
            if (Character.isWhitespace(ch)) {
                advance();
            } else if (ch == '#' || text.startsWith("//", pos)) {
                while (pos < text.length() && peek() != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("comment not terminated");
                }
                while (pos < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void expect(char ch) {
        if (peek() != ch) {
            throw error("expected '" + ch + "', got " + describe());
        }
        advance();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char advance() {
        char ch = text.charAt(pos++);
        if (ch == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return ch;
    }

    private String describe() {
        return pos >= text.length() ? "EOF" : "'" + peek() + "'";
    }

    private InvalidRequestException error(String message) {
        return new InvalidRequestException("Failed to parse ACL rules: At " + line + ":" + column + ": " + message);
    }
}
