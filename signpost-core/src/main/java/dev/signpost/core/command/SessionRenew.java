package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Moves a session's TTL deadline (epoch millis); the apply result is false for an unknown session. */
public record SessionRenew(String id, long deadlineMillis) implements Command {
    public SessionRenew {
        requireNonNull(id, "id");
    }
}
