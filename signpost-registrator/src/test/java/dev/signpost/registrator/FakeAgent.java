package dev.signpost.registrator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of a Consul agent's HTTP API on 127.0.0.1 for registrator tests: status/leader, agent service
 * register/deregister/list, check update, KV put/delete/keys. Records registrations; can fail the next N writes
 * and forget everything (an agent restarted without state). Thread-safe.
 */
final class FakeAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Registered services by ID, as the JSON body received. */
    final Map<String, JsonNode> services = new ConcurrentSkipListMap<>();
    /** KV store. */
    final Map<String, String> kv = new ConcurrentSkipListMap<>();
    /** Check updates received: "checkId status". */
    final List<String> checkUpdates = new CopyOnWriteArrayList<>();
    /** Every request: "METHOD path". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger failWrites = new AtomicInteger();

    FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets all services and keys, as an agent restarted without its data dir. */
    void loseState() {
        services.clear();
        kv.clear();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(method + " " + path);
            if (!method.equals("GET") && failWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ex, 500, "No cluster leader");
                return;
            }
            if (path.equals("/v1/status/leader")) {
                reply(ex, 200, "\"127.0.0.1:8300\"");
            } else if (path.equals("/v1/agent/service/register")) {
                JsonNode node = JSON.readTree(body);
                services.put(node.path("ID").asText(node.path("Name").asText()), node);
                reply(ex, 200, "");
            } else if (path.startsWith("/v1/agent/service/deregister/")) {
                String id = path.substring("/v1/agent/service/deregister/".length());
                reply(ex, services.remove(id) == null ? 404 : 200, "");
            } else if (path.equals("/v1/agent/services")) {
                Map<String, Map<String, Object>> list = new java.util.TreeMap<>();
                services.forEach((id, n) -> list.put(id, Map.of("ID", id, "Service", n.path("Name").asText(),
                        "Port", n.path("Port").asInt())));
                reply(ex, 200, JSON.writeValueAsString(list));
            } else if (path.startsWith("/v1/agent/check/update/")) {
                JsonNode node = JSON.readTree(body);
                checkUpdates.add(path.substring("/v1/agent/check/update/".length()) + " "
                        + node.path("Status").asText());
                reply(ex, 200, "");
            } else if (path.startsWith("/v1/kv/")) {
                kv(ex, method, path.substring("/v1/kv/".length()), body);
            } else {
                reply(ex, 404, "no route");
            }
        }
    }

    private void kv(HttpExchange ex, String method, String key, byte[] body) throws IOException {
        switch (method) {
            case "PUT" -> {
                kv.put(key, new String(body, StandardCharsets.UTF_8));
                reply(ex, 200, "true");
            }
            case "DELETE" -> {
                kv.remove(key);
                reply(ex, 200, "true");
            }
            default -> reply(ex, 200, JSON.writeValueAsString(kv.keySet().stream()
                    .filter(k -> k.startsWith(key)).toList()));
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("X-Consul-Index", "1");
        ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
