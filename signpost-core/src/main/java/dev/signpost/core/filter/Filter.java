package dev.signpost.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@code ?filter=} expression in HashiCorp's bexpr language, compiled for one kind of record. Pure: no I/O, no
 * clock; immutable and thread-safe. An empty expression keeps every record, as Consul's does.
 *
 * <pre>{@code
 * Filter<Node> f = Filter.of("Meta.rack == r1 and Node matches `^web`", CatalogFields.NODE);
 * List<Node> kept = f.apply(nodes);
 * }</pre>
 *
 * @param <T> the record it tests
 */
public final class Filter<T> implements Predicate<T> {
    private final String expression;
    private final Optional<Evaluator> evaluator;

    private Filter(String expression, Optional<Evaluator> evaluator) {
        this.expression = expression;
        this.evaluator = evaluator;
    }

    /**
     * Parses and checks an expression against the record's fields.
     *
     * @throws FilterException with Consul's message when it does not parse or does not fit the fields
     */
    public static <T> Filter<T> of(String expression, Fields<T> fields) {
        requireNonNull(expression, "expression");
        requireNonNull(fields, "fields");
        if (expression.isEmpty()) {
            return new Filter<>(expression, Optional.empty());
        }
        try {
            return new Filter<>(expression, Optional.of(Evaluator.of(BexprParser.parse(expression), fields.fields())));
        } catch (IllegalArgumentException e) {
            throw new FilterException(e.getMessage());
        }
    }

    /** Parses an expression without checking it against any fields: the syntax alone, as bexpr's Parse. */
    public static Expression parse(String expression) {
        try {
            return BexprParser.parse(requireNonNull(expression, "expression"));
        } catch (IllegalArgumentException e) {
            throw new FilterException(e.getMessage());
        }
    }

    @Override
    public boolean test(T record) {
        return evaluator.map(e -> e.test(record)).orElse(true);
    }

    /** The records that satisfy the expression, in their order. */
    public List<T> apply(Collection<T> records) {
        return evaluator.isEmpty() ? List.copyOf(records) : records.stream().filter(this).toList();
    }

    /** True when the expression was empty, so every record is kept. */
    public boolean keepsAll() {
        return evaluator.isEmpty();
    }

    @Override
    public String toString() {
        return expression;
    }
}
