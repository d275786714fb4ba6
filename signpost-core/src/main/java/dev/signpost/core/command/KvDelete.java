package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/**
 * Deletes one key. With {@code casIndex} >= 0 only the entry with that ModifyIndex is deleted
 * (0 deletes nothing, as in Consul); the apply result says whether the condition held.
 */
public record KvDelete(String key, long casIndex) implements Command {
    public static final long NO_CAS = -1;

    public KvDelete {
        requireNonNull(key, "key");
    }
}
