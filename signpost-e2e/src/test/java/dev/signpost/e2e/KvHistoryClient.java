package dev.signpost.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.testing.history.Op.Outcome;

/**
 * The KV calls a fault suite's clients make, each answer sorted into what a history can record: a write either
 * happened ({@code OK}), surely did not (the connection was refused before the request was sent: empty), or may
 * have ({@code INFO}: a timeout or a 5xx, after which Raft may still apply it). Thread-safe.
 */
final class KvHistoryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Duration timeout;
    private final String readMode;

    /** {@code readMode} is the query a register read adds: {@code consistent}, {@code stale} or "" (default). */
    KvHistoryClient(Duration timeout, String readMode) {
        this.timeout = timeout;
        this.readMode = readMode;
    }

    /** A register read's value and ModifyIndex (0 for a missing key); empty when there was no usable answer. */
    record Read(Optional<String> value, long modifyIndex) {
    }

    /** What a write's answer says. */
    record Written(Outcome outcome, boolean swapped) {
    }

    Optional<Read> read(String httpAddress, String key) {
        return read(httpAddress, key, readMode);
    }

    /** A read in the given mode ("consistent", "stale" or "" for the default). */
    Optional<Read> read(String httpAddress, String key, String mode) {
        Optional<HttpResponse<String>> r = send(HttpRequest.newBuilder(uri(httpAddress, key,
                mode.isEmpty() ? "" : "?" + mode)).GET());
        if (r.isEmpty()) {
            return Optional.empty();
        }
        if (r.get().statusCode() == 404) {
            return Optional.of(new Read(Optional.empty(), 0));
        }
        if (r.get().statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode entry = JSON.readTree(r.get().body()).get(0);
            String value = new String(Base64.getDecoder().decode(entry.get("Value").asText()), StandardCharsets.UTF_8);
            return Optional.of(new Read(Optional.of(value), entry.get("ModifyIndex").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("a 200 read of " + key + " that is not Consul's JSON: " + r.get().body(), e);
        }
    }

    /** A plain PUT, or a check-and-set PUT when {@code casIndex} is present. Empty: surely not applied. */
    Optional<Written> write(String httpAddress, String key, String value, Optional<Long> casIndex) {
        String query = casIndex.map(i -> "?cas=" + i).orElse("");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(httpAddress, key, query))
                .PUT(HttpRequest.BodyPublishers.ofString(value));
        try {
            HttpResponse<String> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return Optional.of(new Written(Outcome.OK, r.body().strip().equals("true")));
            }
            if (r.statusCode() >= 500) {
                return Optional.of(new Written(Outcome.INFO, false));
            }
            throw new IllegalStateException("PUT " + key + " answered " + r.statusCode() + ": " + r.body());
        } catch (ConnectException refused) {
            return Optional.empty();
        } catch (IOException lost) {
            return Optional.of(new Written(Outcome.INFO, false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Written(Outcome.INFO, false));
        }
    }

    /** Keys under a prefix as one server holds them now ({@code ?stale}); empty when it did not answer. */
    Optional<Set<String>> keys(String httpAddress, String prefix) {
        Optional<HttpResponse<String>> r = send(HttpRequest.newBuilder(
                uri(httpAddress, prefix, "?keys&stale")).GET());
        if (r.isEmpty() || r.get().statusCode() != 200 && r.get().statusCode() != 404) {
            return Optional.empty();
        }
        Set<String> keys = new TreeSet<>();
        if (r.get().statusCode() == 200) {
            try {
                JSON.readTree(r.get().body()).forEach(k -> keys.add(k.asText()));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + r.get().body(), e);
            }
        }
        return Optional.of(keys);
    }

    private Optional<HttpResponse<String>> send(HttpRequest.Builder request) {
        try {
            return Optional.of(http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static URI uri(String httpAddress, String key, String query) {
        return URI.create("http://" + httpAddress + "/v1/kv/" + key + query);
    }
}
