package dev.signpost.core.filter;

/**
 * A filter expression that does not parse or does not fit the fields it is applied to. The message is Consul's:
 * {@code Failed to create boolean expression evaluator: } and go-bexpr's own text with its position. The HTTP API
 * answers it with 400.
 */
public final class FilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FilterException(String detail) {
        super("Failed to create boolean expression evaluator: " + detail);
    }
}
