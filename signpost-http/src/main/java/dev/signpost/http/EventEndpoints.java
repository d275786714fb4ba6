package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/event/fire/:name} and {@code /v1/event/list} (agent/event_endpoint.go): user events, kept in
 * memory by this agent only, the latest 256, as Consul's agent keeps them. The index of the list is
 * Consul's: the last event's ID folded to 64 bits; a blocking list waits for a newer event.
 *
 * <p>Thread-safe: the log is guarded by its own monitor, which waiting lists release.
 */
final class EventEndpoints {
    private static final int KEPT = 256;

    private final ArrayDeque<EventJson> events = new ArrayDeque<>();
    private final String datacenter;
    private long ltime;

    EventEndpoints(String datacenter) {
        this.datacenter = requireNonNull(datacenter, "datacenter");
    }

    void addTo(Routes routes) {
        routes.prefix("PUT", "/v1/event/fire/", this::fire)
                .exact("GET", "/v1/event/list", this::list);
    }

    /** Consul's UserEvent JSON. */
    record EventJson(String ID, String Name, String Payload, String NodeFilter, String ServiceFilter, String TagFilter,
                     int Version, long LTime) {
    }

    private ApiResponse fire(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing name");
        }
        String dc = request.param("dc").orElse(datacenter);
        if (!dc.equals(datacenter)) {
            throw new ApiException(500, "No path to datacenter");
        }
        String payload = request.body().length == 0 ? null : Base64.getEncoder().encodeToString(request.body());
        EventJson event;
        synchronized (this) {
            event = new EventJson(UUID.randomUUID().toString(), name, payload, request.param("node").orElse(""),
                    request.param("service").orElse(""), request.param("tag").orElse(""), 1, ++ltime);
            events.addLast(event);
            if (events.size() > KEPT) {
                events.removeFirst();
            }
            notifyAll();
        }
        return ApiResponse.json(Json.write(event, request.has("pretty")));
    }

    private ApiResponse list(ApiRequest request) {
        String name = request.param("name").orElse("");
        long index = request.unsigned("index", 0, "Invalid index");
        Duration wait = request.param("wait").map(QueryOptions::parseWait).orElse(Duration.ofMinutes(5));
        if (wait.compareTo(Duration.ofMinutes(10)) > 0) {
            wait = Duration.ofMinutes(10);
        }
        List<EventJson> found;
        long last;
        synchronized (this) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (index > 0 && lastIndex() == index && System.nanoTime() < deadline) {
                try {
                    long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            found = new ArrayList<>();
            for (EventJson e : events) {
                if (name.isEmpty() || e.Name().equals(name)) {
                    found.add(e);
                }
            }
            last = lastIndex();
        }
        return ApiResponse.json(Json.write(found, request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toUnsignedString(last)));
    }

    /** Consul's uuidToUint64 of the newest event's ID: its two halves XORed; 0 with no events. */
    private long lastIndex() {
        if (events.isEmpty()) {
            return 0;
        }
        UUID id = UUID.fromString(events.getLast().ID());
        return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    }
}
