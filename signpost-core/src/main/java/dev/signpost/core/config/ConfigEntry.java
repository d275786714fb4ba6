package dev.signpost.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One stored config entry (Consul's {@code config-entries} table): its kind, its name, and its fields as decoded by
 * {@link EntrySchema} (canonical CamelCase names, only the fields given, Kind and Name excluded), with the Raft
 * indexes of its creation and last change. The body holds plain JSON values (strings, numbers, booleans, maps and
 * lists), so snapshots carry it as it is.
 */
public record ConfigEntry(String kind, String name, Map<String, Object> body, long createIndex, long modifyIndex) {
    public ConfigEntry {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        body = EntrySchema.frozen(requireNonNull(body, "body"));
    }

    /** This entry as written at an index: created there unless it replaces one created earlier. */
    /** The same entry (kind, name, indexes) with another body: what a kind's normalisation returns. */
    public ConfigEntry withBody(Map<String, Object> newBody) {
        return new ConfigEntry(kind, name, newBody, createIndex, modifyIndex);
    }

    public ConfigEntry writtenAt(long createdAt, long index) {
        return new ConfigEntry(kind, name, body, createdAt, index);
    }

    /** A string field of the body, "" when absent. */
    public String text(String field) {
        return body.get(field) instanceof String s ? s : "";
    }

    /** The entry's Meta, empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, String> meta() {
        return body.get("Meta") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }
}
