package dev.signpost.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The small web UI: one page that reads the same HTTP API as every other client. */
final class UiEndpoints {
    private final byte[] page;

    UiEndpoints() {
        try (InputStream in = UiEndpoints.class.getResourceAsStream("ui/index.html")) {
            if (in == null) {
                throw new IllegalStateException("ui/index.html is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void addTo(Routes routes) {
        routes.exact("GET", "/", Guard.open("the UI's files hold no data"), r -> new ApiResponse(301, Map.of("Location", "/ui/"), "text/plain; charset=utf-8",
                        "Moved to /ui/\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .prefix("GET", "/ui/", Guard.open("the UI's files hold no data"), r -> new ApiResponse(200, Map.of(), "text/html; charset=utf-8", page));
    }
}
