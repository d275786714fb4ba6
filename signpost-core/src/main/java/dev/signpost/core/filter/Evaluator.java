package dev.signpost.core.filter;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signpost.core.filter.Expression.Match;
import dev.signpost.core.filter.Expression.Operator;

/**
 * A parsed expression checked against a record's fields, ready to evaluate: go-bexpr's validate pass (selectors
 * exist, the operator suits the field, the value coerces to its type, a regular expression compiles) and its
 * evaluation rules. Immutable and thread-safe once built.
 */
final class Evaluator {
    /** One match with its value already coerced (a String, Boolean, Long or Pattern). */
    private record Checked(Match match, Object value) {
    }

    private final Expression expression;
    private final Map<String, Field> fields;
    private final Map<Match, Checked> checked;

    private Evaluator(Expression expression, Map<String, Field> fields, Map<Match, Checked> checked) {
        this.expression = expression;
        this.fields = fields;
        this.checked = checked;
    }

    /**
     * Checks an expression against the fields.
     *
     * @throws IllegalArgumentException with bexpr's message for the first match that fails, left to right
     */
    static Evaluator of(Expression expression, Map<String, Field> fields) {
        Map<Match, Checked> checked = new IdentityHashMap<>();
        check(expression, fields, checked);
        return new Evaluator(expression, fields, checked);
    }

    private static void check(Expression e, Map<String, Field> fields, Map<Match, Checked> checked) {
        switch (e) {
            case Expression.And and -> {
                check(and.left(), fields, checked);
                check(and.right(), fields, checked);
            }
            case Expression.Or or -> {
                check(or.left(), fields, checked);
                check(or.right(), fields, checked);
            }
            case Expression.Not not -> check(not.operand(), fields, checked);
            case Match match -> checked.put(match, check(match, fields));
        }
    }

    private static Checked check(Match match, Map<String, Field> fields) {
        Map<String, Field> level = fields;
        Field last = null;
        List<String> path = match.selector();
        for (int i = 0; i < path.size(); i++) {
            last = level.containsKey(path.get(i)) ? level.get(path.get(i)) : level.get(Field.ANY);
            if (last == null) {
                throw new IllegalArgumentException("Selector " + GoText.quote(String.join(".", path.subList(0, i + 1)))
                        + " is not valid");
            }
            level = last.below();
        }
        String selector = GoText.quote(match.selectorText());
        if (!last.type().operators().contains(match.operator())) {
            throw new IllegalArgumentException("Invalid match operator " + GoText.quote(match.operator().displayName())
                    + " for selector " + selector);
        }
        if (match.value().isEmpty()) {
            return new Checked(match, null);
        }
        String raw = match.value().get();
        Object value;
        try {
            value = last.coerce(raw);
        } catch (GoText.NumberFormat e) {
            throw new IllegalArgumentException("Failed to coerce value " + GoText.quote(raw) + " for selector " + selector
                    + ": " + e.getMessage());
        }
        if (match.operator() == Operator.MATCHES || match.operator() == Operator.NOT_MATCHES) {
            try {
                value = Pattern.compile(raw);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Failed to compile regular expression " + GoText.quote(raw)
                        + ": error parsing regexp: " + regexpError(e, raw));
            }
        }
        return new Checked(match, value);
    }

    /**
     * Go's regexp/syntax wording for the mistakes people make, from Java's. RE2 and Java read regular expressions
     * alike for everything a filter needs; Java also accepts what RE2 refuses (back references, look-arounds).
     */
    private static String regexpError(PatternSyntaxException e, String raw) {
        String d = e.getDescription();
        if (d.startsWith("Unclosed character class")) {
            return "missing closing ]: `" + raw.substring(Math.max(0, raw.lastIndexOf('['))) + "`";
        }
        if (d.startsWith("Unclosed group")) {
            return "missing closing ): `" + raw + "`";
        }
        if (d.startsWith("Unmatched closing ')'")) {
            return "unexpected ): `" + raw + "`";
        }
        if (d.startsWith("Dangling meta character")) {
            return "missing argument to repetition operator: `" + raw.charAt(Math.max(0, e.getIndex())) + "`";
        }
        return d + ": `" + raw + "`";
    }

    /** True when the record satisfies the expression. */
    boolean test(Object record) {
        return test(expression, record);
    }

    private boolean test(Expression e, Object record) {
        return switch (e) {
            case Expression.And and -> test(and.left(), record) && test(and.right(), record);
            case Expression.Or or -> test(or.left(), record) || test(or.right(), record);
            case Expression.Not not -> !test(not.operand(), record);
            case Match match -> matches(checked.get(match), 0, record, fields);
        };
    }

    /** bexpr's evaluateMatchExpressionRecurse: walk the selector, fanning out over lists, then compare. */
    private static boolean matches(Checked c, int depth, Object value, Map<String, Field> level) {
        List<String> path = c.match().selector();
        if (depth == path.size()) {
            return compare(c, value);
        }
        if (value instanceof List<?> list) {
            // A selector through a list holds when it holds for any element (bexpr has no indexing into lists).
            for (Object item : list) {
                if (matches(c, depth, item, level)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            Object found = map.get(path.get(depth));
            if (found == null) {
                // As bexpr: a missing key equals nothing and contains nothing, and is empty.
                Operator op = c.match().operator();
                return !(op == Operator.EQUAL || op == Operator.IS_NOT_EMPTY || op == Operator.IN);
            }
            return matches(c, depth + 1, found, level.get(Field.ANY).below());
        }
        Field field = level.get(path.get(depth));
        return matches(c, depth + 1, field.reader().apply(value), field.below());
    }

    private static boolean compare(Checked c, Object actual) {
        return switch (c.match().operator()) {
            case EQUAL -> equal(c.value(), actual);
            case NOT_EQUAL -> !equal(c.value(), actual);
            case IN -> contains(actual, c.value());
            case NOT_IN -> !contains(actual, c.value());
            case IS_EMPTY -> size(actual) == 0;
            case IS_NOT_EMPTY -> size(actual) != 0;
            case MATCHES -> ((Pattern) c.value()).matcher((String) actual).find();
            case NOT_MATCHES -> !((Pattern) c.value()).matcher((String) actual).find();
        };
    }

    private static boolean equal(Object wanted, Object actual) {
        if (actual instanceof Number n) {
            return ((Number) wanted).longValue() == n.longValue();
        }
        return wanted.equals(actual);
    }

    private static boolean contains(Object container, Object wanted) {
        return switch (container) {
            case Map<?, ?> map -> map.containsKey(wanted);
            case List<?> list -> list.contains(wanted);
            case String text -> text.contains((String) wanted);
            default -> false;
        };
    }

    private static int size(Object container) {
        return container instanceof Map<?, ?> map ? map.size() : ((List<?>) container).size();
    }
}
