package dev.signpost.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.client.GoDuration;

/**
 * A JSON request body read the way Consul's Go decoder reads it: field names case-insensitively, with
 * snake_case accepted for CamelCase ({@code service_id} for {@code ServiceID}). A field of the wrong type
 * is a 400 naming the field.
 */
public final class Body {
    private final JsonNode node;
    private final String path;
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    Body(JsonNode node, String path) {
        this.node = node;
        this.path = path;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.putIfAbsent(normalise(e.getKey()), e.getValue());
            }
        }
    }

    private static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** An empty object, for a nested block that was not given. */
    static Body empty(String path) {
        return new Body(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path);
    }

    /** The field names of an object, as given. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isArray() {
        return node.isArray();
    }

    /** Fails unless the body is a JSON object. */
    public Body requireObject() {
        if (!node.isObject()) {
            throw typeError(path.isEmpty() ? "body" : path, "an object");
        }
        return this;
    }

    private Optional<JsonNode> field(String name) {
        JsonNode value = fields.get(normalise(name));
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public boolean has(String name) {
        return field(name).isPresent();
    }

    public String text(String name, String defaultValue) {
        return field(name).map(v -> {
            if (!v.isTextual()) {
                throw typeError(name, "a string");
            }
            return v.asText();
        }).orElse(defaultValue);
    }

    public long number(String name, long defaultValue) {
        return field(name).map(v -> {
            if (!v.isIntegralNumber()) {
                throw typeError(name, "a number");
            }
            return v.asLong();
        }).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue) {
        long value = number(name, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw typeError(name, "a 32-bit number");
        }
        return (int) value;
    }

    /** A floating-point number (Go's float64: an integer is one too). */
    public double decimal(String name, double defaultValue) {
        return field(name).filter(v -> !v.isNull()).map(v -> {
            if (!v.isNumber()) {
                throw typeError(name, "a number");
            }
            return v.asDouble();
        }).orElse(defaultValue);
    }

    /** A list of floating-point numbers; empty when absent or null. */
    public List<Double> decimals(String name) {
        return field(name).filter(v -> !v.isNull())
                .map(v -> list(v, name, "a list of numbers", JsonNode::isNumber, JsonNode::asDouble))
                .orElse(List.of());
    }

    public boolean bool(String name, boolean defaultValue) {
        return field(name).map(v -> {
            if (!v.isBoolean()) {
                throw typeError(name, "a boolean");
            }
            return v.asBoolean();
        }).orElse(defaultValue);
    }

    /**
     * A duration, given as a Go duration string ("10s") or as a number of nanoseconds, returned as a Go
     * duration string ("" when absent).
     */
    public String duration(String name) {
        return field(name).map(v -> {
            if (v.isIntegralNumber()) {
                return GoDuration.format(java.time.Duration.ofNanos(v.asLong()));
            }
            if (!v.isTextual()) {
                throw typeError(name, "a duration");
            }
            try {
                return GoDuration.format(GoDuration.parse(v.asText()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Request decode failed: " + name + ": " + e.getMessage());
            }
        }).orElse("");
    }

    public List<String> strings(String name) {
        return field(name).map(v -> list(v, name, "a list of strings", JsonNode::isTextual, JsonNode::asText))
                .orElse(List.of());
    }

    public Map<String, String> stringMap(String name) {
        return field(name).map(v -> {
            if (!v.isObject()) {
                throw typeError(name, "an object of strings");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isTextual()) {
                    throw typeError(name + "." + e.getKey(), "a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return Map.copyOf(out);
        }).orElse(Map.of());
    }

    /** A map of string lists, as HTTP check headers are ({"X-A": ["1"]}). */
    public Map<String, List<String>> stringListMap(String name) {
        return field(name).map(v -> {
            if (!v.isObject()) {
                throw typeError(name, "an object of string lists");
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            Body inner = new Body(v, name);
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                out.put(key, inner.strings(key));
            }
            return Map.copyOf(out);
        }).orElse(Map.of());
    }

    /** A JSON object of any values, kept as given (a proxy's opaque {@code Config}); empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> anyMap(String name) {
        return field(name).map(v -> {
            if (!v.isObject()) {
                throw typeError(name, "an object");
            }
            return (Map<String, Object>) Json.mapper().convertValue(v, Map.class);
        }).orElse(Map.of());
    }

    public Optional<Body> object(String name) {
        return field(name).map(v -> {
            if (!v.isObject()) {
                throw typeError(name, "an object");
            }
            return new Body(v, name);
        });
    }

    public List<Body> objects(String name) {
        return field(name)
                .map(v -> list(v, name, "a list of objects", JsonNode::isObject, item -> new Body(item, name)))
                .orElse(List.of());
    }

    /** The objects of a body that is a JSON array (a {@code /v1/txn} request). */
    public List<Body> elements() {
        if (!node.isArray()) {
            throw typeError(path.isEmpty() ? "body" : path, "a list of objects");
        }
        List<Body> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw typeError("[" + i + "]", "an object");
            }
            out.add(new Body(item, "[" + i++ + "]"));
        }
        return List.copyOf(out);
    }

    /** The items of the list v, each read by item; anything but a list of items isItem accepts is a type error. */
    private <T> List<T> list(JsonNode v, String name, String expected, Predicate<JsonNode> isItem,
                             Function<JsonNode, T> item) {
        if (!v.isArray()) {
            throw typeError(name, expected);
        }
        List<T> out = new ArrayList<>();
        for (JsonNode element : v) {
            if (!isItem.test(element)) {
                throw typeError(name, expected);
            }
            out.add(item.apply(element));
        }
        return List.copyOf(out);
    }

    private ApiException typeError(String name, String expected) {
        String where = path.isEmpty() || name.startsWith(path) ? name : path + "." + name;
        return ApiException.badRequest("Request decode failed: " + where + " must be " + expected);
    }
}
