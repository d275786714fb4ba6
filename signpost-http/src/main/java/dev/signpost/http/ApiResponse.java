package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, headers, content type and body bytes. */
public record ApiResponse(int status, Map<String, String> headers, String contentType, byte[] body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
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

    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new ApiResponse(status, all, contentType, body);
    }

    public ApiResponse withStatus(int newStatus) {
        return new ApiResponse(newStatus, headers, contentType, body);
    }
}
