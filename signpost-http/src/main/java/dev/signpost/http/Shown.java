package dev.signpost.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.signpost.core.state.Indexed;

/**
 * A read's answer after ACL filtering: what the token may see, and whether anything was left out, which
 * {@link Reads#json} turns into Consul's {@code X-Consul-Results-Filtered-By-ACLs: true}. Serialises as the value
 * alone.
 */
record Shown<T>(@JsonValue T value, boolean filtered) {

    /** The items the predicate lets through. */
    static <T> Shown<List<T>> list(List<T> items, Predicate<? super T> visible) {
        List<T> kept = items.stream().filter(visible).toList();
        return new Shown<>(kept, kept.size() != items.size());
    }

    /** The entries the predicate lets through, in their order. */
    static <K, V> Shown<Map<K, V>> map(Map<K, V> entries, BiPredicate<? super K, ? super V> visible) {
        Map<K, V> kept = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (visible.test(k, v)) {
                kept.put(k, v);
            }
        });
        return new Shown<>(kept, kept.size() != entries.size());
    }

    /** A filtered list with the index of its read. */
    static <T> Indexed<Shown<List<T>>> list(Indexed<List<T>> read, Predicate<? super T> visible) {
        return new Indexed<>(list(read.value(), visible), read.index());
    }
}
