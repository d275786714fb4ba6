package dev.signpost.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The route table: every HTTP route of the agent in one place. A route is a method and either an exact
 * path or a prefix ending in "/" whose remainder becomes {@link ApiRequest#pathRest()}. The longest
 * matching route wins; a path that matches only with another method answers 405, as Consul 1.0+ does. A matched
 * request passes the datacenter routing point ({@link DatacenterRouter}) before its endpoint.
 */
public final class Routes {
    /** An endpoint. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    private record Route(String method, String path, boolean prefix, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private Optional<DatacenterRouter> datacenters = Optional.empty();

    /** Sends every matched request through the {@code ?dc=} routing point first. */
    Routes routedBy(DatacenterRouter router) {
        datacenters = Optional.of(router);
        return this;
    }

    /** Adds an exact route. */
    public Routes exact(String method, String path, Handler handler) {
        routes.add(new Route(method, path, false, handler));
        return this;
    }

    /** Adds a prefix route; the prefix ends with "/" and the rest of the path is the parameter. */
    public Routes prefix(String method, String prefix, Handler handler) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix route ends with /: " + prefix);
        }
        routes.add(new Route(method, prefix, true, handler));
        return this;
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
        return best.handler().handle(request.withPathRest(rest));
    }
}
