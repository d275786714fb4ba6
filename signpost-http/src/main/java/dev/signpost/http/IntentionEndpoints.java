package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.ConfigEntryDelete;
import dev.signpost.core.command.ConfigEntrySet;
import dev.signpost.core.config.ConfigEntries;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.config.Intention;
import dev.signpost.core.config.Intentions;
import dev.signpost.core.filter.Fields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/connect/intentions} as Consul 1.20 serves it (agent/intentions_endpoint.go and the Intention RPCs of
 * agent/consul/intention_endpoint.go): list, {@code /exact} read, upsert and delete, {@code /match},
 * {@code /check}, and the deprecated ID-based create, read, update and delete. Intentions live in
 * {@code service-intentions} config entries ({@link Intentions} reads and changes them); a write reads the
 * destination's entry, computes the new one and writes it with a check-and-set on the entry's index, again on a
 * lost race, so concurrent writers never lose a source.
 *
 * <p>ACLs as Consul's: an intention is shown to a token with {@code intentions} read on its source or destination;
 * writes need {@code intentions} write on the destination (refused with the bare "Permission denied"); match needs
 * read on each name; check needs {@code service:read} on the destination, and where no intention matches answers
 * what the ACL default policy implies.
 */
final class IntentionEndpoints {
    private static final String BASE = "/v1/connect/intentions";
    private static final String KIND = ConfigEntries.SERVICE_INTENTIONS;
    private static final int CAS_ATTEMPTS = 16;
    private static final Fields<Intention> FIELDS = Fields.<Intention>builder()
            .string("ID", Intention::id)
            .string("Description", Intention::description)
            .string("SourcePeer", Intention::sourcePeer)
            .string("SourceNS", i -> Intention.DEFAULT_NAMESPACE)
            .string("SourceName", Intention::sourceName)
            .string("DestinationNS", i -> Intention.DEFAULT_NAMESPACE)
            .string("DestinationName", Intention::destinationName)
            .string("SourceType", Intention::sourceType)
            .string("Action", Intention::action)
            .stringMap("Meta", Intention::meta)
            .integer("Precedence", 64, Intention::precedence)
            .build();

    private final Reads reads;
    private final Clock clock;
    private final Supplier<String> ids;

    /** @param ids new legacy intention IDs (UUIDs) */
    IntentionEndpoints(Reads reads, Clock clock, Supplier<String> ids) {
        this.reads = requireNonNull(reads, "reads");
        this.clock = requireNonNull(clock, "clock");
        this.ids = requireNonNull(ids, "ids");
    }

    void addTo(Routes routes) {
        Guard read = Guard.filters(Resource.INTENTION, "intentions read on the source or destination of each shown");
        Guard write = Guard.filters(Resource.INTENTION, "intentions write on the destination");
        routes.exact("GET", BASE, read, this::list)
                .exact("POST", BASE, write, this::legacyCreate)
                .exact("GET", BASE + "/exact", read, this::getExact)
                .exact("PUT", BASE + "/exact", write, this::putExact)
                .exact("DELETE", BASE + "/exact", write, this::deleteExact)
                .exact("GET", BASE + "/match", Guard.filters(Resource.INTENTION, "intentions read on each name"),
                        this::match)
                .exact("GET", BASE + "/check", Guard.filters(Resource.SERVICE, "service:read on the destination"),
                        this::check)
                .prefix("GET", BASE + "/", read, this::legacyGet)
                .prefix("PUT", BASE + "/", write, this::legacyUpdate)
                .prefix("DELETE", BASE + "/", write, this::legacyDelete);
    }

    private ApiResponse list(ApiRequest request) {
        Filter<Intention> filter = FilterParam.of(request, FIELDS);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.CONFIG), s -> {
            Indexed<List<ConfigEntry>> entries = s.configEntries(KIND);
            List<Intention> all = filter.apply(Intentions.all(entries.value()));
            Shown<List<Intention>> shown = Shown.list(all, i -> readable(authz, i));
            return new Indexed<>(new Shown<>(ConfigEndpoints.tree(shown.value().stream().map(Intention::render)
                    .toList()), shown.filtered()), entries.index());
        });
        return Reads.json(request, result);
    }

    /** Consul reads a peer's source here ({@code peer:NAME/service}), and only here. */
    private ApiResponse getExact(ApiRequest request) {
        List<String> sources = request.params("source");
        String given = sources.size() == 1 ? sources.getFirst() : "";
        String peer = given.startsWith("peer:") && given.indexOf('/') > 0
                ? given.substring("peer:".length(), given.indexOf('/')) : "";
        String source = peer.isEmpty() ? required(request, "source", false)
                : IntentionBody.serviceName(given.substring(given.indexOf('/') + 1), "source");
        String destination = required(request, "destination", false);
        return shown(request, s -> {
            Indexed<Optional<ConfigEntry>> entry = s.configEntry(KIND, destination);
            return new Indexed<>(Intentions.exact(entry.value(), peer, source), entry.index());
        });
    }

    private ApiResponse putExact(ApiRequest request) {
        String source = required(request, "source", true);
        String destination = required(request, "destination", true);
        Map<String, Object> body = IntentionBody.read(request.body(), "Request decode failed: ");
        requireWrite(request, destination);
        Map<String, String> meta = IntentionBody.meta(body);
        Map<String, Object> fields = IntentionBody.source(body, source, false);
        change(destination, existing -> {
            if (!meta.isEmpty() && existing.map(e -> !e.meta().equals(meta)).orElse(true)) {
                throw new ApiException(500, existing.isEmpty() ? "Meta must not be specified"
                        : "Meta must not be specified, or should be unchanged during an update.");
            }
            return Optional.of(Intentions.upsert(existing, destination, fields));
        });
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    private ApiResponse deleteExact(ApiRequest request) {
        String source = required(request, "source", true);
        String destination = required(request, "destination", true);
        requireWrite(request, destination);
        change(destination, existing -> existing.isEmpty() || Intentions.exact(existing, source).isEmpty()
                ? existing // by-name deletions are idempotent
                : Intentions.withoutSource(existing.get(), source));
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    private ApiResponse match(ApiRequest request) {
        List<String> by = request.params("by");
        if (by.size() != 1) {
            throw new ApiException(500, "required query parameter 'by' not set");
        }
        Intentions.By side = switch (by.getFirst()) {
            case "source" -> Intentions.By.SOURCE;
            case "destination" -> Intentions.By.DESTINATION;
            default -> throw new ApiException(500, "'by' parameter must be one of 'source' or 'destination'");
        };
        List<String> names = request.params("name");
        if (names.isEmpty()) {
            throw new ApiException(500, "required query parameter 'name' not set");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String name : names) {
            parsed.put(name, IntentionBody.serviceName(name, "name"));
        }
        for (String name : parsed.values()) {
            request.caller().require(Resource.INTENTION, Access.READ, name);
        }
        var result = reads.read(request, Scope.of(Topic.CONFIG), s -> {
            Indexed<List<ConfigEntry>> entries = s.configEntries(KIND);
            Map<String, Object> matches = new TreeMap<>();
            parsed.forEach((given, name) -> {
                List<Intention> found = Intentions.match(entries.value(), side, name);
                matches.put(given, found.isEmpty() ? null : found.stream().map(Intention::render).toList());
            });
            return new Indexed<>(ConfigEndpoints.tree(matches), entries.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse check(ApiRequest request) {
        String type = request.param("source-type").orElse("consul");
        String sourceName = required(request, "source", false);
        String destinationName = required(request, "destination", false);
        if (!type.equals("consul")) {
            throw new ApiException(500, "unsupported SourceType: " + quote(type));
        }
        request.caller().require(Resource.SERVICE, Access.READ, destinationName);
        boolean byDefault = request.caller().authorizer().intentionDefaultAllow();
        boolean allowed = reads.registry().read(QueryOptions.parse(request, reads.datacenter()).mode(),
                s -> Intentions.allowed(s.configEntries(KIND).value(), sourceName, destinationName, byDefault));
        return ApiResponse.json(Json.write(Map.of("Allowed", allowed), request.has("pretty")));
    }

    // ---- the deprecated ID-based API

    private ApiResponse legacyCreate(ApiRequest request) {
        Map<String, Object> body = IntentionBody.read(request.body(), "Failed to decode request body: ");
        String destination = IntentionBody.text(body, "DestinationName");
        String source = IntentionBody.text(body, "SourceName");
        requireWrite(request, destination);
        if (!IntentionBody.text(body, "ID").isEmpty()) {
            throw new ApiException(500, "ID must be empty when creating a new intention");
        }
        Map<String, Object> fields = IntentionBody.source(body, source, true);
        Intentions.legacyProblems(source, destination, fields).ifPresent(why -> {
            throw new ApiException(500, why);
        });
        String id = ids.get();
        String now = Intentions.goTime(clock.instant());
        fields.put("LegacyID", id);
        fields.put("LegacyCreateTime", now);
        fields.put("LegacyUpdateTime", now);
        change(destination, existing -> Optional.of(Intentions.legacyCreate(existing, destination, fields)));
        return ApiResponse.json(Json.write(Map.of("ID", id), request.has("pretty")));
    }

    private ApiResponse legacyGet(ApiRequest request) {
        String id = request.pathRest();
        IntentionBody.requireUuid(id);
        return shown(request, s -> {
            Indexed<List<ConfigEntry>> entries = s.configEntries(KIND);
            return new Indexed<>(Intentions.byId(entries.value(), id), entries.index());
        });
    }

    private ApiResponse legacyUpdate(ApiRequest request) {
        String id = notAnEndpoint(request);
        Map<String, Object> body = IntentionBody.read(request.body(), "Request decode failed: ");
        Intention old = legacyIntention(request, id, "modify");
        String destination = IntentionBody.text(body, "DestinationName");
        if (!destination.equals(old.destinationName())) {
            throw new ApiException(500, "Cannot modify Destination partition/namespace/name for an intention once "
                    + "it exists.");
        }
        String source = IntentionBody.text(body, "SourceName");
        Map<String, Object> fields = IntentionBody.source(body, source, true);
        Intentions.legacyProblems(source, destination, fields).ifPresent(why -> {
            throw new ApiException(500, why);
        });
        fields.put("LegacyID", id);
        fields.put("LegacyUpdateTime", Intentions.goTime(clock.instant()));
        change(destination, existing -> Intentions.legacyReplace(existing.orElseThrow(), id, Optional.of(fields)));
        return ApiResponse.json(Json.write(Map.of("ID", id), request.has("pretty")));
    }

    private ApiResponse legacyDelete(ApiRequest request) {
        String id = notAnEndpoint(request);
        Intention old = legacyIntention(request, id, "delete");
        change(old.destinationName(), existing -> Intentions.legacyReplace(existing.orElseThrow(), id,
                Optional.empty()));
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    /** The legacy intention an update or delete names, which the token may write; Consul's 500s otherwise. */
    private Intention legacyIntention(ApiRequest request, String id, String verb) {
        if (id.length() != 36) {
            throw new ApiException(500, "Intention lookup failed: failed config entry lookup: UUID must be 36 "
                    + "characters");
        }
        Intention old = reads.registry().read(Registry.ReadMode.DEFAULT, s -> Intentions.byId(
                s.configEntries(KIND).value(), id)).orElseThrow(() -> new ApiException(500, "Cannot " + verb
                + " non-existent intention: '" + id + "'"));
        requireWrite(request, old.destinationName());
        return old;
    }

    /** {@code /exact}, {@code /match} and {@code /check} answer only their own methods (Consul: 405). */
    private static String notAnEndpoint(ApiRequest request) {
        String id = request.pathRest();
        if (id.equals("exact") || id.equals("match") || id.equals("check")) {
            throw new ApiException(405, "method " + request.method() + " not allowed");
        }
        return id;
    }

    // ---- shared

    /** One intention, blocking and with Consul's 404 and 403 (an intention the token may not read). */
    private ApiResponse shown(ApiRequest request, Function<CatalogState, Indexed<Optional<Intention>>> query) {
        var result = reads.read(request, Scope.of(Topic.CONFIG), query);
        Intention found = result.value().orElseThrow(() -> ApiException.notFound("Intention not found"));
        if (!readable(request.caller().authorizer(), found)) {
            throw PermissionDeniedException.plain();
        }
        return ApiResponse.json(Json.write(ConfigEndpoints.tree(found.render()), request.has("pretty")))
                .withHeaders(result.headers());
    }

    /**
     * Writes the destination's entry as {@code change} makes it from the current one (empty: delete it), with a
     * check-and-set on the index read, read again and retried when another write came between.
     */
    private void change(String destination, Function<Optional<ConfigEntry>, Optional<ConfigEntry>> change) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<ConfigEntry> existing = reads.registry().read(Registry.ReadMode.DEFAULT,
                    s -> s.configEntry(KIND, destination).value());
            Optional<ConfigEntry> next = ConfigEndpoints.validated(() -> change.apply(existing));
            if (next.equals(existing)) {
                return;
            }
            ConfigEndpoints.checkChains(reads, KIND, destination, next);
            long index = existing.map(ConfigEntry::modifyIndex).orElse(0L);
            boolean applied = next.isPresent()
                    ? reads.registry().write(new ConfigEntrySet(next.get(), true, index)).result()
                    : reads.registry().write(new ConfigEntryDelete(KIND, destination, true, index)).result();
            if (applied) {
                return;
            }
        }
        throw new ApiException(500, "intention write lost " + CAS_ATTEMPTS + " races for " + quote(destination));
    }

    private static boolean readable(Authorizer authz, Intention intention) {
        return authz.canRead(Resource.INTENTION, intention.sourceName())
                || authz.canRead(Resource.INTENTION, intention.destinationName());
    }

    private static void requireWrite(ApiRequest request, String destination) {
        if (destination.isEmpty() || !request.caller().authorizer().canWrite(Resource.INTENTION, destination)) {
            throw PermissionDeniedException.plain();
        }
    }

    /** A query parameter given once (and, where {@code nonEmpty}, not empty), or Consul's 500. */
    private static String required(ApiRequest request, String name, boolean nonEmpty) {
        List<String> values = request.params(name);
        if (values.size() != 1 || (nonEmpty && values.getFirst().isEmpty())) {
            throw new ApiException(500, "required query parameter '" + name + "' not set");
        }
        return IntentionBody.serviceName(values.getFirst(), name);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
