package dev.signpost.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code service-intentions} kind as Consul OSS reads, normalises and validates it
 * (agent/structs/config_entry_intentions.go: ServiceIntentionsConfigEntry, SourceIntention, IntentionPermission).
 * The entry's name is the destination; each source says who may (or may not) connect, with an {@code Action} or
 * L7 {@code Permissions}. Namespaces, partitions and sameness groups are Enterprise and refused as Consul OSS
 * refuses them. Pure.
 */
final class ServiceIntentions {
    static final String WILDCARD = "*";
    static final String CONSUL = "consul";
    private static final int DESCRIPTION_MAX = 512;
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "CONNECT", "OPTIONS", "TRACE");

    /** An HTTP header match: Consul's IntentionHTTPHeaderPermission, and its route matches' same fields. */
    static final EntrySchema HEADER = EntrySchema.builder()
            .plain("Name", Type.STRING)
            .omit("Present", "", Type.BOOL)
            .omit("Exact", "", Type.STRING)
            .omit("Prefix", "", Type.STRING)
            .omit("Suffix", "", Type.STRING)
            .omit("Regex", "", Type.STRING)
            .omit("Invert", "", Type.BOOL).build();
    private static final EntrySchema HTTP = EntrySchema.builder()
            .omit("PathExact", "path_exact", Type.STRING)
            .omit("PathPrefix", "path_prefix", Type.STRING)
            .omit("PathRegex", "path_regex", Type.STRING)
            .structs("Header", "", HEADER)
            .omit("Methods", "", Type.STRING_LIST).build();
    private static final EntrySchema PERMISSION = EntrySchema.builder()
            .plain("Action", Type.STRING)
            .structPointer("HTTP", "", HTTP).build();
    private static final EntrySchema SOURCE = EntrySchema.builder()
            .plain("Name", Type.STRING)
            .omit("Action", "", Type.STRING)
            .structs("Permissions", "", PERMISSION)
            .plain("Precedence", Type.INT)
            .omit("LegacyID", "legacy_id", Type.STRING)
            .plain("Type", Type.STRING)
            .omit("Description", "", Type.STRING)
            .omit("LegacyMeta", "legacy_meta", Type.STRING_MAP)
            .pointer("LegacyCreateTime", "legacy_create_time", Type.STRING)
            .pointer("LegacyUpdateTime", "legacy_update_time", Type.STRING)
            .omit("Peer", "", Type.STRING)
            .omit("SamenessGroup", "sameness_group", Type.STRING).build();
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .structs("Sources", "", SOURCE)
            .omit("Meta", "", Type.STRING_MAP).build();

    private ServiceIntentions() {
    }

    /**
     * Normalize then Validate. A legacy write (the ID-based intention API) keeps the legacy fields and needs them;
     * any other write clears LegacyID and the legacy times, and refuses LegacyMeta.
     */
    static ConfigEntry normalized(ConfigEntry entry, boolean legacy) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Map<String, Object> given : sources(body)) {
            Map<String, Object> source = new LinkedHashMap<>(given);
            if (text(source, "Type").isEmpty()) {
                source.put("Type", CONSUL);
            }
            source.put("Precedence", (long) precedence(entry.name(), text(source, "Name")));
            if (legacy) {
                source.putIfAbsent("LegacyMeta", Map.of());
            } else {
                source.remove("LegacyID");
                source.remove("LegacyCreateTime");
                source.remove("LegacyUpdateTime");
            }
            if (source.get("Permissions") instanceof List<?> permissions) {
                source.put("Permissions", permissions.stream().map(p -> upperMethods(cast(p))).toList());
            }
            sources.add(source);
        }
        // Consul sorts stably: the sources nearer the head win.
        sources.sort(Comparator.comparingLong((Map<String, Object> s) -> (Long) s.get("Precedence")).reversed());
        if (body.containsKey("Sources")) {
            body.put("Sources", sources);
        }
        ConfigEntry normalized = entry.withBody(body);
        validate(normalized, legacy);
        return normalized;
    }

    /** One source decoded from a raw JSON object; mapstructure's problems are a 400 "Request decode failed". */
    static Map<String, Object> decodeSource(Map<String, Object> raw) {
        EntrySchema.Problems problems = new EntrySchema.Problems();
        Map<String, Object> source = SOURCE.decode(raw, "", problems, text -> {
            throw new IllegalArgumentException("no durations here");
        });
        if (!problems.errors.isEmpty()) {
            throw new InvalidRequestException("Request decode failed: " + problems.errors.getFirst());
        }
        return source;
    }

    /** One stored L7 permission as Go's encoding/json writes an IntentionPermission (omitempty fields left out). */
    static Map<String, Object> renderPermission(Object permission) {
        return PERMISSION.render(cast(permission));
    }

    /** Consul's computeIntentionPrecedence with the one OSS namespace: 9 exact to exact, down to 5 for * to *. */
    static int precedence(String destination, String source) {
        int max = destination.equals(WILDCARD) ? 6 : 9;
        return max - (source.equals(WILDCARD) ? 1 : 0);
    }

    private static Map<String, Object> upperMethods(Map<String, Object> permission) {
        if (!(permission.get("HTTP") instanceof Map<?, ?> http) || !(http.get("Methods") instanceof List<?> methods)) {
            return permission;
        }
        Map<String, Object> upper = new LinkedHashMap<>(cast(http));
        upper.put("Methods", methods.stream().map(m -> ((String) m).toUpperCase(Locale.ROOT)).toList());
        Map<String, Object> out = new LinkedHashMap<>(permission);
        out.put("HTTP", upper);
        return out;
    }

    private static void validate(ConfigEntry entry, boolean legacy) {
        ConfigEntries.requireName(entry);
        String name = entry.name();
        wildcards(name).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        if (legacy) {
            if (!entry.meta().isEmpty()) {
                throw new IllegalArgumentException("Meta must be omitted for legacy intention writes");
            }
        } else {
            ConfigEntries.failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        }
        List<Map<String, Object>> sources = sources(entry.body());
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("At least one source is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> source = sources.get(i);
            validateSource(i, source, name.equals(WILDCARD), legacy);
            String peer = text(source, "Peer");
            String sourceName = text(source, "Name");
            if (!seen.add(peer + "\u0000" + sourceName)) {
                throw new IllegalArgumentException("Sources[" + i + "] defines "
                        + (peer.isEmpty() ? "" : "peer(" + ConfigEntries.quote(peer) + ") ")
                        + ConfigEntries.quote(sourceName) + " more than once");
            }
        }
    }

    private static void validateSource(int i, Map<String, Object> source, boolean wildDestination, boolean legacy) {
        String at = "Sources[" + i + "]";
        String name = text(source, "Name");
        if (name.isEmpty()) {
            fail(at + ".Name is required");
        }
        if (!text(source, "SamenessGroup").isEmpty()) {
            fail(at + ".SamenessGroup: Sameness groups are a Consul Enterprise feature. ");
        }
        wildcards(name).ifPresent(why -> fail(at + "." + why));
        String peer = text(source, "Peer");
        if (peer.contains(WILDCARD)) {
            fail(at + ".Peer: cannot use wildcard '*' in peer");
        }
        if (text(source, "Description").length() > DESCRIPTION_MAX) {
            fail(at + ".Description exceeds maximum length " + DESCRIPTION_MAX);
        }
        Map<String, String> legacyMeta = stringMap(source, "LegacyMeta");
        if (legacy) {
            if (!peer.isEmpty()) {
                fail(at + ".Peer cannot be set by legacy intentions");
            }
            List<String> metaErrors = ConfigEntries.meta(legacyMeta, new ArrayList<>());
            if (!metaErrors.isEmpty()) {
                fail(at + "." + metaErrors.getFirst());
            }
            if (!source.containsKey("LegacyCreateTime")) {
                fail(at + ".LegacyCreateTime must be set");
            }
            if (!source.containsKey("LegacyUpdateTime")) {
                fail(at + ".LegacyUpdateTime must be set");
            }
            if (text(source, "LegacyID").isEmpty()) {
                fail(at + ".LegacyID must be set");
            }
        } else if (!legacyMeta.isEmpty()) {
            fail(at + ".LegacyMeta must be omitted");
        }
        List<Map<String, Object>> permissions = list(source, "Permissions");
        String action = text(source, "Action");
        if ((legacy || permissions.isEmpty()) && !isAction(action)) {
            fail(at + ".Action must be set to 'allow' or 'deny'");
        }
        if (!permissions.isEmpty() && !action.isEmpty()) {
            fail(at + ".Action must be omitted if Permissions are specified");
        }
        if (wildDestination && !permissions.isEmpty()) {
            fail(at + ".Permissions cannot be specified on intentions with wildcarded destinations");
        }
        if (!text(source, "Type").equals(CONSUL)) {
            fail(at + ".Type must be set to 'consul'");
        }
        for (int j = 0; j < permissions.size(); j++) {
            validatePermission(at + ".Permissions[" + j + "]", permissions.get(j));
        }
    }

    private static void validatePermission(String at, Map<String, Object> permission) {
        if (!isAction(text(permission, "Action"))) {
            fail(at + ".Action must be set to 'allow' or 'deny'");
        }
        if (!(permission.get("HTTP") instanceof Map<?, ?> raw)) {
            fail(at + ".HTTP is required");
            return;
        }
        Map<String, Object> http = cast(raw);
        int parts = 0;
        for (String path : List.of("PathExact", "PathPrefix", "PathRegex")) {
            String value = text(http, path);
            if (value.isEmpty()) {
                continue;
            }
            parts++;
            if (!path.equals("PathRegex") && !value.startsWith("/")) {
                fail(at + ".HTTP." + path + " doesn't start with '/': " + ConfigEntries.quote(value));
            }
        }
        if (parts > 1) {
            fail(at + ".HTTP should only contain at most one of PathExact, PathPrefix, or PathRegex");
        }
        List<Map<String, Object>> headers = list(http, "Header");
        for (int k = 0; k < headers.size(); k++) {
            Map<String, Object> header = headers.get(k);
            if (text(header, "Name").isEmpty()) {
                fail(at + ".HTTP.Header[" + k + "] missing required Name field");
            }
            long matchers = (Boolean.TRUE.equals(header.get("Present")) ? 1 : 0)
                    + List.of("Exact", "Regex", "Prefix", "Suffix").stream()
                    .filter(f -> !text(header, f).isEmpty()).count();
            if (matchers != 1) {
                fail(at + ".HTTP.Header[" + k + "] should only contain one of Present, Exact, Prefix, Suffix, or "
                        + "Regex");
            }
            parts++;
        }
        if (http.get("Methods") instanceof List<?> methods && !methods.isEmpty()) {
            Set<Object> found = new HashSet<>();
            for (Object method : methods) {
                if (!HTTP_METHODS.contains(method)) {
                    fail(at + ".HTTP.Methods contains an invalid method " + ConfigEntries.quote((String) method));
                }
                if (!found.add(method)) {
                    fail(at + ".HTTP.Methods contains " + ConfigEntries.quote((String) method) + " more than once");
                }
            }
            parts++;
        }
        if (parts == 0) {
            fail(at + ".HTTP should not be empty");
        }
    }

    /** validateIntentionWildcards for a name in the one OSS namespace: "*" alone, or no "*" at all. */
    private static Optional<String> wildcards(String name) {
        return !name.equals(WILDCARD) && name.contains(WILDCARD)
                ? Optional.of("Name: wildcard character '*' cannot be used with partial values")
                : Optional.empty();
    }

    private static boolean isAction(String action) {
        return action.equals("allow") || action.equals("deny");
    }

    private static void fail(String message) {
        throw new IllegalArgumentException(message);
    }

    static List<Map<String, Object>> sources(Map<String, Object> body) {
        return list(body, "Sources");
    }

    static String text(Map<String, Object> map, String field) {
        return map.get(field) instanceof String s ? s : "";
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> stringMap(Map<String, Object> map, String field) {
        return map.get(field) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    private static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return map.get(field) instanceof List<?> l ? l.stream().map(ServiceIntentions::cast).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
