package dev.signpost.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form configuration kept as given (a proxy's {@code Config}): JSON values as maps, lists, strings, numbers,
 * booleans and nulls, copied deeply into unmodifiable collections ({@code Map.copyOf} refuses the nulls JSON has).
 */
final class OpaqueConfig {
    private OpaqueConfig() {
    }

    static Map<String, Object> copy(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, value(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(item -> out.add(value(item)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
