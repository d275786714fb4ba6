package dev.signpost.template.config;

import java.util.ArrayList;
import java.util.List;

import dev.signpost.template.config.ConfigValue.Entry;
import dev.signpost.template.config.ConfigValue.ListValue;
import dev.signpost.template.config.ConfigValue.ObjectValue;
import dev.signpost.template.config.ConfigValue.Position;
import dev.signpost.template.config.ConfigValue.Scalar;

/**
 * The subset of HCL 1 that consul-template's configuration uses: {@code key = value}, blocks {@code key { ... }},
 * strings with Go escapes, heredocs ({@code <<EOF}, {@code <<-EOF}), numbers (a leading 0 is octal, as HCL 1 reads
 * {@code perms = 0600}), booleans, lists and objects, and {@code #}, {@code //} and block comments. As in HCL 1,
 * entries need no separator (newlines and commas are both optional). Errors are {@link ConfigException}s starting
 * with {@code FILE:LINE:COLUMN:}.
 *
 * <p>No Java HCL 1 library is on Maven Central (hcl4j reads HCL 2, where {@code 0600} is decimal), hence this one.
 * Stateless entry point; each parse owns its cursor.
 */
public final class Hcl {

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    private Hcl(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Parses a whole file as the entries of its top-level object. */
    public static ObjectValue parse(String file, String text) {
        Hcl p = new Hcl(file, text);
        ObjectValue o = p.body(p.here(), false);
        return o;
    }

    private Position here() {
        return new Position(file, line, column);
    }

    private ConfigException error(Position at, String message) {
        return new ConfigException(at + ": " + message);
    }

    private ObjectValue body(Position start, boolean braced) {
        List<Entry> entries = new ArrayList<>();
        while (true) {
            skipSpace(true);
            if (pos >= text.length()) {
                if (braced) {
                    throw error(here(), "unexpected end of file: missing '}' for the block opened at line "
                            + start.line() + ", column " + start.column());
                }
                return new ObjectValue(entries, start);
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!braced) {
                    throw error(here(), "unexpected '}'");
                }
                advance();
                return new ObjectValue(entries, start);
            }
            if (c == ',') {
                advance();
                continue;
            }
            Position keyAt = here();
            String key = key();
            skipSpace(false);
            if (pos < text.length() && text.charAt(pos) == '=') {
                advance();
                skipSpace(false);
                entries.add(new Entry(key, value(), keyAt));
            } else if (pos < text.length() && text.charAt(pos) == '{') {
                Position at = here();
                advance();
                entries.add(new Entry(key, body(at, true), keyAt));
            } else {
                throw error(here(), "expected '=' or '{' after key \"" + key + "\", found " + describe());
            }
        }
    }

    private String key() {
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (!Character.isLetter(c) && c != '_') {
            throw error(here(), "expected a key, found " + describe());
        }
        int start = pos;
        while (pos < text.length() && isIdentPart(text.charAt(pos))) {
            advance();
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private ConfigValue value() {
        Position at = here();
        if (pos >= text.length()) {
            throw error(at, "expected a value, found end of file");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Scalar(string(), at);
        }
        if (c == '<' && text.startsWith("<<", pos)) {
            return new Scalar(heredoc(), at);
        }
        if (c == '[') {
            advance();
            List<ConfigValue> items = new ArrayList<>();
            while (true) {
                skipSpace(true);
                if (pos >= text.length()) {
                    throw error(here(), "unexpected end of file: missing ']' for the list opened at line "
                            + at.line() + ", column " + at.column());
                }
                if (text.charAt(pos) == ']') {
                    advance();
                    return new ListValue(items, at);
                }
                items.add(value());
                skipSpace(true);
                if (pos < text.length() && text.charAt(pos) == ',') {
                    advance();
                } else if (pos < text.length() && text.charAt(pos) != ']') {
                    throw error(here(), "expected ',' or ']' in list, found " + describe());
                }
            }
        }
        if (c == '{') {
            advance();
            return body(at, true);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return new Scalar(number(at), at);
        }
        if (Character.isLetter(c)) {
            String word = key();
            return switch (word) {
                case "true" -> new Scalar(true, at);
                case "false" -> new Scalar(false, at);
                default -> throw error(at, "unknown value " + word + " (strings need double quotes)");
            };
        }
        throw error(at, "expected a value, found " + describe());
    }

    private Object number(Position at) {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            advance();
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                && Character.toLowerCase(text.charAt(pos - 1)) == 'e'))) {
            advance();
        }
        String s = text.substring(start, pos);
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        try {
            if (digits.matches("0[xX][0-9a-fA-F]+")) {
                long v = Long.parseLong(digits.substring(2), 16);
                return negative ? -v : v;
            }
            if (digits.matches("0[0-7]+")) {
                long v = Long.parseLong(digits, 8);
                return negative ? -v : v;
            }
            if (digits.matches("\\d+")) {
                return Long.parseLong(s);
            }
            if (digits.matches("(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        boolean duration = s.matches("[\\d.]+[a-zµ]+.*");
        throw error(at, "invalid number " + s + (duration ? " (durations are strings: \"" + s + "\")" : ""));
    }

    private String string() {
        Position at = here();
        advance();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error(at, "unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                advance();
                return b.toString();
            }
            if (c == '\\') {
                Position escAt = here();
                advance();
                if (pos >= text.length()) {
                    throw error(at, "unterminated string");
                }
                char e = text.charAt(pos);
                advance();
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '"' -> b.append('"');
                    case 'u', 'U' -> {
                        int n = e == 'u' ? 4 : 8;
                        if (pos + n > text.length() || !text.substring(pos, pos + n).matches("[0-9a-fA-F]+")) {
                            throw error(escAt, "invalid unicode escape");
                        }
                        b.appendCodePoint(Integer.parseInt(text.substring(pos, pos + n), 16));
                        for (int i = 0; i < n; i++) {
                            advance();
                        }
                    }
                    default -> throw error(escAt, "unknown escape sequence \\" + e);
                }
                continue;
            }
            if (c == '$' && text.startsWith("${", pos)) {
                // HCL 1 interpolation braces are plain text to consul-template; keep them as written.
                b.append(c);
                advance();
                continue;
            }
            b.append(c);
            advance();
        }
    }

    private String heredoc() {
        Position at = here();
        advance();
        advance();
        boolean indented = pos < text.length() && text.charAt(pos) == '-';
        if (indented) {
            advance();
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n') {
            advance();
        }
        String marker = text.substring(start, pos).strip();
        if (marker.isEmpty() || !marker.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(at, "heredoc needs a marker word after <<");
        }
        if (pos >= text.length()) {
            throw error(at, "unterminated heredoc " + marker);
        }
        advance();
        List<String> lines = new ArrayList<>();
        while (true) {
            if (pos >= text.length()) {
                throw error(at, "unterminated heredoc " + marker);
            }
            int ls = pos;
            while (pos < text.length() && text.charAt(pos) != '\n') {
                advance();
            }
            String ln = text.substring(ls, pos);
            if (ln.strip().equals(marker)) {
                return join(lines, indented);
            }
            lines.add(ln);
            if (pos < text.length()) {
                advance();
            }
        }
    }

    private static String join(List<String> lines, boolean indented) {
        int cut = Integer.MAX_VALUE;
        if (indented) {
            for (String l : lines) {
                if (!l.isBlank()) {
                    cut = Math.min(cut, l.length() - l.stripLeading().length());
                }
            }
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(indented && l.length() >= cut && cut != Integer.MAX_VALUE ? l.substring(cut) : l).append('\n');
        }
        return b.toString();
    }

    /** Skips blanks and comments; newlines too when {@code newlines}. */
    private void skipSpace(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                advance();
            } else if (c == '#' || text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                Position at = here();
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(at, "unterminated comment");
                }
                while (pos < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private String describe() {
        if (pos >= text.length()) {
            return "end of file";
        }
        char c = text.charAt(pos);
        return c == '\n' ? "new line" : "'" + c + "'";
    }
}
