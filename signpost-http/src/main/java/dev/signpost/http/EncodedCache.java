package dev.signpost.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Encoded answers of reads, by request (method, path and the parameters that shape the answer) and
 * result index. Parameters that only say how long or where to wait ({@code index}, {@code wait},
 * {@code stale}, {@code consistent}, {@code leader}) are not part of the key: they change the headers, not
 * the bytes. Bounded: when full it starts over, which costs one encoding per entry.
 *
 * <p>Only catalog, health and KV answers are cached: they are functions of the state at their index.
 *
 * <p>Thread-safe. Callers must not modify the returned arrays.
 */
final class EncodedCache {
    private static final Set<String> NOT_SHAPING = Set.of("index", "wait", "stale", "consistent", "leader", "cached");

    private final int capacity;
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    EncodedCache(int capacity) {
        this.capacity = capacity;
    }

    byte[] get(ApiRequest request, long index, Supplier<byte[]> encode) {
        if (!cacheable(request.path())) {
            return encode.get();
        }
        String key = key(request, index);
        byte[] cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] fresh = encode.get();
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(key, fresh);
        return fresh;
    }

    private static boolean cacheable(String path) {
        return path.startsWith("/v1/catalog/") || path.startsWith("/v1/health/") || path.startsWith("/v1/kv/");
    }

    static String key(ApiRequest request, long index) {
        StringBuilder key = new StringBuilder(request.method()).append(' ').append(request.path()).append('?');
        for (Map.Entry<String, java.util.List<String>> p : new TreeMap<>(request.query()).entrySet()) {
            if (!NOT_SHAPING.contains(p.getKey())) {
                key.append(p.getKey()).append('=').append(p.getValue()).append('&');
            }
        }
        return key.append('@').append(index).toString();
    }

    int size() {
        return entries.size();
    }
}
