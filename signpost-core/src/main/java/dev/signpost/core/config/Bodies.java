package dev.signpost.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a decoded entry body (plain JSON values by canonical field name), with Go's zero values for what
 * is absent. Public for the discovery chain compiler, which reads entries as their structs. Pure.
 */
public final class Bodies {
    private Bodies() {
    }

    /** A string field, "" when absent. */
    public static String text(Map<String, Object> map, String field) {
        return map.get(field) instanceof String s ? s : "";
    }

    /** A boolean field, false when absent. */
    public static boolean flag(Map<String, Object> map, String field) {
        return map.get(field) instanceof Boolean b && b;
    }

    /** An integer or duration (nanoseconds) field, 0 when absent. */
    public static long number(Map<String, Object> map, String field) {
        return map.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /** A struct or map field, if present. */
    public static Optional<Map<String, Object>> object(Map<String, Object> map, String field) {
        return map.get(field) instanceof Map<?, ?> m ? Optional.of(cast(m)) : Optional.empty();
    }

    /** A struct or map field, empty when absent. */
    public static Map<String, Object> objectOrEmpty(Map<String, Object> map, String field) {
        return object(map, field).orElse(Map.of());
    }

    /** A list field, empty when absent. */
    public static List<?> list(Map<String, Object> map, String field) {
        return map.get(field) instanceof List<?> l ? l : List.of();
    }

    /** A list of structs, empty when absent. */
    public static List<Map<String, Object>> objects(Map<String, Object> map, String field) {
        return list(map, field).stream().map(Bodies::cast).toList();
    }

    /** A decoded JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
