package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Deletes a role; links to it then grant nothing. */
public record AclRoleDelete(String id) implements Command {
    public AclRoleDelete {
        requireNonNull(id, "id");
    }
}
