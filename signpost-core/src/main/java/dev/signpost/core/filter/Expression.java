package dev.signpost.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A parsed bexpr expression: the tree go-bexpr's grammar builds, before it is checked against any fields. */
public sealed interface Expression permits Expression.And, Expression.Or, Expression.Not, Expression.Match {

    /** Both sides hold; the right side is not evaluated when the left does not. */
    record And(Expression left, Expression right) implements Expression {
        public And {
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return "(" + left + " and " + right + ")";
        }
    }

    /** Either side holds; the right side is not evaluated when the left does. */
    record Or(Expression left, Expression right) implements Expression {
        public Or {
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return "(" + left + " or " + right + ")";
        }
    }

    /** The operand does not hold. */
    record Not(Expression operand) implements Expression {
        public Not {
            requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return "not " + operand;
        }
    }

    /**
     * One comparison of the value a selector picks out.
     *
     * @param selector the field path, one element per {@code .name} or {@code ["key"]}
     * @param value the raw value as written (unquoted); empty for {@code is empty} and {@code is not empty}
     */
    record Match(List<String> selector, Operator operator, Optional<String> value) implements Expression {
        public Match {
            selector = List.copyOf(selector);
            requireNonNull(operator, "operator");
            requireNonNull(value, "value");
        }

        /** The selector as bexpr prints it in its messages: the path joined with dots. */
        public String selectorText() {
            return String.join(".", selector);
        }

        @Override
        public String toString() {
            return selectorText() + " " + operator.symbol() + value.map(v -> " \"" + v + "\"").orElse("");
        }
    }

    /** bexpr's match operators; {@code contains} parses as {@link #IN} and {@code not contains} as {@link #NOT_IN}. */
    enum Operator {
        EQUAL("Equal", "=="),
        NOT_EQUAL("Not Equal", "!="),
        IN("In", "in"),
        NOT_IN("Not In", "not in"),
        IS_EMPTY("Is Empty", "is empty"),
        IS_NOT_EMPTY("Is Not Empty", "is not empty"),
        MATCHES("Matches", "matches"),
        NOT_MATCHES("Not Matches", "not matches");

        private final String displayName;
        private final String symbol;

        Operator(String displayName, String symbol) {
            this.displayName = displayName;
            this.symbol = symbol;
        }

        /** The name bexpr's messages use ("Not Equal"). */
        public String displayName() {
            return displayName;
        }

        String symbol() {
            return symbol;
        }
    }
}
