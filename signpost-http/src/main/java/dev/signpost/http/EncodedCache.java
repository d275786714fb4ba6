package dev.signpost.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.signpost.metrics.Metrics;

/**
 * Encoded answers of reads: for each request (method, path and the parameters that shape the answer), the
 * bytes of its latest answer and the index they are for. Parameters that only say how long or where to wait
 * ({@code index}, {@code wait}, {@code stale}, {@code consistent}, {@code leader}) are not part of the key:
 * they change the headers, not the bytes.
 *
 * <p>One answer per request, not one per request and index: once a topic changes its older answers are never
 * asked for again, and a large service under churn would otherwise fill the heap with them. Bounded in entries
 * and in bytes: an answer bigger than an eighth of the byte budget is not kept, and when either bound is
 * reached the cache starts over, which costs one encoding per entry.
 *
 * <p>Only catalog, health and KV answers are cached: they are functions of the state at their index.
 *
 * <p>Thread-safe. Callers must not modify the returned arrays.
 */
final class EncodedCache {
    private static final Set<String> NOT_SHAPING = Set.of("index", "wait", "stale", "consistent", "leader", "cached");

    private record Answer(long index, long rightsIndex, byte[] bytes) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Map<String, Answer> entries = new ConcurrentHashMap<>();
    private long bytes; // guarded by this
    private final Metrics.Counter hits;
    private final Metrics.Counter misses;

    EncodedCache(int maxEntries, long maxBytes) {
        this(maxEntries, maxBytes, Metrics.none());
    }

    /** A cache that counts its hits and misses as {@code signpost.answer_cache.hits} and {@code .misses}. */
    EncodedCache(int maxEntries, long maxBytes, Metrics metrics) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.hits = metrics.own().counter("answer_cache.hits");
        this.misses = metrics.own().counter("answer_cache.misses");
    }

    /** A shared answer: the same for every caller. */
    byte[] get(ApiRequest request, long index, Supplier<byte[]> encode) {
        return get(request, "", index, 0, encode);
    }

    /**
     * The answer to a request at an index, for one holder of answers ("" for answers every caller shares, else the
     * token's secret) whose rights were resolved at {@code rightsIndex} (0 when rights do not matter).
     */
    byte[] get(ApiRequest request, String holder, long index, long rightsIndex, Supplier<byte[]> encode) {
        // Index 1 names two states: an empty topic (reported as 1, never 0, as Consul does) and the topic after
        // the first write, at Raft index 1. Now that the API answers before that write, neither is kept.
        if (!cacheable(request.path()) || index <= 1) {
            return encode.get();
        }
        String key = holder.isEmpty() ? key(request) : key(request) + '\u0000' + holder;
        Answer cached = entries.get(key);
        if (cached != null && cached.index() == index && cached.rightsIndex() == rightsIndex) {
            hits.increment();
            return cached.bytes();
        }
        misses.increment();
        byte[] fresh = encode.get();
        if (fresh.length <= maxBytes / 8) {
            keep(key, new Answer(index, rightsIndex, fresh));
        }
        return fresh;
    }

    /** Keeps an answer unless a newer one is kept already (a lagging server may answer at an older index). */
    private synchronized void keep(String key, Answer answer) {
        Answer previous = entries.get(key);
        if (previous != null && (previous.index() > answer.index()
                || previous.index() == answer.index() && previous.rightsIndex() > answer.rightsIndex())) {
            return;
        }
        if (previous == null && entries.size() >= maxEntries
                || bytes - length(previous) + answer.bytes().length > maxBytes) {
            entries.clear();
            bytes = 0;
            previous = null;
        }
        entries.put(key, answer);
        bytes += answer.bytes().length - length(previous);
    }

    private static long length(Answer answer) {
        return answer == null ? 0 : answer.bytes().length;
    }

    private static boolean cacheable(String path) {
        return path.startsWith("/v1/catalog/") || path.startsWith("/v1/health/") || path.startsWith("/v1/kv/");
    }

    static String key(ApiRequest request) {
        StringBuilder key = new StringBuilder(request.method()).append(' ').append(request.path()).append('?');
        for (Map.Entry<String, java.util.List<String>> p : new TreeMap<>(request.query()).entrySet()) {
            if (!NOT_SHAPING.contains(p.getKey())) {
                key.append(p.getKey()).append('=').append(p.getValue()).append('&');
            }
        }
        return key.toString();
    }

    int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
