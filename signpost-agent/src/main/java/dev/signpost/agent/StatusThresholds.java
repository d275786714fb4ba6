package dev.signpost.agent;

import java.util.Optional;

import dev.signpost.core.model.HealthStatus;

/**
 * Consul's check status handler (agent/checks/check.go StatusHandler): a passing result counts only after
 * {@code successBeforePassing} in a row, a failing one after {@code failuresBeforeCritical} in a row.
 * Not thread-safe: one per running check, fed one result at a time.
 */
final class StatusThresholds {
    private final int successBeforePassing;
    private final int failuresBeforeCritical;
    private int successes;
    private int failures;

    StatusThresholds(int successBeforePassing, int failuresBeforeCritical) {
        this.successBeforePassing = successBeforePassing;
        this.failuresBeforeCritical = failuresBeforeCritical;
    }

    /** The status to report for a result, or empty while a threshold is not reached yet. */
    Optional<HealthStatus> accept(HealthStatus result) {
        if (result == HealthStatus.PASSING) {
            successes++;
            failures = 0;
            return successes >= successBeforePassing ? Optional.of(result) : Optional.empty();
        }
        failures++;
        successes = 0;
        return failures >= failuresBeforeCritical ? Optional.of(result) : Optional.empty();
    }
}
