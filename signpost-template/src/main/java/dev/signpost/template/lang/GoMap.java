package dev.signpost.template.lang;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A Go map with string keys and a known element type, e.g. {@code map[string]string} for ServiceMeta. The element
 * type matters because a missing key yields the element's zero value under {@code missingkey=zero}: {@code ""} for
 * strings, while a plain Java map stands for {@code map[string]interface {}} whose zero is nil ({@code <no value>}).
 * Entries are kept in Go's key order. Immutable.
 */
public final class GoMap<V> extends AbstractMap<String, V> {

    private final Map<String, V> entries;
    private final Object zero;
    private final String goTypeName;

    private GoMap(Map<String, ? extends V> entries, Object zero, String goTypeName) {
        TreeMap<String, V> sorted = new TreeMap<>(GoValues.KEY_ORDER);
        entries.forEach((k, v) -> sorted.put(requireNonNull(k, "key"), v));
        this.entries = java.util.Collections.unmodifiableMap(sorted);
        this.zero = zero;
        this.goTypeName = requireNonNull(goTypeName, "goTypeName");
    }

    /** A {@code map[string]string}. */
    public static GoMap<String> ofStrings(Map<String, String> entries) {
        return new GoMap<>(entries, "", "map[string]string");
    }

    /** A map with the given element zero value and Go type name, e.g. {@code map[string][]interface {}}. */
    public static <V> GoMap<V> of(Map<String, ? extends V> entries, Object zero, String goTypeName) {
        return new GoMap<>(entries, zero, goTypeName);
    }

    /** The element type's zero value, returned for missing keys under {@code missingkey=zero}. */
    public Object zero() {
        return zero;
    }

    public String goTypeName() {
        return goTypeName;
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return entries.entrySet();
    }
}
