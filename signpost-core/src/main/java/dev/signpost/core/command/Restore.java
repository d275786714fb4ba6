package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.state.CatalogSnapshot;

/**
 * Replaces the whole replicated state with a snapshot's content (Consul's snapshot restore), as one entry of
 * the Raft log, so every server applies it at the same index. The archive it came from is checked before the
 * command is written; applying it never fails.
 */
public record Restore(CatalogSnapshot snapshot) implements Command {
    public Restore {
        requireNonNull(snapshot, "snapshot");
    }
}
