package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.UserEvent;
import dev.signpost.core.state.EventLog;
import dev.signpost.core.watch.Scope;

/**
 * {@code /v1/event/fire/:name} and {@code /v1/event/list} (agent/event_endpoint.go) over the agent's
 * {@link LocalAgent.Events}. A blocking list waits, as a catalog read does, for an index other than the one given:
 * the index of events is a hash of the newest event's ID, not a counter.
 */
final class EventEndpoints {
    private final LocalAgent.Events events;
    private final BlockingQuery blocking;

    EventEndpoints(LocalAgent.Events events) {
        this.events = requireNonNull(events, "events");
        this.blocking = new BlockingQuery((scope, onChange) -> events.watch(onChange));
    }

    void addTo(Routes routes) {
        routes.prefix("PUT", "/v1/event/fire/", Guard.writes(Resource.EVENT), this::fire)
                .exact("GET", "/v1/event/list", Guard.filters(Resource.EVENT, "event:read"), this::list);
    }

    /** Consul's UserEvent JSON. */
    record EventJson(String ID, String Name, String Payload, String NodeFilter, String ServiceFilter, String TagFilter,
                     int Version, long LTime) {
        static EventJson of(UserEvent e) {
            byte[] payload = e.payload();
            String encoded = payload.length == 0 ? null : Base64.getEncoder().encodeToString(payload);
            return new EventJson(e.id(), e.name(), encoded, e.nodeFilter(), e.serviceFilter(), e.tagFilter(),
                    e.version(), e.ltime());
        }
    }

    private ApiResponse fire(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing name");
        }
        UserEvent event = events.fire(name, request.body(), request.param("node").orElse(""),
                request.param("service").orElse(""), request.param("tag").orElse(""));
        return ApiResponse.json(Json.write(EventJson.of(event), request.has("pretty")));
    }

    private ApiResponse list(ApiRequest request) {
        String name = request.param("name").orElse("");
        long index = request.unsigned("index", 0, "Invalid index");
        Duration wait = request.param("wait").map(QueryOptions::parseWait).orElse(BlockingQuery.DEFAULT_WAIT);
        if (wait.compareTo(BlockingQuery.MAX_WAIT) > 0) {
            wait = BlockingQuery.MAX_WAIT;
        }
        EventLog.Listed listed = blocking.run(Scope.of(), (EventLog.Listed l) -> index <= 0 || l.index() != index,
                wait, () -> events.list(name));
        Shown<List<UserEvent>> shown = Shown.list(listed.events(),
                e -> request.caller().authorizer().canRead(Resource.EVENT, e.name()));
        List<EventJson> found = shown.value().stream().map(EventJson::of).toList();
        ApiResponse response = ApiResponse.json(Json.write(found, request.has("pretty")))
                .withHeaders(Map.of("X-Consul-Index", Long.toUnsignedString(listed.index())));
        return shown.filtered() ? response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true")) : response;
    }
}
