package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.model.AutopilotConfig;

/**
 * Replaces the autopilot configuration. With {@code cas} it is a check-and-set: applied only when a configuration
 * exists and its ModifyIndex is {@code casIndex} (Consul's AutopilotCASConfig), otherwise its result is false.
 */
public record AutopilotSet(AutopilotConfig config, boolean cas, long casIndex) implements Command {
    public AutopilotSet {
        requireNonNull(config, "config");
    }
}
