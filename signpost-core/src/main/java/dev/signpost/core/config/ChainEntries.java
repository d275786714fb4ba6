package dev.signpost.core.config;

import java.util.Optional;

/** The config entries a discovery chain is compiled from, looked up by kind and name (a state, or one with edits). */
@FunctionalInterface
public interface ChainEntries {
    Optional<ConfigEntry> entry(String kind, String name);

    /** These entries with one entry replaced, or removed when {@code replacement} is empty. */
    default ChainEntries with(String kind, String name, Optional<ConfigEntry> replacement) {
        return (k, n) -> k.equals(kind) && n.equals(name) ? replacement : entry(k, n);
    }
}
