package dev.signpost.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.config.EntrySchema.Type;

/**
 * The config entry kinds Signpost stores, read, normalised, validated and written back as Consul does
 * (agent/structs/config_entry.go: DecodeConfigEntry, each kind's Normalize and Validate, and its JSON). Kinds not
 * built here are refused with Consul's words for an unknown kind, never stored. Pure; thread-safe.
 */
public final class ConfigEntries {
    public static final String SERVICE_DEFAULTS = "service-defaults";
    public static final String PROXY_DEFAULTS = "proxy-defaults";
    public static final String SERVICE_INTENTIONS = "service-intentions";
    public static final String SERVICE_RESOLVER = "service-resolver";
    public static final String SERVICE_SPLITTER = "service-splitter";
    public static final String SERVICE_ROUTER = "service-router";
    /** The kinds of a discovery chain, which Consul guards and validates together. */
    public static final Set<String> CHAIN_KINDS = Set.of(SERVICE_RESOLVER, SERVICE_SPLITTER, SERVICE_ROUTER);
    public static final String INGRESS_GATEWAY = "ingress-gateway";
    public static final String TERMINATING_GATEWAY = "terminating-gateway";
    public static final String MESH = "mesh";
    public static final String EXPORTED_SERVICES = "exported-services";
    /** The only name a proxy-defaults entry may have. */
    public static final String GLOBAL = "global";

    private static final EntrySchema MESH_GATEWAY = EntrySchema.builder().omit("Mode", "", Type.STRING).build();
    private static final EntrySchema TRANSPARENT_PROXY = EntrySchema.builder()
            .omit("OutboundListenerPort", "outbound_listener_port", Type.INT)
            .omit("DialedDirectly", "dialed_directly", Type.BOOL).build();
    private static final EntrySchema EXPOSE_PATH = EntrySchema.builder()
            .omit("ListenerPort", "listener_port", Type.INT)
            .omit("Path", "", Type.STRING)
            .omit("LocalPathPort", "local_path_port", Type.INT)
            .omit("Protocol", "", Type.STRING)
            .omit("ParsedFromCheck", "parsed_from_check", Type.BOOL).build();
    private static final EntrySchema EXPOSE = EntrySchema.builder()
            .omit("Checks", "", Type.BOOL)
            .structs("Paths", "", EXPOSE_PATH).build();
    private static final EntrySchema LIMITS = EntrySchema.builder()
            .pointer("MaxConnections", "max_connections", Type.INT)
            .pointer("MaxPendingRequests", "max_pending_requests", Type.INT)
            .pointer("MaxConcurrentRequests", "max_concurrent_requests", Type.INT).build();
    static final EntrySchema PASSIVE_HEALTH_CHECK = EntrySchema.builder()
            .omit("Interval", "", Type.DURATION)
            .omit("MaxFailures", "max_failures", Type.UINT32)
            .pointer("EnforcingConsecutive5xx", "enforcing_consecutive_5xx", Type.UINT32).build();
    private static final EntrySchema UPSTREAM = EntrySchema.builder()
            .omit("Name", "", Type.STRING)
            .omit("EnvoyListenerJSON", "envoy_listener_json", Type.STRING)
            .omit("EnvoyClusterJSON", "envoy_cluster_json", Type.STRING)
            .omit("Protocol", "", Type.STRING)
            .omit("ConnectTimeoutMs", "connect_timeout_ms", Type.INT)
            .structPointer("Limits", "", LIMITS)
            .structPointer("PassiveHealthCheck", "passive_health_check", PASSIVE_HEALTH_CHECK)
            .struct("MeshGateway", "mesh_gateway", MESH_GATEWAY)
            .omit("BalanceOutboundConnections", "balance_outbound_connections", Type.STRING).build();
    private static final EntrySchema UPSTREAM_CONFIGURATION = EntrySchema.builder()
            .structs("Overrides", "", UPSTREAM)
            .structPointer("Defaults", "", UPSTREAM).build();
    private static final EntrySchema DESTINATION = EntrySchema.builder()
            .omit("Addresses", "", Type.STRING_LIST)
            .omit("Port", "", Type.INT).build();

    private static final EntrySchema SERVICE = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .plain("Protocol", Type.STRING)
            .omit("Mode", "", Type.STRING)
            .struct("TransparentProxy", "transparent_proxy", TRANSPARENT_PROXY)
            .struct("MeshGateway", "mesh_gateway", MESH_GATEWAY)
            .struct("Expose", "", EXPOSE)
            .omit("ExternalSNI", "external_sni", Type.STRING)
            .structPointer("UpstreamConfig", "upstream_config", UPSTREAM_CONFIGURATION)
            .structPointer("Destination", "", DESTINATION)
            .omit("MaxInboundConnections", "max_inbound_connections", Type.INT)
            .omit("LocalConnectTimeoutMs", "local_connect_timeout_ms", Type.INT)
            .omit("LocalRequestTimeoutMs", "local_request_timeout_ms", Type.INT)
            .omit("BalanceInboundConnections", "balance_inbound_connections", Type.STRING)
            .omit("Meta", "", Type.STRING_MAP).build();
    private static final EntrySchema PROXY = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .plain("Config", Type.ANY_MAP)
            .omit("Mode", "", Type.STRING)
            .struct("TransparentProxy", "transparent_proxy", TRANSPARENT_PROXY)
            .struct("MeshGateway", "mesh_gateway", MESH_GATEWAY)
            .struct("Expose", "", EXPOSE)
            .omit("Meta", "", Type.STRING_MAP).build();

    private static final Map<String, EntrySchema> SCHEMAS = Map.of(SERVICE_DEFAULTS, SERVICE, PROXY_DEFAULTS, PROXY,
            SERVICE_INTENTIONS, ServiceIntentions.SCHEMA, SERVICE_RESOLVER, ServiceResolver.SCHEMA,
            SERVICE_SPLITTER, ServiceSplitter.SCHEMA, SERVICE_ROUTER, ServiceRouter.SCHEMA, INGRESS_GATEWAY,
            IngressGateway.SCHEMA, TERMINATING_GATEWAY, TerminatingGateway.SCHEMA, MESH, Mesh.SCHEMA,
            EXPORTED_SERVICES, ExportedServices.SCHEMA);
    private static final int META_MAX_PAIRS = 64;
    private static final int META_KEY_MAX = 128;
    private static final int META_VALUE_MAX = 512;

    private ConfigEntries() {
    }

    /** True for the kinds stored here. */
    public static boolean supported(String kind) {
        return SCHEMAS.containsKey(kind);
    }

    /** The kinds stored here. */
    public static Set<String> kinds() {
        return SCHEMAS.keySet();
    }

    /** Consul's words for a kind it does not know (structs.MakeConfigEntry); also said for kinds not built here. */
    public static String unknownKind(String kind) {
        return "invalid config entry kind: " + kind;
    }

    /**
     * A request body as Consul's DecodeConfigEntry reads it: the kind from {@code Kind} or {@code kind}, every
     * other key into the kind's fields. Throws InvalidRequestException with Consul's 400 text ("Request decoding
     * failed: ...") for a missing or unknown kind, a value of the wrong type, or a key no field takes.
     *
     * @param durations Go's time.ParseDuration, its IllegalArgumentException message Go's
     */
    public static ConfigEntry decode(Map<String, Object> raw, Function<String, Duration> durations) {
        requireNonNull(raw, "raw");
        Object kindValue = raw.containsKey("Kind") ? raw.get("Kind") : raw.get("kind");
        if (!raw.containsKey("Kind") && !raw.containsKey("kind")) {
            throw decoding("Payload does not contain a kind/Kind key at the top level");
        }
        if (!(kindValue instanceof String kind)) {
            throw decoding("Kind value in payload is not a string");
        }
        EntrySchema schema = SCHEMAS.get(kind);
        if (schema == null) {
            throw decoding(unknownKind(kind));
        }
        EntrySchema.Problems problems = new EntrySchema.Problems();
        Map<String, Object> body = schema.decode(raw, "", problems, durations);
        if (!problems.errors.isEmpty()) {
            throw decoding(mapstructureErrors(problems.errors));
        }
        List<String> unused = new ArrayList<>();
        for (String key : problems.unused) {
            if (key.equals("CreateIndex") || key.equals("ModifyIndex") || key.equals("kind") || key.equals("Kind")) {
                continue;
            }
            unused.add(key.toLowerCase(Locale.ROOT).endsWith("namespace")
                    ? "invalid config key " + quote(key) + ", namespaces are a consul enterprise feature"
                    : "invalid config key " + quote(key));
        }
        if (!unused.isEmpty()) {
            throw decoding(multiError(unused));
        }
        body.remove("Kind");
        Object name = body.remove("Name");
        return new ConfigEntry(kind, name == null ? "" : (String) name, body, 0, 0);
    }

    /** mapstructure's text for its decoding errors, sorted. */
    static String mapstructureErrors(List<String> errors) {
        List<String> sorted = errors.stream().map(e -> "* " + e).sorted().toList();
        return errors.size() + " error(s) decoding:\n\n" + String.join("\n", sorted);
    }

    static InvalidRequestException decoding(String why) {
        return new InvalidRequestException("Request decoding failed: " + why);
    }

    /**
     * The entry as Consul stores it after its kind's Normalize and Validate (ConfigEntry.Apply), or
     * IllegalArgumentException with Consul's message, which its HTTP API answers with 500.
     */
    public static ConfigEntry normalized(ConfigEntry entry) {
        return switch (entry.kind()) {
            case SERVICE_DEFAULTS -> ServiceDefaults.normalized(entry);
            case PROXY_DEFAULTS -> proxyDefaults(entry);
            case SERVICE_INTENTIONS -> ServiceIntentions.normalized(entry, false);
            case SERVICE_RESOLVER -> ServiceResolver.normalized(entry);
            case SERVICE_SPLITTER -> ServiceSplitter.normalized(entry);
            case SERVICE_ROUTER -> ServiceRouter.normalized(entry);
            case INGRESS_GATEWAY -> IngressGateway.normalized(entry);
            case TERMINATING_GATEWAY -> TerminatingGateway.normalized(entry);
            case MESH -> Mesh.normalized(entry);
            case EXPORTED_SERVICES -> ExportedServices.normalized(entry);
            default -> throw new IllegalArgumentException(unknownKind(entry.kind()));
        };
    }

    /**
     * A discovery chain entry's ListRelatedServices: the other services it sends traffic to, sorted; empty for the
     * other kinds.
     */
    public static List<String> relatedServices(ConfigEntry entry) {
        return switch (entry.kind()) {
            case SERVICE_RESOLVER -> ServiceResolver.related(entry);
            case SERVICE_SPLITTER -> ServiceSplitter.related(entry);
            case SERVICE_ROUTER -> ServiceRouter.related(entry);
            default -> List.of();
        };
    }

    /**
     * A service-intentions entry as the ID-based (legacy) intention API writes it: Consul's LegacyNormalize and
     * LegacyValidate, which keep and require each source's LegacyID and legacy times.
     */
    public static ConfigEntry normalizedLegacy(ConfigEntry entry) {
        if (!entry.kind().equals(SERVICE_INTENTIONS)) {
            throw new IllegalArgumentException(unknownKind(entry.kind()));
        }
        return ServiceIntentions.normalized(entry, true);
    }

    /**
     * A name as the kind's Normalize makes it, for deletes (proxy-defaults: "" is "global"; mesh: every name is
     * "mesh", as Consul deletes the entry its MeshConfigEntry names whatever the path says).
     */
    public static String normalizedName(String kind, String name) {
        if (kind.equals(MESH)) {
            return Mesh.NAME;
        }
        if (kind.equals(PROXY_DEFAULTS)) {
            if (!name.isEmpty() && !name.equals(GLOBAL)) {
                throw new IllegalArgumentException(proxyName(name));
            }
            return GLOBAL;
        }
        return name;
    }

    private static ConfigEntry proxyDefaults(ConfigEntry entry) {
        String name = normalizedName(PROXY_DEFAULTS, entry.name());
        failIf(meta(entry.meta(), new ArrayList<>()));
        return new ConfigEntry(PROXY_DEFAULTS, name, entry.body(), entry.createIndex(), entry.modifyIndex());
    }

    private static String proxyName(String name) {
        return "invalid name (" + quote(name) + "), only " + quote(GLOBAL) + " is supported";
    }

    /** validateConfigEntryMeta: adds its problems to {@code errors}. */
    static List<String> meta(Map<String, String> meta, List<String> errors) {
        if (meta.size() > META_MAX_PAIRS) {
            errors.add("Meta exceeds maximum element count " + META_MAX_PAIRS);
        }
        meta.forEach((k, v) -> {
            if (k.length() > META_KEY_MAX) {
                errors.add("Meta key " + quote(k) + " exceeds maximum length " + META_KEY_MAX);
            }
            if (v.length() > META_VALUE_MAX) {
                errors.add("Meta value for key " + quote(k) + " exceeds maximum length " + META_VALUE_MAX);
            }
        });
        return errors;
    }

    /** go-multierror's text for one or more errors. */
    static String multiError(List<String> errors) {
        return errors.size() == 1 ? "1 error occurred:\n\t* " + errors.getFirst() + "\n\n"
                : errors.size() + " errors occurred:\n\t* " + String.join("\n\t* ", errors) + "\n\n";
    }

    /** Consul's first check of every named kind's Validate. */
    static void requireName(ConfigEntry entry) {
        if (entry.name().isEmpty()) {
            throw new IllegalArgumentException("Name is required");
        }
    }

    /** Throws go-multierror's text as IllegalArgumentException when there are errors. */
    static void failIf(List<String> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(multiError(errors));
        }
    }

    /** The entry as Consul's HTTP API writes it: its struct's JSON with CreateIndex and ModifyIndex. */
    public static Map<String, Object> render(ConfigEntry entry) {
        Map<String, Object> full = new LinkedHashMap<>(entry.body());
        full.put("Kind", entry.kind());
        full.put("Name", entry.name());
        Map<String, Object> out = SCHEMAS.get(entry.kind()).render(full);
        out.put("CreateIndex", entry.createIndex());
        out.put("ModifyIndex", entry.modifyIndex());
        return out;
    }

    /** Go's %q for the strings quoted in Consul's messages. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
