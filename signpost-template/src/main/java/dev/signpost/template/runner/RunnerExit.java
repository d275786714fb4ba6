package dev.signpost.template.runner;

import static java.util.Objects.requireNonNull;

/**
 * How a runner ended: an exit code with a one-line reason, or a request to reload configuration and templates.
 *
 * @param reload true when the reload signal arrived; code and reason are then meaningless
 */
public record RunnerExit(int code, String reason, boolean reload) {

    public RunnerExit {
        requireNonNull(reason, "reason");
    }

    public static RunnerExit ok() {
        return new RunnerExit(ExitCodes.OK, "", false);
    }

    public static RunnerExit of(int code, String reason) {
        return new RunnerExit(code, reason, false);
    }

    public static RunnerExit reloadRequested() {
        return new RunnerExit(ExitCodes.OK, "", true);
    }
}
