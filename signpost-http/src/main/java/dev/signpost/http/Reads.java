package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.signpost.core.Registry;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.metrics.Metrics;

/**
 * Runs a catalog read the way every Consul read endpoint does: in the requested consistency mode,
 * blocking while {@code ?index} is not passed, and answering with the {@code X-Consul-*} headers.
 */
final class Reads {
    private final Registry registry;
    private final String datacenter;
    private final BlockingQuery blocking;
    // At most 4,096 answers and 64 MiB of them: far more than one agent's watchers ask for at a time.
    private final EncodedCache encoded;

    Reads(Registry registry, String datacenter) {
        this(registry, datacenter, Metrics.none());
    }

    /** Reads whose blocking queries and answer cache are counted in {@code metrics}. */
    Reads(Registry registry, String datacenter, Metrics metrics) {
        this.registry = requireNonNull(registry, "registry");
        this.datacenter = requireNonNull(datacenter, "datacenter");
        this.blocking = new BlockingQuery(registry::watch);
        this.encoded = new EncodedCache(4096, 64L << 20, metrics);
        metrics.own().gauge("blocking_queries.waiting", blocking::waiting);
    }

    /** A finished read: the value, its index and the headers to send, and the cache of its encodings. */
    record Result<T>(T value, long index, Map<String, String> headers, EncodedCache cache) {
    }

    <T> Result<T> read(ApiRequest request, Scope scope, Function<CatalogState, Indexed<T>> query) {
        QueryOptions options = QueryOptions.parse(request, datacenter);
        // The consistency check happens once, before waiting; the wake-ups then read local state.
        Indexed<T> first = registry.read(options.mode(), query);
        Indexed<T> result = first;
        if (options.index() > 0 && first.index() <= options.index()) {
            result = blocking.run(scope, options.index(), options.maxWait(),
                    () -> registry.read(Registry.ReadMode.STALE, query));
        }
        return new Result<>(result.value(), result.index(), headers(result.index(), options), encoded);
    }

    /** The headers of a read that did not go through {@link #read}, e.g. agent-local data. */
    Map<String, String> headers(long index, QueryOptions options) {
        Registry.ClusterView cluster = registry.cluster();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Consul-Index", Long.toString(Math.max(1, index)));
        headers.put("X-Consul-KnownLeader", Boolean.toString(cluster.knownLeader()));
        headers.put("X-Consul-LastContact", Long.toString(cluster.lastContactMillis()));
        headers.put("X-Consul-Effective-Consistency", options.effectiveConsistency());
        return headers;
    }

    /**
     * Serialises a read's value with its headers. The bytes are cached by request and index: a topic's
     * index names one state of it on every server, so the same query at the same index always encodes
     * to the same bytes, and repeated reads of an unchanged service skip Jackson (44% of a catalog read's
     * time, see docs/benchmarks.md).
     */
    static <T> ApiResponse json(ApiRequest request, Result<T> result) {
        ApiResponse response;
        Caller caller = request.caller();
        if (caller.sharesAnswers()) {
            response = ApiResponse.json(result.cache().get(request, "", result.index(), 0,
                    () -> Json.write(result.value(), request.has("pretty"))));
        } else if (caller.keepsOwnAnswers()) {
            // What a token sees depends on its rules too: its answers are its own, and the rights it was resolved
            // with (the ACL state's index) are part of what they are valid for.
            response = ApiResponse.json(result.cache().get(request, caller.secret(), result.index(),
                    caller.rightsIndex(), () -> Json.write(result.value(), request.has("pretty"))));
        } else {
            response = ApiResponse.json(Json.write(result.value(), request.has("pretty")));
        }
        response = response.withHeaders(result.headers());
        if (result.value() instanceof Shown<?> shown && shown.filtered()) {
            response = response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true"));
        }
        return response;
    }

    String datacenter() {
        return datacenter;
    }

    Registry registry() {
        return registry;
    }
}
