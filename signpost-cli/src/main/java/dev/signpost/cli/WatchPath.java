package dev.signpost.cli;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pure half of {@code watch}: consul's watch parameters checked as its {@code watch.Parse} checks them (texts
 * included) and turned into the one API read each type makes; and the result shaped as consul's Go structs print.
 */
final class WatchPath {
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
            "key", Set.of("key", "stale"), "keyprefix", Set.of("prefix", "stale"), "services", Set.of("stale"),
            "nodes", Set.of("stale"), "service", Set.of("service", "tag", "passingonly", "stale"),
            "checks", Set.of("service", "state", "tag", "stale"), "event", Set.of("name"));

    private WatchPath() {
    }

    /** The read for a watch type and its parameters; an IllegalArgumentException carries consul's message. */
    static String of(String type, Map<String, Object> params) {
        Set<String> accepted = ACCEPTED.get(type);
        if (accepted == null) {
            throw new IllegalArgumentException("Unsupported watch type: " + type);
        }
        String path = switch (type) {
            case "key" -> "/v1/kv/" + ApiCommand.encode(required(params, "key", "Must specify a single key to watch"));
            case "keyprefix" -> "/v1/kv/" + ApiCommand.encode(required(params, "prefix",
                    "Must specify a single prefix to watch")) + "?recurse";
            case "services" -> "/v1/catalog/services";
            case "nodes" -> "/v1/catalog/nodes";
            case "service" -> "/v1/health/service/" + ApiCommand.encode(required(params, "service",
                    "Must specify a single service to watch")) + query(params);
            case "checks" -> checks(params);
            default -> "/v1/event/list" + (params.containsKey("name") ? "?name="
                    + ApiCommand.encode((String) params.get("name")) : "");
        };
        Set<String> invalid = new TreeSet<>(params.keySet());
        invalid.removeAll(accepted);
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("Invalid parameters: [" + String.join(" ", invalid) + "]");
        }
        if (Boolean.TRUE.equals(params.get("stale"))) {
            path += (path.contains("?") ? "&" : "?") + "stale";
        }
        return path;
    }

    private static String checks(Map<String, Object> params) {
        String service = (String) params.getOrDefault("service", "");
        String state = (String) params.getOrDefault("state", "");
        if (!service.isEmpty() && !state.isEmpty()) {
            throw new IllegalArgumentException("Cannot specify service and state");
        }
        if (!service.isEmpty()) {
            return "/v1/health/checks/" + ApiCommand.encode(service);
        }
        return "/v1/health/state/" + ApiCommand.encode(state.isEmpty() ? "any" : state)
                + (params.containsKey("tag") ? "?tag=" + ApiCommand.encode((String) params.get("tag")) : "");
    }

    private static String query(Map<String, Object> params) {
        StringBuilder query = new StringBuilder();
        if (params.containsKey("tag")) {
            query.append("?tag=").append(ApiCommand.encode((String) params.get("tag")));
        }
        if (Boolean.TRUE.equals(params.get("passingonly"))) {
            query.append(query.isEmpty() ? '?' : '&').append("passing=1");
        }
        return query.toString();
    }

    private static String required(Map<String, Object> params, String name, String message) {
        Object value = params.get(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException(message);
        }
        return text;
    }

    /** A KV entry with the Go API's KVPair fields in their order (Session always present, as Go prints it). */
    static JsonNode goKvPair(JsonNode entry) {
        ObjectNode pair = ApiCommand.JSON.createObjectNode();
        pair.set("Key", entry.path("Key"));
        for (String field : new String[] {"CreateIndex", "ModifyIndex", "LockIndex", "Flags"}) {
            pair.set(field, entry.path(field).isMissingNode() ? ApiCommand.JSON.getNodeFactory().numberNode(0)
                    : entry.get(field));
        }
        pair.set("Value", entry.path("Value").isMissingNode() ? ApiCommand.JSON.nullNode() : entry.get("Value"));
        pair.put("Session", entry.path("Session").asText(""));
        return pair;
    }

    /** The events after the one the last index names (consul's event watch: IDToIndex of the last event seen). */
    static JsonNode newEvents(JsonNode events, long lastIndex) {
        ArrayNode fresh = ApiCommand.JSON.createArrayNode();
        boolean seen = false;
        for (JsonNode event : events) {
            if (!seen && idToIndex(event.path("ID").asText()) == lastIndex) {
                seen = true;
                fresh.removeAll();
            } else {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /** Consul's event IDToIndex: the UUID's two halves XORed, the X-Consul-Index of an event list. */
    static long idToIndex(String uuid) {
        if (uuid.length() != 36) {
            return 0;
        }
        long low = Long.parseUnsignedLong(uuid.substring(0, 8) + uuid.substring(9, 13) + uuid.substring(14, 18), 16);
        long high = Long.parseUnsignedLong(uuid.substring(19, 23) + uuid.substring(24, 36), 16);
        return low ^ high;
    }
}
