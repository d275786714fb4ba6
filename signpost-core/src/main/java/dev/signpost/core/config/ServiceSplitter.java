package dev.signpost.core.config;

import static dev.signpost.core.config.Bodies.objects;
import static dev.signpost.core.config.Bodies.text;
import static dev.signpost.core.config.ConfigEntries.quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code service-splitter} kind as Consul reads, normalises and validates it
 * (agent/structs/config_entry_discoverychain.go: ServiceSplitterConfigEntry): weighted splits of a service's traffic
 * across its subsets or other services. Weights are kept to 0.01% steps and must sum to 100. Pure.
 */
final class ServiceSplitter {
    /** HTTPHeaderModifiers, shared with the router's destinations. */
    static final EntrySchema HEADER_MODIFIERS = EntrySchema.builder()
            .omit("Add", "", Type.STRING_MAP)
            .omit("Set", "", Type.STRING_MAP)
            .omit("Remove", "", Type.STRING_LIST).build();
    /** ServiceSplit, also written in the compiled chain's splitter nodes. */
    static final EntrySchema SPLIT = EntrySchema.builder()
            .plain("Weight", Type.FLOAT32)
            .omit("Service", "", Type.STRING)
            .omit("ServiceSubset", "service_subset", Type.STRING)
            .omit("Namespace", "", Type.STRING)
            .omit("Partition", "", Type.STRING)
            .structPointer("RequestHeaders", "request_headers", HEADER_MODIFIERS)
            .structPointer("ResponseHeaders", "response_headers", HEADER_MODIFIERS).build();
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .structs("Splits", "", SPLIT)
            .omit("Meta", "", Type.STRING_MAP).build();
    private static final int MAX_SCALED_WEIGHT = 100 * 100;

    private ServiceSplitter() {
    }

    /** Normalize (weights to 0.01% steps) then Validate. */
    static ConfigEntry normalized(ConfigEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        if (body.containsKey("Splits")) {
            List<Map<String, Object>> splits = new ArrayList<>();
            for (Map<String, Object> given : objects(body, "Splits")) {
                Map<String, Object> split = new LinkedHashMap<>(given);
                split.put("Weight", (double) normalizedWeight(weight(split)));
                splits.add(split);
            }
            body.put("Splits", splits);
        }
        ConfigEntry normalized = entry.withBody(body);
        validate(normalized);
        return normalized;
    }

    private static void validate(ConfigEntry entry) {
        ConfigEntries.requireName(entry);
        List<Map<String, Object>> splits = objects(entry.body(), "Splits");
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("no splits configured");
        }
        ConfigEntries.failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        Set<List<Object>> found = new HashSet<>();
        for (Map<String, Object> split : splits) {
            String service = ServiceResolver.orName(text(split, "Service"), entry.name());
            List<Object> key = List.of(service, text(split, "ServiceSubset"), text(split, "Namespace"),
                    text(split, "Partition"));
            // Consul keys splits by value, header modifiers by pointer: a split with one is never a duplicate.
            boolean headers = split.get("RequestHeaders") != null || split.get("ResponseHeaders") != null;
            if (!headers && !found.add(key)) {
                throw new IllegalArgumentException("split destination occurs more than once: service=" + quote(service)
                        + ", subset=" + quote(text(split, "ServiceSubset")) + ", namespace="
                        + quote(text(split, "Namespace")) + ", partition=" + quote(text(split, "Partition")));
            }
        }
        int sum = splits.stream().mapToInt(s -> scaled(weight(s))).sum();
        if (sum != MAX_SCALED_WEIGHT) {
            throw new IllegalArgumentException("the sum of all split weights must be 100, not "
                    + String.format(Locale.ROOT, "%.6f", (double) ((float) sum / 100)));
        }
    }

    static float weight(Map<String, Object> split) {
        return split.get("Weight") instanceof Number n ? n.floatValue() : 0f;
    }

    /** NormalizeServiceSplitWeight: the weight in 0.01% steps, as a float32. */
    static float normalizedWeight(float weight) {
        return (float) scaled(weight) / 100.0f;
    }

    /** scaleWeight: a weight in 0.01% units, rounded half away from zero as Go's math.Round. */
    private static int scaled(float weight) {
        double x = (double) (weight * 100.0f);
        return (int) Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
    }

    /** ListRelatedServices: the other services the splits send traffic to, sorted. */
    static List<String> related(ConfigEntry entry) {
        Set<String> found = new TreeSet<>();
        objects(entry.body(), "Splits").forEach(s -> found.add(ServiceResolver.orName(text(s, "Service"),
                entry.name())));
        found.remove(entry.name());
        return List.copyOf(found);
    }
}
