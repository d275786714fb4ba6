package dev.signpost.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

/** {@code /v1/session}: create, renew, inspect and destroy sessions. Thread-safe. */
public final class SessionApi {

    private final ConsulClient client;

    SessionApi(ConsulClient client) {
        this.client = client;
    }

    /**
     * Creates a session and returns its ID. {@code ttl} and {@code lockDelay} are Go durations ("15s"; empty for the
     * default), {@code behavior} is release or delete (empty for release).
     */
    public String create(String name, String ttl, String behavior, String lockDelay) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Name", name);
        if (!ttl.isEmpty()) {
            body.put("TTL", ttl);
        }
        if (!behavior.isEmpty()) {
            body.put("Behavior", behavior);
        }
        if (!lockDelay.isEmpty()) {
            body.put("LockDelay", lockDelay);
        }
        Map<String, String> r = client.write("PUT", "/v1/session/create", new QueryString(), WriteOptions.DEFAULT,
                ConsulClient.json(body), new TypeReference<Map<String, String>>() { });
        if (r == null || !r.containsKey("ID")) {
            throw new ConsulException("session create answered without an ID", 200, "");
        }
        return r.get("ID");
    }

    /** Renews a TTL session; empty when it no longer exists. */
    public Optional<Session> renew(String id) {
        try {
            List<Session> r = client.write("PUT", "/v1/session/renew/" + QueryString.segment(id), new QueryString(),
                    WriteOptions.DEFAULT, new byte[0], new TypeReference<List<Session>>() { });
            return r == null ? Optional.empty() : r.stream().findFirst();
        } catch (ConsulException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public QueryResult<Optional<Session>> info(String id, QueryOptions options) {
        QueryResult<List<Session>> r = client.read("/v1/session/info/" + QueryString.segment(id), new QueryString(),
                options, new TypeReference<List<Session>>() { }, List.of());
        return r.withValue(r.value().stream().findFirst());
    }

    public void destroy(String id) {
        client.write("PUT", "/v1/session/destroy/" + QueryString.segment(id), new QueryString(),
                WriteOptions.DEFAULT, new byte[0], null);
    }
}
