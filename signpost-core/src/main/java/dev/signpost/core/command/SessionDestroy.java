package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/**
 * Invalidates a session, releasing or deleting its locks. Written by a client (destroy) or by the leader
 * when the TTL lapsed; {@code nowMillis} is the writer's clock, from which lock delays run.
 */
public record SessionDestroy(String id, long nowMillis) implements Command {
    public SessionDestroy {
        requireNonNull(id, "id");
    }
}
