package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an endpoint answers: status, headers, content type and body bytes; or, for a streamed answer
 * ({@code /v1/agent/monitor}), a {@link Streamer} that writes the body until it is done or the client has gone.
 */
public record ApiResponse(int status, Map<String, String> headers, String contentType, byte[] body,
                          Optional<Streamer> stream) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
        requireNonNull(stream, "stream");
    }

    public ApiResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
        this(status, headers, contentType, body, Optional.empty());
    }

    /** Writes a streamed body; runs on the request's thread, and returning ends the response. */
    @FunctionalInterface
    public interface Streamer {
        void stream(Sink sink) throws IOException;
    }

    /** Where a streamed body goes. */
    public interface Sink {
        void write(byte[] bytes) throws IOException;

        /** Sends what was written so far (one chunk). */
        void flush() throws IOException;

        /** True once the client has closed its side of the connection. */
        boolean clientGone();
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse json(byte[] json) {
        return new ApiResponse(200, Map.of(), "application/json", json);
    }

    public static ApiResponse empty() {
        return new ApiResponse(200, Map.of(), "text/plain; charset=utf-8", new byte[0]);
    }

    /** A 200 whose body the streamer writes, chunked, as it goes. */
    public static ApiResponse streaming(String contentType, Streamer streamer) {
        return new ApiResponse(200, Map.of(), contentType, new byte[0], Optional.of(streamer));
    }

    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new ApiResponse(status, all, contentType, body, stream);
    }

    public ApiResponse withStatus(int newStatus) {
        return new ApiResponse(newStatus, headers, contentType, body, stream);
    }
}
