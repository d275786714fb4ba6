package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.model.HealthStatus;

/**
 * One run of a health check: blocks for at most the check's timeout and says how the target is. Runs
 * on a virtual thread, so blocking I/O holds no platform thread.
 */
@FunctionalInterface
interface Probe {
    /** Consul's check_output_max_size default: output beyond this is cut. */
    int MAX_OUTPUT = 4096;

    Result run();

    /** What a run found. */
    record Result(HealthStatus status, String output) {
        public Result {
            requireNonNull(status, "status");
            requireNonNull(output, "output");
        }
    }

    /** The first {@link #MAX_OUTPUT} characters of a text. */
    static String capped(String text) {
        return text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT);
    }
}
