package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.model.Session;

/**
 * Creates a session whose ID, TTL deadline and checks were decided before replication. The apply result
 * is false when, by then, its node or a bound check is gone or a bound check is critical.
 */
public record SessionCreate(Session session) implements Command {
    public SessionCreate {
        requireNonNull(session, "session");
    }
}
