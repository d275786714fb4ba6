package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/**
 * Deletes a config entry; deleting one that is gone changes nothing. With {@code cas} it is Consul's delete-cas:
 * applied only when the entry exists with ModifyIndex {@code casIndex}, otherwise its result is false.
 */
public record ConfigEntryDelete(String kind, String name, boolean cas, long casIndex) implements Command {
    public ConfigEntryDelete {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
    }
}
