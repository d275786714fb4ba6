package dev.signpost.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Sends one HTTP request to one address and returns the answer. Implementations are thread-safe. An
 * {@link IOException} means the address did not answer (refused, timed out, broken); any HTTP status is an answer.
 */
interface Transport extends AutoCloseable {

    Response send(ConsulAddress address, Request request, Duration timeout) throws IOException, InterruptedException;

    @Override
    void close();

    /** A request: method, path with query string, extra headers, body (empty for none). */
    record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        public Request {
            requireNonNull(method, "method");
            requireNonNull(pathAndQuery, "pathAndQuery");
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** An answer; header names are matched case-insensitively. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Response {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((k, v) -> {
                if (k != null) {
                    copy.put(k, List.copyOf(v));
                }
            });
            headers = java.util.Collections.unmodifiableMap(copy);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).strip());
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
    }
}
