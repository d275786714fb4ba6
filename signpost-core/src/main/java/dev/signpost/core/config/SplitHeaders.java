package dev.signpost.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ServiceSplit.MergeParent for flattened splitters: a split that led to another splitter hands its header
 * modifiers to that splitter's splits, so that a request is changed as if it passed through both. Pure.
 */
final class SplitHeaders {
    private SplitHeaders() {
    }

    /** The inner split's definition with the parent's request modifiers under its own, its response ones over. */
    static Map<String, Object> mergeParent(Map<String, Object> inner, Map<String, Object> parent) {
        Map<String, Object> out = new LinkedHashMap<>(inner);
        put(out, "RequestHeaders", merge(modifiers(parent, "RequestHeaders"), modifiers(inner, "RequestHeaders")));
        put(out, "ResponseHeaders", merge(modifiers(inner, "ResponseHeaders"), modifiers(parent, "ResponseHeaders")));
        return out;
    }

    private static Map<String, Object> modifiers(Map<String, Object> split, String field) {
        return Bodies.object(split, field).orElse(null);
    }

    private static void put(Map<String, Object> split, String field, Map<String, Object> modifiers) {
        if (modifiers == null) {
            split.remove(field);
        } else {
            split.put(field, modifiers);
        }
    }

    private static boolean isZero(Map<String, Object> m) {
        return m == null || Bodies.objectOrEmpty(m, "Add").isEmpty() && Bodies.objectOrEmpty(m, "Set").isEmpty()
                && Bodies.list(m, "Remove").isEmpty();
    }

    /** MergeHTTPHeaderModifiers: {@code overrides} win on the same header name; removals are deduplicated. */
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        if (isZero(base)) {
            return overrides;
        }
        if (isZero(overrides)) {
            return base;
        }
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (String field : List.of("Add", "Set")) {
            Map<String, Object> values = new LinkedHashMap<>(Bodies.objectOrEmpty(base, field));
            values.putAll(Bodies.objectOrEmpty(overrides, field));
            if (!values.isEmpty()) {
                merged.put(field, values);
            }
        }
        List<Object> removed = new ArrayList<>(Bodies.list(base, "Remove"));
        Bodies.list(overrides, "Remove").stream().filter(k -> !removed.contains(k)).forEach(removed::add);
        if (!removed.isEmpty()) {
            merged.put("Remove", removed);
        }
        return merged;
    }
}
