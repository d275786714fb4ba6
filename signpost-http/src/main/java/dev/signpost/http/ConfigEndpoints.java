package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.client.GoDuration;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.ConfigEntryDelete;
import dev.signpost.core.command.ConfigEntrySet;
import dev.signpost.core.config.ChainGraph;
import dev.signpost.core.config.ConfigEntries;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.config.GatewayServices;
import dev.signpost.core.filter.Fields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/config} (agent/config_endpoint.go and the server's ConfigEntry RPCs): write, list, read and delete
 * config entries of the kinds {@link ConfigEntries} builds. Decoding problems are Consul's 400 "Request decoding
 * failed", validation problems its 500 with the kind's message. ACLs as each kind's CanRead and CanWrite:
 * service-defaults needs {@code service:read} / {@code service:write} on its name, proxy-defaults is readable by
 * anyone and written with {@code mesh:write} (or {@code operator:write} where no mesh rule is given),
 * service-intentions need {@code intention:read} / {@code intention:write} on their name (the destination),
 * service-resolver, -splitter and -router need {@code service:read} on their name to read, and to write
 * {@code service:write} on it plus {@code service:read} on every other service they send traffic to (Consul's
 * canWriteDiscoveryChain), gateway entries {@code service:read} on their name to read and {@code mesh:write} to
 * write, the mesh entry is readable by anyone and written with {@code mesh:write}, and exported-services need
 * {@code mesh:read} / {@code mesh:write} (each mesh rule falling back to the operator rule where none is given).
 * A write or delete is also checked against the stored entries as Consul's state store checks it: the discovery
 * chains it touches must compile ({@link #checkChains}) and gateways must fit their services
 * ({@link GatewayServices#refusal}).
 */
final class ConfigEndpoints {
    private static final String PREFIX = "/v1/config/";
    private static final Fields<ConfigEntry> SERVICE_DEFAULTS_FIELDS = Fields.<ConfigEntry>builder()
            .string("Kind", ConfigEntry::kind)
            .string("Name", ConfigEntry::name)
            .string("Protocol", e -> e.text("Protocol"))
            .string("Mode", e -> e.text("Mode"))
            .string("ExternalSNI", e -> e.text("ExternalSNI"))
            .string("BalanceInboundConnections", e -> e.text("BalanceInboundConnections"))
            .stringMap("Meta", ConfigEntry::meta)
            .build();

    private final Reads reads;

    ConfigEndpoints(Reads reads) {
        this.reads = requireNonNull(reads, "reads");
    }

    void addTo(Routes routes) {
        Guard write = Guard.filters(Resource.SERVICE, "service:write on a service-defaults, -resolver, -splitter or "
                + "-router name (and service:read on the services a chain entry sends to); intention:write on a "
                + "service-intentions name; mesh:write (else operator:write) for proxy-defaults, gateways, mesh and "
                + "exported-services");
        Guard read = Guard.filters(Resource.SERVICE, "service:read on a service-defaults, -resolver, -splitter, "
                + "-router or gateway name; intention:read on a service-intentions name; mesh:read (else operator:read) "
                + "for exported-services; proxy-defaults and mesh are readable by any token");
        routes.exact("PUT", "/v1/config", write, this::apply)
                .prefix("GET", PREFIX, read, this::get)
                .prefix("DELETE", PREFIX, write, this::delete);
    }

    /** Consul answers {@code true}, or with {@code ?cas=} whether the check-and-set applied. */
    private ApiResponse apply(ApiRequest request) {
        ConfigEntry decoded = ConfigEntries.decode(body(request.body()), GoDuration::parse);
        Optional<Long> cas = cas(request);
        ConfigEntry entry = validated(() -> ConfigEntries.normalized(decoded));
        requireWrite(request, entry.kind(), entry.name());
        for (String related : ConfigEntries.relatedServices(entry)) {
            if (!request.caller().authorizer().canRead(Resource.SERVICE, related)) {
                throw request.caller().denied(Resource.SERVICE, Access.READ, related);
            }
        }
        checkChains(reads, entry.kind(), entry.name(), Optional.of(entry));
        refuseInGraph(entry.kind(), entry.name(), Optional.of(entry));
        boolean applied = reads.registry().write(new ConfigEntrySet(entry, cas.isPresent(), cas.orElse(0L)))
                .result();
        return ApiResponse.json(Json.write(applied, request.has("pretty")));
    }

    private ApiResponse get(ApiRequest request) {
        String[] kindAndName = request.pathRest().split("/", 2);
        String kind = kindAndName[0];
        if (kindAndName.length == 1) {
            return list(request, kind);
        }
        String name = kindAndName[1];
        if (!ConfigEntries.supported(kind)) {
            throw new ApiException(500, ConfigEntries.unknownKind(kind));
        }
        if (!readable(request.caller().authorizer(), kind, name)) {
            if (kind.equals(ConfigEntries.EXPORTED_SERVICES)) {
                throw request.caller().denied(Resource.MESH, Access.READ, "");
            }
            throw request.caller().denied(kind.equals(ConfigEntries.SERVICE_INTENTIONS) ? Resource.INTENTION
                    : Resource.SERVICE, Access.READ, name);
        }
        var result = reads.read(request, Scope.of(Topic.CONFIG), s -> s.configEntry(kind, name));
        ConfigEntry entry = result.value().orElseThrow(() -> ApiException.notFound("Config entry not found for \""
                + kind + "\" / \"" + name + "\""));
        return ApiResponse.json(Json.write(tree(ConfigEntries.render(entry)), request.has("pretty")))
                .withHeaders(result.headers());
    }

    private ApiResponse list(ApiRequest request, String kind) {
        if (!kind.isEmpty() && !ConfigEntries.supported(kind)) {
            throw new ApiException(500, ConfigEntries.unknownKind(kind));
        }
        Filter<ConfigEntry> filter = filter(request, kind);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.CONFIG), s -> {
            Indexed<List<ConfigEntry>> all = s.configEntries(kind);
            Shown<List<ConfigEntry>> shown = Shown.list(all.value(), e -> readable(authz, e.kind(), e.name()));
            List<JsonNode> rendered = filter.apply(shown.value()).stream().map(e -> tree(ConfigEntries.render(e)))
                    .toList();
            return new Indexed<>(new Shown<>(rendered, shown.filtered()), all.index());
        });
        return Reads.json(request, result);
    }

    /** Consul filters service-defaults lists only; for another kind a filter is an error. */
    private static Filter<ConfigEntry> filter(ApiRequest request, String kind) {
        if (request.param("filter").filter(f -> !f.isEmpty()).isPresent()
                && !kind.equals(ConfigEntries.SERVICE_DEFAULTS)) {
            throw new ApiException(500, "filtering not supported for config entry kind=" + kind);
        }
        return FilterParam.of(request, SERVICE_DEFAULTS_FIELDS);
    }

    /** Consul answers {} , or with {@code ?cas=} whether the check-and-set deleted. */
    private ApiResponse delete(ApiRequest request) {
        String[] kindAndName = request.pathRest().split("/", 2);
        if (kindAndName.length != 2) {
            throw ApiException.notFound("Must provide both a kind and name to delete");
        }
        String kind = kindAndName[0];
        if (!ConfigEntries.supported(kind)) {
            throw ApiException.badRequest(ConfigEntries.unknownKind(kind));
        }
        Optional<Long> cas = cas(request);
        String name = validated(() -> ConfigEntries.normalizedName(kind, kindAndName[1]));
        requireWrite(request, kind, name);
        checkChains(reads, kind, name, Optional.empty());
        refuseInGraph(kind, name, Optional.empty());
        boolean deleted = reads.registry().write(new ConfigEntryDelete(kind, name, cas.isPresent(), cas.orElse(0L)))
                .result();
        return ApiResponse.json(cas.isPresent() ? Json.write(deleted, request.has("pretty")) : Json.write(Map.of(),
                request.has("pretty")));
    }

    /**
     * The discovery chains a write or delete touches must still compile, and L7 intentions need HTTP-like chains
     * (Consul answers its error with 500).
     */
    static void checkChains(Reads reads, String kind, String name, Optional<ConfigEntry> proposed) {
        validated(() -> reads.registry().read(Registry.ReadMode.DEFAULT, s -> {
            ChainGraph.validateProposed(kind, name, proposed, (k, n) -> s.configEntry(k, n).value(),
                    s.configEntries("").value());
            return true;
        }));
    }

    /** Consul's state-store checks of a write or delete against the other entries: its 500 with their words. */
    private void refuseInGraph(String kind, String name, Optional<ConfigEntry> next) {
        reads.registry().read(Registry.ReadMode.DEFAULT, s -> {
            BiFunction<String, String, Optional<ConfigEntry>> stored = (k, n) -> s.configEntry(k, n).value();
            return next.flatMap(entry -> GatewayServices.refusal(entry, stored)).or(() -> GatewayServices.graphRefusal(
                    kind, name, next, s.configEntries(ConfigEntries.INGRESS_GATEWAY).value(), stored));
        }).ifPresent(why -> {
            throw new ApiException(500, why);
        });
    }

    private static boolean readable(Authorizer authz, String kind, String name) {
        return switch (kind) {
            case ConfigEntries.SERVICE_DEFAULTS, ConfigEntries.SERVICE_RESOLVER, ConfigEntries.SERVICE_SPLITTER,
                 ConfigEntries.SERVICE_ROUTER -> authz.canRead(Resource.SERVICE, name);
            case ConfigEntries.SERVICE_INTENTIONS -> authz.canRead(Resource.INTENTION, name);
            case ConfigEntries.INGRESS_GATEWAY, ConfigEntries.TERMINATING_GATEWAY ->
                    authz.canRead(Resource.SERVICE, name);
            case ConfigEntries.EXPORTED_SERVICES -> authz.canReadMesh();
            default -> true;
        };
    }

    private static void requireWrite(ApiRequest request, String kind, String name) {
        Authorizer authz = request.caller().authorizer();
        if (kind.equals(ConfigEntries.PROXY_DEFAULTS) || GatewayServices.isGateway(kind)
                || kind.equals(ConfigEntries.MESH) || kind.equals(ConfigEntries.EXPORTED_SERVICES)) {
            if (!authz.canWriteMesh()) {
                throw request.caller().denied(Resource.MESH, Access.WRITE, "");
            }
        } else {
            Resource resource = kind.equals(ConfigEntries.SERVICE_INTENTIONS) ? Resource.INTENTION : Resource.SERVICE;
            if (!authz.canWrite(resource, name)) {
                throw request.caller().denied(resource, Access.WRITE, name);
            }
        }
    }

    /** {@code ?cas=}: Consul parses it with strconv.ParseUint and answers its error with 500. */
    private static Optional<Long> cas(ApiRequest request) {
        String text = request.param("cas").orElse("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            throw new ApiException(500, "strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
        }
    }

    /** Runs a normalise-and-validate; its IllegalArgumentException is Consul's 500 with the message. */
    static <T> T validated(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, e.getMessage());
        }
    }

    /**
     * A rendered entry as a JSON tree in the map's own order: the shared mapper sorts map keys, which Go does for
     * maps but not for a struct's fields.
     */
    static JsonNode tree(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                map.forEach((k, v) -> node.set((String) k, tree(v)));
                yield node;
            }
            case List<?> list -> {
                ArrayNode node = JsonNodeFactory.instance.arrayNode();
                list.forEach(v -> node.add(tree(v)));
                yield node;
            }
            case null -> JsonNodeFactory.instance.nullNode();
            // Consul writes the timeouts of resolvers and routes with Go's Duration.String.
            case java.time.Duration d -> JsonNodeFactory.instance.textNode(GoDuration.format(d));
            default -> Json.mapper().valueToTree(value);
        };
    }

    /** The body as Go decodes it into a map[string]interface{}. */
    private static Map<String, Object> body(byte[] body) {
        return jsonObject(body, "map[string]interface {}",
                why -> ApiException.badRequest("Request decoding failed: " + why));
    }

    /**
     * A JSON object body as Go decodes it into a value of {@code goType}; what went wrong (Go's words, e.g. "EOF")
     * is made an error by {@code failure}. A JSON null is an empty object.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(byte[] body, String goType, Function<String, ApiException> failure) {
        if (body.length == 0) {
            throw failure.apply("EOF");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            throw failure.apply(newline < 0 ? message : message.substring(0, newline));
        }
        if (node == null || node.isMissingNode()) {
            throw failure.apply("EOF");
        }
        if (!node.isObject()) {
            String type = node.isArray() ? "array" : node.isTextual() ? "string" : node.isNumber() ? "number"
                    : node.isBoolean() ? "bool" : "null";
            if (node.isNull()) {
                return Map.of();
            }
            throw failure.apply("json: cannot unmarshal " + type + " into Go value of type " + goType);
        }
        return Json.mapper().convertValue(node, Map.class);
    }
}
