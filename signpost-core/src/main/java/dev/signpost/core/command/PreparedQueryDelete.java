package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Deletes a prepared query; deleting one that is gone changes nothing. */
public record PreparedQueryDelete(String id) implements Command {
    public PreparedQueryDelete {
        requireNonNull(id, "id");
    }
}
