package dev.signpost.core.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.signpost.core.filter.Expression.Operator;

/**
 * go-bexpr's grammar (grammar.peg of v0.1.2, the version Consul builds with), one method per rule, run the way the
 * pigeon parser generator runs it, so that errors read as Consul's do: ordered choice with backtracking, the
 * farthest failure position and what was expected there ({@code 1:4 (3): no match found, expected: ...}), and the
 * grammar's own errors prefixed with the innermost rule's display name ({@code rule "number": ...}); the
 * bookkeeping is {@link PegRuntime}'s. Not thread-safe; one instance parses one text.
 */
final class BexprParser extends BexprLexical {
    /** Every operator rule's shape, so that each has its own memo entries. */
    private static final List<String> OPERATOR_SHAPES = List.of("?==?", "?!=?", "_contains_", "_not_contains_",
            "_matches_", "_not_matches_", "_is_empty", "_is_not_empty", "_in_", "_not_in_");

    private BexprParser(String input) {
        super(input);
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with bexpr's message (several are joined by newlines, as pigeon joins them)
     */
    static Expression parse(String input) {
        try {
            BexprParser parser = new BexprParser(input);
            return (Expression) parser.run(parser::input);
        } catch (StackOverflowError e) {
            // pigeon's goroutine stack grows to a gigabyte; ours does not. No real filter comes near this.
            throw new IllegalArgumentException("expression is nested too deeply");
        }
    }

    // ---- the rules, in grammar.peg's order

    private Object input() {
        int start = pos;
        optionalSpace();
        if (lit("(")) {
            optionalSpace();
            Object e = orExpression();
            if (e != FAIL) {
                optionalSpace();
                if (lit(")")) {
                    optionalSpace();
                    if (eof()) {
                        return e;
                    }
                }
            }
        }
        pos = start;
        optionalSpace();
        Object e = orExpression();
        if (e != FAIL) {
            optionalSpace();
            if (eof()) {
                return e;
            }
        }
        return back(start);
    }

    private Object orExpression() {
        return rule(1, "OrExpression", () -> binary(this::andExpression, "or", this::orExpression, true));
    }

    private Object andExpression() {
        return rule(2, "AndExpression", () -> binary(this::notExpression, "and", this::andExpression, false));
    }

    private Object binary(Supplier<Object> operand, String keyword, Supplier<Object> self, boolean or) {
        int start = pos;
        Object left = operand.get();
        if (left != FAIL && space() && lit(keyword) && space()) {
            Object right = self.get();
            if (right != FAIL) {
                return or ? new Expression.Or((Expression) left, (Expression) right)
                        : new Expression.And((Expression) left, (Expression) right);
            }
        }
        pos = start;
        return operand.get();
    }

    private Object notExpression() {
        return rule(3, "NotExpression", () -> {
            int start = pos;
            if (lit("not") && space()) {
                Object e = notExpression();
                if (e != FAIL) {
                    // As bexpr does: "not not x" is x.
                    return e instanceof Expression.Not n ? n.operand() : new Expression.Not((Expression) e);
                }
            }
            pos = start;
            return parenthesized();
        });
    }

    private Object parenthesized() {
        return rule(4, "\"grouping\"", () -> {
            Object e = enclosed("(", this::orExpression, ")");
            if (e == FAIL) {
                e = matchExpression();
            }
            if (e == FAIL) {
                unclosed("(", this::orExpression, ")", "Unmatched parentheses");
            }
            return e;
        });
    }

    /** {@code open _? inner _? close}: the inner value, or FAIL. */
    private Object enclosed(String open, Supplier<Object> inner, String close) {
        int start = pos;
        if (lit(open)) {
            optionalSpace();
            Object e = inner.get();
            if (e != FAIL) {
                optionalSpace();
                if (lit(close)) {
                    return e;
                }
            }
        }
        return back(start);
    }

    /** {@code open _? inner _? !close &{error}}: the grammar's error for a bracket left open; never matches. */
    private void unclosed(String open, Supplier<Object> inner, String close, String message) {
        int start = pos;
        if (lit(open)) {
            optionalSpace();
            if (inner.get() != FAIL) {
                optionalSpace();
                if (not(() -> lit(close))) {
                    error(message, pos);
                }
            }
        }
        pos = start;
    }

    private Object matchExpression() {
        return rule(5, "\"match\"", () -> {
            Object e = rule(6, "\"match\"", this::selectorOpValue);
            if (e == FAIL) {
                e = rule(7, "\"match\"", this::selectorOp);
            }
            if (e == FAIL) {
                e = rule(8, "\"match\"", this::valueOpSelector);
            }
            return e;
        });
    }

    private Object selectorOpValue() {
        int start = pos;
        Object selector = selector();
        if (selector == FAIL) {
            return FAIL;
        }
        Operator op = operator(new Object[][] {
            {Operator.EQUAL, "?==?"}, {Operator.NOT_EQUAL, "?!=?"}, {Operator.IN, "_contains_"},
            {Operator.NOT_IN, "_not_contains_"}, {Operator.MATCHES, "_matches_"}, {Operator.NOT_MATCHES, "_not_matches_"},
        });
        if (op == null) {
            return back(start);
        }
        Object value = value();
        if (value == FAIL) {
            return back(start);
        }
        return match(selector, op, Optional.of((String) value));
    }

    private Object selectorOp() {
        int start = pos;
        Object selector = selector();
        if (selector == FAIL) {
            return FAIL;
        }
        Operator op = operator(new Object[][] {{Operator.IS_EMPTY, "_is_empty"}, {Operator.IS_NOT_EMPTY, "_is_not_empty"}});
        if (op == null) {
            return back(start);
        }
        return match(selector, op, Optional.empty());
    }

    private Object valueOpSelector() {
        int start = pos;
        Object[][] ops = {{Operator.IN, "_in_"}, {Operator.NOT_IN, "_not_in_"}};
        Object value = value();
        if (value != FAIL) {
            Operator op = operator(ops);
            if (op != null) {
                Object selector = selector();
                if (selector != FAIL) {
                    return match(selector, op, Optional.of((String) value));
                }
            }
        }
        pos = start;
        if (value() != FAIL && operator(ops) != null && not(() -> selector() != FAIL)) {
            error("Invalid selector", pos);
        }
        return back(start);
    }

    @SuppressWarnings("unchecked")
    private static Expression match(Object selector, Operator op, Optional<String> value) {
        return new Expression.Match((List<String>) selector, op, value);
    }

    /**
     * The operator rules (MatchEqual, MatchIn, ...), tried in order. Each is written as words separated by
     * {@code _} (required whitespace) or {@code ?} (optional whitespace), as grammar.peg spells it.
     */
    private Operator operator(Object[][] choices) {
        for (Object[] choice : choices) {
            Operator op = (Operator) choice[0];
            String shape = (String) choice[1];
            Object result = rule(20 + OPERATOR_SHAPES.indexOf(shape), op.name(), () -> operatorShape(shape) ? op : FAIL);
            if (result != FAIL) {
                return op;
            }
        }
        return null;
    }

    private boolean operatorShape(String shape) {
        int start = pos;
        int i = 0;
        while (i < shape.length()) {
            char c = shape.charAt(i);
            if (c == '_' || c == '?') {
                if (!space() && c == '_') {
                    pos = start;
                    return false;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < shape.length() && shape.charAt(end) != '_' && shape.charAt(end) != '?') {
                end++;
            }
            if (!lit(shape.substring(i, end))) {
                pos = start;
                return false;
            }
            i = end;
        }
        return true;
    }

    private Object selector() {
        return rule(40, "\"selector\"", () -> {
            Object first = identifier();
            if (first == FAIL) {
                return FAIL;
            }
            List<String> path = new ArrayList<>();
            path.add((String) first);
            while (true) {
                Object next = selectorOrIndex();
                if (next == FAIL) {
                    return List.copyOf(path);
                }
                path.add((String) next);
            }
        });
    }

    private Object selectorOrIndex() {
        return rule(42, "SelectorOrIndex", () -> {
            int start = pos;
            if (lit(".")) {
                Object name = identifier();
                if (name != FAIL) {
                    return name;
                }
            }
            pos = start;
            return indexExpression();
        });
    }

    private Object indexExpression() {
        return rule(43, "\"index\"", () -> {
            Object key = enclosed("[", this::stringLiteral, "]");
            if (key != FAIL) {
                return key;
            }
            int start = pos;
            if (lit("[")) {
                optionalSpace();
                if (not(() -> stringLiteral() != FAIL)) {
                    error("Invalid index", pos);
                }
            }
            pos = start;
            unclosed("[", this::stringLiteral, "]", "Unclosed index expression");
            return FAIL;
        });
    }

    @SuppressWarnings("unchecked")
    private Object value() {
        return rule(44, "\"value\"", () -> {
            Object selector = selector();
            if (selector != FAIL) {
                return String.join(".", (List<String>) selector);
            }
            Object number = numberLiteral();
            return number != FAIL ? number : stringLiteral();
        });
    }

}
