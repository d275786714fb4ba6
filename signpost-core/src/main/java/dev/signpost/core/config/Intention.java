package dev.signpost.core.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One intention as Consul's intention API shows it (structs.Intention, made by ServiceIntentionsConfigEntry's
 * ToIntention): a source of a {@code service-intentions} entry joined with the entry's name as destination. Legacy
 * intentions (made by the ID-based API) carry their ID, their own Meta and their times; the others carry the entry's
 * Meta. Indexes are the entry's.
 *
 * @param permissions the source's L7 permissions as Consul's JSON writes them
 */
public record Intention(String id, String description, String sourcePeer, String sourceName, String destinationName,
                        String sourceType, String action, List<Object> permissions, Map<String, String> meta,
                        int precedence, Optional<String> createdAt, Optional<String> updatedAt, long createIndex,
                        long modifyIndex) {
    /** The one namespace of Consul OSS, which its intention API names on both sides. */
    public static final String DEFAULT_NAMESPACE = "default";

    public Intention {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(sourcePeer, "sourcePeer");
        requireNonNull(sourceName, "sourceName");
        requireNonNull(destinationName, "destinationName");
        requireNonNull(sourceType, "sourceType");
        requireNonNull(action, "action");
        permissions = List.copyOf(permissions);
        meta = Map.copyOf(meta);
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }

    /** True for an intention made by the ID-based API. */
    public boolean legacy() {
        return !id.isEmpty();
    }

    /** The fields as Consul's JSON writes them, in its struct's order, with its omitempty fields left out. */
    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "ID", id);
        putIfSet(out, "Description", description);
        putIfSet(out, "SourcePeer", sourcePeer);
        out.put("SourceNS", DEFAULT_NAMESPACE);
        out.put("SourceName", sourceName);
        out.put("DestinationNS", DEFAULT_NAMESPACE);
        out.put("DestinationName", destinationName);
        out.put("SourceType", sourceType);
        putIfSet(out, "Action", action);
        if (!permissions.isEmpty()) {
            out.put("Permissions", permissions);
        }
        if (!meta.isEmpty()) {
            out.put("Meta", new java.util.TreeMap<>(meta));
        }
        out.put("Precedence", precedence);
        createdAt.ifPresent(t -> out.put("CreatedAt", t));
        updatedAt.ifPresent(t -> out.put("UpdatedAt", t));
        out.put("CreateIndex", createIndex);
        out.put("ModifyIndex", modifyIndex);
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String field, String value) {
        if (!value.isEmpty()) {
            out.put(field, value);
        }
    }
}
