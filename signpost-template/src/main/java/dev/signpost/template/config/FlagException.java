package dev.signpost.template.config;

/** A command-line flag is unknown or its value is bad (consul-template exits 13). One line, Go's wording. */
public final class FlagException extends RuntimeException {

    public FlagException(String message) {
        super(message, null, false, false);
    }
}
