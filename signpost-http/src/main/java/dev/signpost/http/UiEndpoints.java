package dev.signpost.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web UI's files, read once from the jar: plain ES modules and CSS with no build step, talking only to the
 * HTTP API (see the README's "Web UI"). {@code /ui} and {@code /} redirect to {@code /ui/}, as Consul's mux does;
 * a path without a file extension is the page itself (its views live in the URL's fragment). With the UI off
 * (Consul's {@code ui_config.enabled}, {@code -ui}; on with {@code -dev}) there is no {@code /ui/} and {@code /}
 * says so, in Consul's words.
 */
final class UiEndpoints {
    /** Every file of the UI, relative to {@code ui/} beside this class. */
    static final List<String> FILES = List.of("index.html", "style.css", "favicon.svg", "app.js", "api.js",
            "dom.js", "services.js", "nodes.js", "kv.js", "sessions.js", "servers.js", "acl.js");
    /**
     * Only this agent's own files and API: nothing from another origin can load, even if a file said so (the UI
     * works offline), and no inline script runs.
     */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-cache");
    private static final String OPEN = "the UI's files hold no data";

    private static final String DISABLED = "Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the "
            + "agent configuration and restart.";

    private final boolean enabled;
    private final Map<String, ApiResponse> files = new LinkedHashMap<>();

    UiEndpoints(boolean enabled) {
        this.enabled = enabled;
        for (String name : FILES) {
            files.put(name, new ApiResponse(200, HEADERS, contentType(name), read(name)));
        }
    }

    void addTo(Routes routes) {
        if (!enabled) {
            routes.exact("GET", "/", Guard.open("it names what this server is"), r -> ApiResponse.text(200, DISABLED));
            return;
        }
        routes.exact("GET", "/", Guard.open(OPEN), r -> redirect())
                .exact("GET", "/ui", Guard.open(OPEN), r -> redirect())
                .prefix("GET", "/ui/", Guard.open(OPEN), this::file);
    }

    private ApiResponse file(ApiRequest request) {
        String name = request.pathRest();
        ApiResponse file = files.get(name);
        if (file != null) {
            return file;
        }
        if (name.contains(".")) {
            throw ApiException.notFound("404 page not found");
        }
        return files.get("index.html");
    }

    private static ApiResponse redirect() {
        return new ApiResponse(301, Map.of("Location", "/ui/"), "text/html; charset=utf-8",
                "<a href=\"/ui/\">Moved Permanently</a>.\n".getBytes(StandardCharsets.UTF_8));
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for ui/" + name);
        };
    }

    private static byte[] read(String name) {
        try (InputStream in = UiEndpoints.class.getResourceAsStream("ui/" + name)) {
            if (in == null) {
                throw new IllegalStateException("ui/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
