package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.GoDuration;
import dev.signpost.core.PermissionDeniedException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.PreparedQueryDelete;
import dev.signpost.core.command.PreparedQuerySet;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.QueryExecutor;
import dev.signpost.core.query.QueryRules;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/**
 * {@code /v1/query} (agent/prepared_query_endpoint.go and the server's PreparedQuery RPCs): create, list, read,
 * update and delete prepared queries, execute and explain them by ID or name. Validation is {@link QueryRules} and
 * the state's {@code queryRefusal}, execution {@link QueryExecutor}; this class translates, and applies Consul's
 * ACL rules: {@code query:write} on the name for writes (new and existing), {@code query:read} on the name to read
 * or explain a named query (an unnamed one is readable by whoever has its ID), tokens shown only to {@code acl:write},
 * and an execution's nodes filtered by the query's own token, else the caller's. Consul answers a query refused by
 * validation or by the state with 500 and its message, and so does this.
 */
final class QueryEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoints.class);
    private static final String NOT_FOUND = "Query not found";

    private final Reads reads;
    private final TokenAuthority tokens;
    private final Supplier<String> localNode;

    QueryEndpoints(Reads reads, TokenAuthority tokens, Supplier<String> localNode) {
        this.reads = requireNonNull(reads, "reads");
        this.tokens = requireNonNull(tokens, "tokens");
        this.localNode = requireNonNull(localNode, "localNode");
    }

    void addTo(Routes routes) {
        Guard write = Guard.filters(Resource.QUERY, "query:write on the new and the existing query's name");
        Guard read = Guard.filters(Resource.QUERY, "query:read on named queries; execute filters nodes by "
                + "service:read and node:read of the query's token");
        routes.exact("POST", "/v1/query", write, this::create)
                .exact("GET", "/v1/query", read, this::list)
                .prefix("GET", "/v1/query/", read, this::get)
                .prefix("PUT", "/v1/query/", write, this::update)
                .prefix("DELETE", "/v1/query/", write, this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        PreparedQuery query = QueryWire.read(Json.read(request.body()).requireObject());
        if (!query.id().isEmpty()) {
            throw new ApiException(500, "ID must be empty when creating a new prepared query");
        }
        String id = reads.registry().read(Registry.ReadMode.STALE, s -> {
            String fresh = UUID.randomUUID().toString();
            while (s.query(fresh).value().isPresent()) {
                fresh = UUID.randomUUID().toString();
            }
            return fresh;
        });
        apply(request, query.withId(id), Optional.empty());
        return ApiResponse.json(Json.write(new QueryWire.IdJson(id), request.has("pretty")));
    }

    private ApiResponse update(ApiRequest request) {
        String id = specific(request, "PUT");
        PreparedQuery query = request.body().length == 0
                ? QueryWire.read(Json.read("{}".getBytes(StandardCharsets.UTF_8)))
                : QueryWire.read(Json.read(request.body()).requireObject());
        apply(request, query.withId(id), Optional.of(id));
        return ApiResponse.empty();
    }

    private ApiResponse delete(ApiRequest request) {
        String id = specific(request, "DELETE");
        PreparedQuery existing = existing(request, id);
        reads.registry().write(new PreparedQueryDelete(existing.id()));
        return ApiResponse.empty();
    }

    /** Consul's PreparedQuery.Apply for create and update, in its order of checks. */
    private void apply(ApiRequest request, PreparedQuery query, Optional<String> updating) {
        query.aclPrefix().ifPresent(name -> requireWrite(request, query.id(), name));
        updating.ifPresent(id -> existing(request, id));
        QueryRules.problem(query, GoDuration::parse).ifPresent(why -> {
            throw new ApiException(500, why);
        });
        Optional<String> refusal = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.queryRefusal(query));
        refusal.ifPresent(why -> {
            throw new ApiException(500, "raft apply failed: " + why);
        });
        var written = reads.registry().write(new PreparedQuerySet(query));
        if (!written.result()) {
            String why = reads.registry().read(Registry.ReadMode.STALE, s -> s.queryRefusal(query))
                    .orElse("the state changed meanwhile");
            throw new ApiException(500, "raft apply failed: " + why);
        }
    }

    /** The query an update or delete names, which must exist and whose name the caller must be able to write. */
    private PreparedQuery existing(ApiRequest request, String id) {
        PreparedQuery existing = reads.registry().read(Registry.ReadMode.DEFAULT, s -> s.query(id).value())
                .orElseThrow(() -> new ApiException(500, "Cannot modify non-existent prepared query: '" + id + "'"));
        existing.aclPrefix().ifPresent(name -> requireWrite(request, id, name));
        return existing;
    }

    private static void requireWrite(ApiRequest request, String id, String name) {
        if (!request.caller().authorizer().canWrite(Resource.QUERY, name)) {
            LOG.warn("consul.prepared_query: Operation on prepared query '{}' denied due to ACLs", id);
            throw request.caller().denied(Resource.QUERY, Access.WRITE, name);
        }
    }

    private ApiResponse list(ApiRequest request) {
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.QUERIES), s -> {
            Indexed<List<PreparedQuery>> all = s.queries();
            Shown<List<PreparedQuery>> shown = Shown.list(all.value(), q -> visible(authz, q));
            return new Indexed<>(new Shown<>(shown.value().stream().map(q -> QueryWire.QueryJson.of(shown(authz, q)))
                    .toList(), shown.filtered()), all.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse get(ApiRequest request) {
        String rest = request.pathRest();
        if (rest.endsWith("/execute")) {
            return execute(request, rest.substring(0, rest.length() - "/execute".length()));
        }
        if (rest.endsWith("/explain")) {
            return explain(request, rest.substring(0, rest.length() - "/explain".length()));
        }
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.QUERIES), s -> {
            Indexed<Optional<PreparedQuery>> found = s.query(rest);
            PreparedQuery query = found.value().orElseThrow(() -> ApiException.notFound(NOT_FOUND));
            // Whoever has the ID of an unnamed query may read it (Consul: no prefix ACL applies to it).
            if (query.aclPrefix().isPresent() && !visible(authz, query)) {
                LOG.warn("consul.prepared_query: Request to get prepared query '{}' denied due to ACLs", rest);
                throw PermissionDeniedException.plain();
            }
            return new Indexed<>(List.of(QueryWire.QueryJson.of(shown(authz, query))), found.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse execute(ApiRequest request, String idOrName) {
        QueryOptions options = QueryOptions.parse(request, reads.datacenter());
        int limit = limit(request);
        boolean connect = connect(request);
        String near = request.param("near").orElse("");
        QueryExecutor.Request circumstances = new QueryExecutor.Request(reads.datacenter(), localNode.get(),
                near.equals("_agent") ? localNode.get() : near, request.sourceIp(), limit, connect);
        PreparedQuery query = resolve(options, idOrName);
        Authorizer authz = query.token().isEmpty() ? request.caller().authorizer()
                : tokens.resolve(query.token()).authorizer();
        QueryExecutor.Result result = reads.registry().read(Registry.ReadMode.STALE, s -> QueryExecutor.execute(s,
                query, circumstances, i -> CatalogAcl.canSee(authz, i), ThreadLocalRandom.current()));
        ApiResponse response = ApiResponse.json(Json.write(QueryWire.ExecuteJson.of(result, meta(options)),
                request.has("pretty"))).withHeaders(reads.headers(0, options));
        return result.filtered() ? response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true"))
                : response;
    }

    private ApiResponse explain(ApiRequest request, String idOrName) {
        QueryOptions options = QueryOptions.parse(request, reads.datacenter());
        limit(request);
        PreparedQuery query = resolve(options, idOrName);
        Authorizer authz = request.caller().authorizer();
        if (!visible(authz, query)) {
            LOG.warn("consul.prepared_query: Explain on prepared query '{}' denied due to ACLs", query.id());
            throw PermissionDeniedException.plain();
        }
        return ApiResponse.json(Json.write(QueryWire.ExplainJson.of(shown(authz, query), meta(options)),
                request.has("pretty"))).withHeaders(reads.headers(0, options));
    }

    /** Resolves in the request's consistency mode; 404 "Query not found", 500 for Consul's resolve errors. */
    private PreparedQuery resolve(QueryOptions options, String idOrName) {
        Optional<PreparedQuery> query;
        try {
            query = reads.registry().read(options.mode(), s -> s.resolveQuery(idOrName));
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, e.getMessage());
        }
        return query.orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    private QueryWire.Meta meta(QueryOptions options) {
        Registry.ClusterView cluster = reads.registry().cluster();
        return new QueryWire.Meta(cluster.lastContactMillis() * 1_000_000L, cluster.knownLeader(),
                options.effectiveConsistency());
    }

    /** Consul's filter: acl:write sees every query; others the named ones their query rules let them read. */
    private static boolean visible(Authorizer authz, PreparedQuery query) {
        return authz.canWrite(Resource.ACL, "")
                || query.aclPrefix().map(name -> authz.canRead(Resource.QUERY, name)).orElse(false);
    }

    private static PreparedQuery shown(Authorizer authz, PreparedQuery query) {
        return authz.canWrite(Resource.ACL, "") ? query : query.redacted();
    }

    /** The ID of a read, update or delete of one query; Consul refuses other methods on execute and explain. */
    private static String specific(ApiRequest request, String method) {
        String rest = request.pathRest();
        if (rest.endsWith("/execute") || rest.endsWith("/explain")) {
            throw new ApiException(405, "method " + method + " not allowed");
        }
        return rest;
    }

    /** Go's strconv.Atoi, as Consul's parseLimit. */
    private static int limit(ApiRequest request) {
        String value = request.param("limit").orElse("");
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiException(500, "Bad limit: strconv.Atoi: parsing \"" + value + "\": "
                    + (value.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax"));
        }
    }

    /** Go's strconv.ParseBool on ?connect=. */
    private static boolean connect(ApiRequest request) {
        String value = request.param("connect").orElse("");
        return switch (value) {
            case "" -> false;
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new ApiException(500, "Error parsing 'connect' value: strconv.ParseBool: parsing \""
                    + value + "\": invalid syntax");
        };
    }
}
