package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.config.ConfigEntry;

/**
 * Creates or replaces a config entry, validated before replication. With {@code cas} it is Consul's upsert-cas:
 * applied only when {@code casIndex} is 0 and no entry of that kind and name exists, or the existing entry's
 * ModifyIndex is {@code casIndex}; otherwise its result is false.
 */
public record ConfigEntrySet(ConfigEntry entry, boolean cas, long casIndex) implements Command {
    public ConfigEntrySet {
        requireNonNull(entry, "entry");
    }
}
