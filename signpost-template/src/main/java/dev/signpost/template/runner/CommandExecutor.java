package dev.signpost.template.runner;

import java.time.Duration;

/** Runs a template's command; the runner's only way to start processes for commands, so tests can record them. */
@FunctionalInterface
interface CommandExecutor {

    /**
     * Runs the command under {@code sh -c} and waits at most {@code timeout}.
     *
     * @return the exit status
     * @throws RunnerException when it cannot start or does not finish in time
     */
    int run(String command, Duration timeout);
}
