package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.model.HealthStatus;

/** Sets a check's status and output; the apply result is false when the check does not exist. */
public record UpdateCheck(String node, String checkId, HealthStatus status, String output) implements Command {
    public UpdateCheck {
        requireNonNull(node, "node");
        requireNonNull(checkId, "checkId");
        requireNonNull(status, "status");
        requireNonNull(output, "output");
    }
}
