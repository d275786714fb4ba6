package dev.signpost.template.lang;

/**
 * Thrown by a {@link TemplateFunction} body to report Go's error result; execution stops with
 * {@code error calling NAME: MESSAGE}.
 */
public final class FunctionException extends RuntimeException {
    public FunctionException(String message) {
        super(message, null, false, false);
    }
}
