package dev.signpost.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One string of a prepared query template, parsed: literal text and {@code ${...}} interpolations in the subset of
 * HashiCorp's HIL that templates use: variables ({@code ${name.full}}), calls ({@code ${match(1)}}), integer and
 * string literals; {@code $${} is a literal {@code ${}. Errors read like HIL's ("parse error at 1:3: ...").
 * Immutable.
 */
final class Interpolation {
    private sealed interface Expr permits Text, Variable, Call, IntLiteral, StringLiteral {
    }

    private record Text(String text) implements Expr {
    }

    private record Variable(String name, int column) implements Expr {
    }

    private record Call(String function, List<Expr> args, int column) implements Expr {
    }

    private record IntLiteral(int value) implements Expr {
    }

    private record StringLiteral(String value) implements Expr {
    }

    /** What an evaluation made: a string, or an int when the whole text was one integer expression. */
    record Value(Object value) {
        boolean isString() {
            return value instanceof String;
        }

        String typeName() {
            return value instanceof Integer ? "TypeInt" : "TypeString";
        }
    }

    private final List<Expr> parts;

    private Interpolation(List<Expr> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses a text; IllegalArgumentException with HIL's kind of message when it is not valid. */
    static Interpolation parse(String text) {
        return new Parser(text).template();
    }

    /** True when the text has no interpolation at all. */
    boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /**
     * Evaluates with these variables and {@code match(N)}; IllegalArgumentException for an unknown variable or
     * function or a wrong argument type.
     */
    Value evaluate(Map<String, String> variables, IntFunction<String> match) {
        if (parts.size() == 1 && !(parts.getFirst() instanceof Text)) {
            return new Value(eval(parts.getFirst(), variables, match));
        }
        StringBuilder out = new StringBuilder();
        for (Expr part : parts) {
            out.append(eval(part, variables, match));
        }
        return new Value(out.toString());
    }

    private static Object eval(Expr expr, Map<String, String> variables, IntFunction<String> match) {
        return switch (expr) {
            case Text t -> t.text();
            case IntLiteral i -> i.value();
            case StringLiteral s -> s.value();
            case Variable v -> {
                String value = variables.get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("parse error at 1:" + v.column()
                            + ": unknown variable accessed: " + v.name());
                }
                yield value;
            }
            case Call c -> {
                if (!c.function().equals("match")) {
                    throw new IllegalArgumentException("parse error at 1:" + c.column()
                            + ": unknown function called: " + c.function());
                }
                if (c.args().size() != 1) {
                    throw new IllegalArgumentException("parse error at 1:" + c.column() + ": " + c.function()
                            + ": expected 1 arguments, got " + c.args().size());
                }
                Object arg = eval(c.args().getFirst(), variables, match);
                if (!(arg instanceof Integer index)) {
                    throw new IllegalArgumentException("parse error at 1:" + c.column() + ": " + c.function()
                            + ": argument 1 should be type int, got type string");
                }
                yield match.apply(index);
            }
        };
    }

    /** A recursive-descent reader of one template string. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Interpolation template() {
            List<Expr> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (pos < text.length()) {
                if (text.startsWith("$${", pos)) {
                    literal.append("${");
                    pos += 3;
                } else if (text.startsWith("${", pos)) {
                    if (!literal.isEmpty()) {
                        parts.add(new Text(literal.toString()));
                        literal.setLength(0);
                    }
                    pos += 2;
                    skipSpaces();
                    parts.add(expression());
                    skipSpaces();
                    if (pos >= text.length() || text.charAt(pos) != '}') {
                        throw error("expected \"}\" to close interpolation");
                    }
                    pos++;
                } else {
                    literal.append(text.charAt(pos++));
                }
            }
            if (!literal.isEmpty() || parts.isEmpty()) {
                parts.add(new Text(literal.toString()));
            }
            return new Interpolation(parts);
        }

        private Expr expression() {
            if (pos >= text.length()) {
                throw error("expected expression but found end of string");
            }
            char c = text.charAt(pos);
            int column = pos + 1;
            if (c == '"') {
                return string();
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                try {
                    return new IntLiteral(Integer.parseInt(text.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("invalid number " + text.substring(start, pos));
                }
            }
            if (!identifierStart(c)) {
                throw error("invalid character '" + c + "'");
            }
            int start = pos;
            while (pos < text.length() && identifierPart(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpaces();
                while (pos < text.length() && text.charAt(pos) != ')') {
                    args.add(expression());
                    skipSpaces();
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                        skipSpaces();
                    }
                }
                if (pos >= text.length()) {
                    throw error("expected \")\" to close call to " + name);
                }
                pos++;
                return new Call(name, args, column);
            }
            return new Variable(name, column);
        }

        private Expr string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            pos++;
            return new StringLiteral(out.toString());
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private static boolean identifierStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean identifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("parse error at 1:" + (pos + 1) + ": " + message);
        }
    }
}
