package dev.signpost.template.render;

/** A destination could not be written, or its check command rejected the new content. One line. */
public final class RenderException extends RuntimeException {

    private final boolean checkFailed;

    public RenderException(String message, boolean checkFailed) {
        super(message, null, false, false);
        this.checkFailed = checkFailed;
    }

    /** True when the check command rejected the content (the old file is still in place). */
    public boolean checkFailed() {
        return checkFailed;
    }
}
