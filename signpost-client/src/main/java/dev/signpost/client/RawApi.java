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

    /** An answer: status (2xx or 404) and body. */
    public record Response(int status, byte[] body) {
        public Response {
            requireNonNull(body, "body");
        }
    }

    /** Sends {@code method pathAndQuery} with a body (empty for none) and the client's token. */
    public Response call(String method, String pathAndQuery, byte[] body) {
        Transport.Response r = client.send(method, pathAndQuery, body);
        return new Response(r.status(), r.body());
    }
}
