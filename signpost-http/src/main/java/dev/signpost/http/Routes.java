package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.metrics.Metrics;

/**
 * The route table: every HTTP route of the agent in one place. A route is a method and either an exact
 * path or a prefix ending in "/" whose remainder becomes {@link ApiRequest#pathRest()}. The longest
 * matching route wins; a path that matches only with another method answers 405, as Consul 1.0+ does. A matched
 * request passes the datacenter routing point ({@link DatacenterRouter}) before its endpoint.
 *
 * <p>Every route is added with its {@link Guard}, which dispatch applies before the handler: the one seam where
 * HTTP enforces ACLs. {@link #guards()} lists them for tests.
 */
public final class Routes {
    /** An endpoint. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private record Route(String method, String path, boolean prefix, Guard guard, Handler handler,
                         Metrics.Sample time, Metrics.Sample legacyTime) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Optional<TokenAuthority> authority;
    private Optional<DatacenterRouter> datacenters = Optional.empty();
    private Metrics metrics = Metrics.none();

    /**
     * Times every route added from now on, as Consul's {@code consul.api.http} (labels method and path, e.g.
     * {@code v1_kv_}) and its pre-1.9 {@code consul.http.METHOD.PATH} (e.g. {@code consul.http.GET.v1.kv._}).
     */
    Routes meteredBy(Metrics recorder) {
        this.metrics = requireNonNull(recorder, "recorder");
        return this;
    }

    /** Sends every matched request through the {@code ?dc=} routing point first. */
    Routes routedBy(DatacenterRouter router) {
        datacenters = Optional.of(router);
        return this;
    }

    /** A table without ACLs: every caller may do everything. */
    public Routes() {
        this.authority = Optional.empty();
    }

    /** A table whose guards resolve tokens with this authority. */
    public Routes(TokenAuthority authority) {
        this.authority = Optional.of(authority);
    }

    /** Adds an exact route with what it asks of the caller's token. */
    public Routes exact(String method, String path, Guard guard, Handler handler) {
        routes.add(route(method, path, false, guard, handler));
        return this;
    }

    /** Adds a prefix route; the prefix ends with "/" and the rest of the path is the parameter. */
    public Routes prefix(String method, String prefix, Guard guard, Handler handler) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix route ends with /: " + prefix);
        }
        routes.add(route(method, prefix, true, guard, handler));
        return this;
    }

    private Route route(String method, String path, boolean prefix, Guard guard, Handler handler) {
        // Consul (agent/http.go): the pattern without its leading slash, "/" made "_"; the legacy name's parts.
        String label = path.substring(1).replace('/', '_');
        String legacy = "http." + method + "." + path.substring(1).replace('/', '.') + (prefix ? "_" : "");
        return new Route(method, path, prefix, requireNonNull(guard, "guard"), handler,
                metrics.sample("api.http", "method", method, "path", label), metrics.sample(legacy));
    }

    /** Every route as "METHOD path" with its guard, in the order added. */
    public Map<String, Guard> guards() {
        Map<String, Guard> all = new LinkedHashMap<>();
        routes.forEach(r -> all.put(r.method() + " " + r.path() + (r.prefix() ? "*" : ""), r.guard()));
        return all;
    }

    /** Finds the endpoint for a request and calls it. */
    public ApiResponse dispatch(ApiRequest request) {
        Route best = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            boolean matches = route.prefix() ? request.path().startsWith(route.path()) : request.path().equals(route.path());
            if (!matches) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                allowed.add(route.method());
                continue;
            }
            if (best == null || route.path().length() > best.path().length()) {
                best = route;
            }
        }
        if (best == null) {
            if (!allowed.isEmpty()) {
                throw new ApiException(405, "method " + request.method() + " not allowed");
            }
            throw ApiException.notFound("404 page not found");
        }
        String rest = best.prefix() ? request.path().substring(best.path().length()) : "";
        Optional<ApiResponse> elsewhere = datacenters.flatMap(d -> d.route(request));
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        long started = System.nanoTime();
        ApiResponse response;
        try {
            response = best.handler().handle(guard(best.guard(), request.withPathRest(rest)));
        } finally {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            best.time().add(millis);
            best.legacyTime().add(millis);
        }
        // Consul 1.9+ names its default policy on every answer; "allow" while ACLs are off.
        return response.withHeaders(Map.of("X-Consul-Default-ACL-Policy", authority
                .map(a -> a.config().enabled() ? a.config().defaultPolicy().name().toLowerCase(Locale.ROOT) : "allow")
                .orElse("allow")));
    }

    private ApiRequest guard(Guard guard, ApiRequest request) {
        if (guard instanceof Guard.Open) {
            return request;
        }
        Caller caller = authority.map(a -> a.caller(request)).orElse(Caller.UNRESTRICTED);
        if (guard instanceof Guard.Needs needs) {
            caller.require(needs.resource(), needs.access(), needs.name().apply(request));
        }
        return request.withCaller(caller);
    }
}
