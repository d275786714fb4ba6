package dev.signpost.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.signpost.core.config.Intentions;

/**
 * What the intention API reads from a request: an intention body (structs.Intention, whose JSON names encoding/json
 * matches without regard to case), and service names in query parameters as Consul's
 * parseIntentionStringComponent reads them ({@code name}, {@code ns/name}, {@code partition/ns/name}), where
 * Consul OSS knows only the {@code default} namespace and partition. Pure.
 */
final class IntentionBody {
    private static final String DEFAULT = "default";

    private IntentionBody() {
    }

    /** The body as an object; a problem is {@code prefix} and Go's words: 400, or 500 for the legacy create. */
    static Map<String, Object> read(byte[] body, String prefix) {
        int status = prefix.startsWith("Failed") ? 500 : 400;
        return ConfigEndpoints.jsonObject(body, "structs.Intention", why -> new ApiException(status, prefix + why));
    }

    /** A string field by its Go name, matched without regard to case; "" when absent. */
    static String text(Map<String, Object> body, String field) {
        return value(body, field) instanceof String s ? s : "";
    }

    /** The intention's Meta; empty when absent. */
    static Map<String, String> meta(Map<String, Object> body) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (value(body, "Meta") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put((String) k, v == null ? "" : String.valueOf(v)));
        }
        return meta;
    }

    /**
     * The source the body describes, as a service-intentions source (Intention.ToSourceIntention): its action, L7
     * permissions, type and description, and for a legacy write its Meta as LegacyMeta. Mutable, so a legacy write
     * can add its ID and times.
     */
    static Map<String, Object> source(Map<String, Object> body, String name, boolean legacy) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Name", name);
        copy(body, "Action", raw, "Action");
        copy(body, "Permissions", raw, "Permissions");
        copy(body, "SourceType", raw, "Type");
        copy(body, "Description", raw, "Description");
        if (legacy) {
            raw.put("LegacyMeta", meta(body));
        }
        Map<String, Object> source = new LinkedHashMap<>(Intentions.source(raw));
        if (!(source.get("Type") instanceof String type) || type.isEmpty()) {
            source.put("Type", "consul"); // Intention.Apply: the default source type, before validation
        }
        return source;
    }

    /** The service name of a query parameter, or Consul's 500 naming the parameter and what is wrong with it. */
    static String serviceName(String input, String parameter) {
        if (input.startsWith("peer:")) {
            throw invalid(parameter, input, "cannot specify a peer here");
        }
        String[] parts = input.split("/", -1);
        if (parts.length > 3) {
            throw invalid(parameter, input, "input can contain at most two '/'");
        }
        if (parts.length == 3 && !parts[0].toLowerCase(Locale.ROOT).equals(DEFAULT)) {
            throw new ApiException(500, "Partitions is a Consul Enterprise feature");
        }
        if (parts.length >= 2 && !parts[parts.length - 2].toLowerCase(Locale.ROOT).equals(DEFAULT)) {
            throw new ApiException(500, "Namespaces is a Consul Enterprise feature");
        }
        return parts[parts.length - 1];
    }

    /** memdb's UUID index refuses an ID that is no UUID before any lookup: Consul's 400. */
    static void requireUuid(String id) {
        if (id.length() != 36) {
            throw ApiException.badRequest("failed config entry lookup: UUID must be 36 characters");
        }
        for (char c : id.replace("-", "").toCharArray()) {
            if (Character.digit(c, 16) < 0) {
                throw ApiException.badRequest("failed config entry lookup: Invalid UUID: encoding/hex: invalid byte: "
                        + String.format("U+%04X %s", (int) c, "'" + c + "'"));
            }
        }
    }

    private static ApiException invalid(String parameter, String input, String why) {
        return new ApiException(500, parameter + " \"" + input + "\" is invalid: " + why);
    }

    private static void copy(Map<String, Object> body, String from, Map<String, Object> to, String field) {
        Object value = value(body, from);
        if (value != null) {
            to.put(field, value);
        }
    }

    private static Object value(Map<String, Object> body, String field) {
        if (body.containsKey(field)) {
            return body.get(field);
        }
        return body.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(field)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
