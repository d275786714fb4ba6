package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.query.PreparedQuery;

/** Creates or replaces a prepared query (validated, with its ID given, before replication). */
public record PreparedQuerySet(PreparedQuery query) implements Command {
    public PreparedQuerySet {
        requireNonNull(query, "query");
    }
}
