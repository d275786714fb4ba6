package dev.signpost.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON conventions of the wire records: unknown fields ignored (newer Consuls add fields), JSON {@code null}
 * becomes an empty string, list or map so that no record hands out null, and empty optional fields are left out of
 * request bodies. Stateless.
 */
final class Wire {

    /** Shared, thread-safe mapper. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Wire() {
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> list) {
        if (list == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                copy.add(t);
            }
        }
        return List.copyOf(copy);
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null) {
            return Map.of();
        }
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
