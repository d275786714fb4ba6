package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.signpost.core.command.ConfigEntryDelete;
import dev.signpost.core.command.ConfigEntrySet;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.watch.Topic;

/**
 * Config entries by kind and name (Consul's {@code config-entries} table), with the check-and-set rules of its
 * upsert-cas and delete-cas. Applying is deterministic like every apply. Not thread-safe: {@link CatalogState}
 * owns it.
 */
final class ConfigTable {
    private final TreeMap<String, TreeMap<String, ConfigEntry>> byKind = new TreeMap<>();

    boolean set(ConfigEntrySet set, long index, Set<String> changed) {
        ConfigEntry entry = set.entry();
        Optional<ConfigEntry> existing = get(entry.kind(), entry.name());
        if (set.cas() && (set.casIndex() == 0 ? existing.isPresent()
                : existing.map(e -> e.modifyIndex() != set.casIndex()).orElse(true))) {
            return false;
        }
        byKind.computeIfAbsent(entry.kind(), k -> new TreeMap<>()).put(entry.name(),
                entry.writtenAt(existing.map(ConfigEntry::createIndex).orElse(index), index));
        changed.add(Topic.CONFIG);
        return true;
    }

    boolean delete(ConfigEntryDelete delete, long index, Set<String> changed) {
        Optional<ConfigEntry> existing = get(delete.kind(), delete.name());
        if (delete.cas() && existing.map(e -> e.modifyIndex() != delete.casIndex()).orElse(true)) {
            return false;
        }
        if (existing.isPresent()) {
            TreeMap<String, ConfigEntry> names = byKind.get(delete.kind());
            names.remove(delete.name());
            if (names.isEmpty()) {
                byKind.remove(delete.kind());
            }
            changed.add(Topic.CONFIG);
        }
        return true;
    }

    Optional<ConfigEntry> get(String kind, String name) {
        TreeMap<String, ConfigEntry> names = byKind.get(kind);
        return names == null ? Optional.empty() : Optional.ofNullable(names.get(name));
    }

    /** The entries of one kind by name, or of every kind (by kind, then name) for "". */
    List<ConfigEntry> list(String kind) {
        if (kind.isEmpty()) {
            List<ConfigEntry> all = new ArrayList<>();
            byKind.values().forEach(names -> all.addAll(names.values()));
            return all;
        }
        TreeMap<String, ConfigEntry> names = byKind.get(kind);
        return names == null ? List.of() : List.copyOf(names.values());
    }

    void restore(List<ConfigEntry> entries) {
        byKind.clear();
        entries.forEach(e -> byKind.computeIfAbsent(e.kind(), k -> new TreeMap<>()).put(e.name(), e));
    }
}
