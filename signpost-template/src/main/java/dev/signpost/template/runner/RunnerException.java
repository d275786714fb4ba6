package dev.signpost.template.runner;

/** A condition that ends the runner with an exit code and a one-line reason (no stack trace is ever printed). */
final class RunnerException extends RuntimeException {

    private final int code;

    RunnerException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    RunnerExit exit() {
        return RunnerExit.of(code, getMessage());
    }
}
