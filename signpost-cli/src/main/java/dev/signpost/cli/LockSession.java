package dev.signpost.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RawApi;

/**
 * The session a {@link KvLocks} hold lives on, renewed every half TTL until destroyed, and the KV calls made under
 * it, answers read as the Go API client reads them. Not thread-safe; the renewer runs on its own executor.
 */
final class LockSession {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(15);

    private final ConsulClient client;
    private final String name;
    private final ScheduledExecutorService renewer;
    private String id = "";

    LockSession(ConsulClient client, String name, ScheduledExecutorService renewer) {
        this.client = client;
        this.name = name;
        this.renewer = renewer;
    }

    /** Creates the session and starts renewing it; returns its ID. */
    String create() {
        ObjectNode body = JSON.createObjectNode().put("Name", name).put("TTL", TTL.toSeconds() + "s");
        id = read(put("/v1/session/create", bytes(body))).path("ID").asText();
        long every = TTL.toMillis() / 2;
        renewer.scheduleAtFixedRate(() -> {
            try {
                client.raw().call("PUT", "/v1/session/renew/" + id, new byte[0]);
            } catch (ConsulException e) {
                // The monitor sees a lost hold; a renewal that fails is retried at the next period.
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return id;
    }

    /** The session's ID; empty before {@link #create()}. */
    String id() {
        return id;
    }

    void destroy() {
        renewer.shutdownNow();
        if (!id.isEmpty()) {
            put("/v1/session/destroy/" + id, new byte[0]);
        }
    }

    /** The KV path of {@code key}, percent-encoded. */
    static String kv(String key) {
        return "/v1/kv/" + ApiCommand.encode(key);
    }

    /** A PUT, a 404 being Consul's error (the Go client's requireOK). */
    RawApi.Response put(String path, byte[] body) {
        return ApiCommand.requireOk(client.raw().call("PUT", path, body));
    }

    RawApi.Response get(String path) {
        return client.raw().call("GET", path, new byte[0]);
    }

    RawApi.Response block(String path, long index, Duration wait) {
        return client.raw().block(path, index, wait);
    }

    void delete(String path) {
        client.raw().call("DELETE", path, new byte[0]);
    }

    /** True when a KV write's answer is {@code true} (acquired, or the check-and-set held). */
    static boolean ok(RawApi.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8).strip().equals("true");
    }

    static JsonNode read(RawApi.Response r) {
        return read(r.body());
    }

    static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
