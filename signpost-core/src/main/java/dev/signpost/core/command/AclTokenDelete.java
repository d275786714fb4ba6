package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/** Deletes a token by accessor ID; a no-op when it is gone. */
public record AclTokenDelete(String accessorId) implements Command {
    public AclTokenDelete {
        requireNonNull(accessorId, "accessorId");
    }
}
