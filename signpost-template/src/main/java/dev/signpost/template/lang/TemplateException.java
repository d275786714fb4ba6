package dev.signpost.template.lang;

import static java.util.Objects.requireNonNull;

/**
 * A template failed to parse or to execute. The message is the one Go's text/template gives for the same input,
 * byte for byte, e.g. {@code template: t:1: function "foo" not defined} or
 * {@code template: t:1:2: executing "t" at <eq "1" 1>: error calling eq: incompatible types for comparison: string
 * and int}.
 *
 * <p>Every instance carries where it happened: the template name and the 1-based line, plus for execution errors the
 * 0-based byte column that Go prints. Immutable; safe to share.
 */
public final class TemplateException extends RuntimeException {

    /** Whether the template was rejected while parsing or failed while running. */
    public enum Phase { PARSE, EXECUTE }

    private final Phase phase;
    private final String templateName;
    private final int line;
    private final int column;

    TemplateException(Phase phase, String templateName, int line, int column, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.phase = requireNonNull(phase, "phase");
        this.templateName = requireNonNull(templateName, "templateName");
        this.line = line;
        this.column = column;
    }

    /** Parse or execute. */
    public Phase phase() {
        return phase;
    }

    /** The name of the top-level template being parsed or executed. */
    public String templateName() {
        return templateName;
    }

    /** 1-based line of the offending token or node. */
    public int line() {
        return line;
    }

    /** 0-based byte offset within the line for execution errors; -1 for parse errors, which Go reports by line. */
    public int column() {
        return column;
    }
}
