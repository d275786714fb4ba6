package dev.signpost.http;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/** {@code /v1/kv/*}: the key/value store (agent/kvs_endpoint.go semantics). */
final class KvEndpoints {
    /** Consul's kv_max_value_size default. */
    static final int MAX_VALUE_SIZE = 512 * 1024;

    private final Reads reads;
    private final Clock clock;

    KvEndpoints(Reads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    void addTo(Routes routes) {
        routes.prefix("GET", "/v1/kv/", Guard.filters(Resource.KEY, "key:read on the key, or on each key listed"),
                        this::get)
                .prefix("PUT", "/v1/kv/", Guard.writes(Resource.KEY), this::put)
                .prefix("DELETE", "/v1/kv/", Guard.filters(Resource.KEY, "key:write, on every key under a prefix"),
                        this::delete);
    }

    private ApiResponse get(ApiRequest request) {
        String key = request.pathRest();
        if (request.has("keys")) {
            return keys(request, key);
        }
        Authorizer authz = request.caller().authorizer();
        if (request.has("recurse")) {
            var result = reads.read(request, Scope.prefix(Topic.key(key)), s -> json(Shown.list(s.keys(key),
                    e -> authz.canRead(Resource.KEY, e.key()))));
            if (result.value().value().isEmpty()) {
                return notFound(result);
            }
            return Reads.json(request, result);
        }
        if (key.isEmpty()) {
            throw ApiException.badRequest("Missing key name");
        }
        request.caller().require(Resource.KEY, Access.READ, key);
        var result = reads.read(request, Scope.of(Topic.key(key)), s -> s.key(key));
        Optional<KvEntry> entry = result.value();
        if (entry.isEmpty()) {
            return ApiResponse.text(404, "").withHeaders(result.headers());
        }
        if (request.has("raw")) {
            return new ApiResponse(200, result.headers(), "text/plain; charset=utf-8", entry.get().value().toArray());
        }
        return ApiResponse.json(Json.write(List.of(Wire.KvJson.of(entry.get())), request.has("pretty")))
                .withHeaders(result.headers());
    }

    private ApiResponse keys(ApiRequest request, String prefix) {
        // "seperator" is the spelling older clients send; Consul accepts both.
        String separator = request.param("separator").or(() -> request.param("seperator")).orElse("");
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.prefix(Topic.key(prefix)), s -> Shown.list(s.keyNames(prefix, separator),
                name -> authz.canRead(Resource.KEY, name)));
        if (result.value().value().isEmpty() && !prefix.isEmpty()) {
            return notFound(result);
        }
        return Reads.json(request, result);
    }

    /** An empty listing: 404, saying whether ACLs emptied it, as Consul's KV list does. */
    private static ApiResponse notFound(Reads.Result<? extends Shown<?>> result) {
        ApiResponse response = ApiResponse.text(404, "").withHeaders(result.headers());
        return result.value().filtered()
                ? response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true")) : response;
    }

    private static Indexed<Shown<List<Wire.KvJson>>> json(Indexed<Shown<List<KvEntry>>> entries) {
        Shown<List<KvEntry>> shown = entries.value();
        return new Indexed<>(new Shown<>(shown.value().stream().map(Wire.KvJson::of).toList(), shown.filtered()),
                entries.index());
    }

    private ApiResponse put(ApiRequest request) {
        String key = request.pathRest();
        if (key.isEmpty()) {
            throw ApiException.badRequest("Missing key name");
        }
        int conflicting = (request.has("cas") ? 1 : 0) + (request.has("acquire") ? 1 : 0) + (request.has("release") ? 1 : 0);
        if (conflicting > 1) {
            throw ApiException.badRequest("Conflicting flags: " + request.query().keySet());
        }
        if (request.body().length > MAX_VALUE_SIZE) {
            throw new ApiException(413, "Request body(" + request.body().length + " bytes) too large, max size: "
                    + MAX_VALUE_SIZE + " bytes. See https://developer.hashicorp.com/consul/docs/agent/config/config-files#kv_max_value_size.");
        }
        long flags = request.uint64("flags", 0, "Invalid flags");
        if (request.has("acquire") || request.has("release")) {
            return lock(request, key, flags);
        }
        long cas = request.has("cas") ? request.unsigned("cas", 0, "Invalid cas index") : KvPut.NO_CAS;
        Registry.WriteResult written = reads.registry().write(new KvPut(key, request.body(), flags, cas));
        return ApiResponse.json(Json.write(written.result(), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    /** {@code ?acquire=SESSION} / {@code ?release=SESSION}: false when the lock is held elsewhere or delayed. */
    private ApiResponse lock(ApiRequest request, String key, long flags) {
        boolean acquire = request.has("acquire");
        String session = request.param(acquire ? "acquire" : "release").orElse("");
        boolean known = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.session(session).value().isPresent());
        if (!known) {
            throw new ApiException(500, "invalid session \"" + session + "\"");
        }
        Registry.WriteResult written = reads.registry().write(
                new KvLock(key, Bytes.of(request.body()), flags, session, acquire, clock.millis()));
        return ApiResponse.json(Json.write(written.result(), request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toString(written.index())));
    }

    private ApiResponse delete(ApiRequest request) {
        String key = request.pathRest();
        Registry.WriteResult written;
        if (request.has("recurse")) {
            if (!request.caller().authorizer().canWritePrefix(Resource.KEY, key)) {
                throw request.caller().denied(Resource.KEY, Access.WRITE, key);
            }
            written = reads.registry().write(new KvDeleteTree(key));
        } else {
            if (key.isEmpty()) {
                throw ApiException.badRequest("Missing key name");
            }
            request.caller().require(Resource.KEY, Access.WRITE, key);
            long cas = request.has("cas") ? request.unsigned("cas", 0, "Invalid cas index") : KvDelete.NO_CAS;
            written = reads.registry().write(new KvDelete(key, cas));
        }
        return ApiResponse.json(Json.write(written.result(), request.has("pretty")));
    }
}
