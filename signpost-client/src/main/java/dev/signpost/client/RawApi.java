package dev.signpost.client;

import static java.util.Objects.requireNonNull;

/**
 * Any endpoint as plain bytes: what the command line uses for endpoints without a typed API (operator, snapshot)
 * and to print answers as they came. Errors are {@link ConsulException}s as for every other call; a 404 is an
 * answer here. Thread-safe.
 */
public final class RawApi {
    private final ConsulClient client;

    RawApi(ConsulClient client) {
        this.client = client;
    }

    /** An answer: status (2xx or 404), body, and its {@code X-Consul-Index} (0 when absent). */
    public record Response(int status, byte[] body, long index) {
        public Response {
            requireNonNull(body, "body");
        }

        public Response(int status, byte[] body) {
            this(status, body, 0);
        }
    }

    /** Sends {@code method pathAndQuery} with a body (empty for none) and the client's token. */
    public Response call(String method, String pathAndQuery, byte[] body) {
        Transport.Response r = client.send(method, pathAndQuery, body);
        return new Response(r.status(), r.body());
    }

    /**
     * A blocking GET: {@code index} and {@code wait} are appended to {@code pathAndQuery}, and the call may take as
     * long as the wait (plus Consul's jitter) before it times out. The answer carries the new index.
     */
    public Response block(String pathAndQuery, long index, java.time.Duration wait) {
        QueryOptions options = QueryOptions.DEFAULT.withIndex(index).withWait(wait);
        String query = pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "index=" + index + "&wait="
                + wait.toMillis() + "ms";
        Transport.Response r = client.sendBlocking(query, client.timeoutFor(options));
        return new Response(r.status(), r.body(), r.header("X-Consul-Index").map(Long::parseLong).orElse(0L));
    }
}
