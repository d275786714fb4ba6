package dev.signpost.core.config;

import static dev.signpost.core.config.Bodies.flag;
import static dev.signpost.core.config.Bodies.list;
import static dev.signpost.core.config.Bodies.object;
import static dev.signpost.core.config.Bodies.objects;
import static dev.signpost.core.config.Bodies.text;
import static dev.signpost.core.config.ConfigEntries.quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code service-router} kind as Consul reads, normalises and validates it
 * (agent/structs/config_entry_discoverychain.go: ServiceRouterConfigEntry): L7 routes, the first match wins, each
 * to a destination service or subset with rewrites, timeouts and retries. Pure.
 */
final class ServiceRouter {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT",
            "OPTIONS", "TRACE");
    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "connect-failure",
            "envoy-ratelimited", "retriable-4xx", "refused-stream", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    private static final EntrySchema HEADER = ServiceIntentions.HEADER;
    private static final EntrySchema QUERY_PARAM = EntrySchema.builder()
            .plain("Name", Type.STRING)
            .omit("Present", "", Type.BOOL)
            .omit("Exact", "", Type.STRING)
            .omit("Regex", "", Type.STRING).build();
    private static final EntrySchema HTTP = EntrySchema.builder()
            .omit("PathExact", "path_exact", Type.STRING)
            .omit("PathPrefix", "path_prefix", Type.STRING)
            .omit("PathRegex", "path_regex", Type.STRING)
            .structs("Header", "", HEADER)
            .structs("QueryParam", "query_param", QUERY_PARAM)
            .omit("Methods", "", Type.STRING_LIST).build();
    private static final EntrySchema MATCH = EntrySchema.builder()
            .structPointer("HTTP", "", HTTP).build();
    // Consul's MarshalJSON writes the two timeouts first, as Go duration strings.
    private static final EntrySchema DESTINATION = EntrySchema.builder()
            .omit("RequestTimeout", "request_timeout", Type.DURATION_TEXT)
            .omit("IdleTimeout", "idle_timeout", Type.DURATION_TEXT)
            .omit("Service", "", Type.STRING)
            .omit("ServiceSubset", "service_subset", Type.STRING)
            .omit("Namespace", "", Type.STRING)
            .omit("Partition", "", Type.STRING)
            .omit("PrefixRewrite", "prefix_rewrite", Type.STRING)
            .omit("NumRetries", "num_retries", Type.UINT32)
            .omit("RetryOnConnectFailure", "retry_on_connect_failure", Type.BOOL)
            .omit("RetryOn", "retry_on", Type.STRING_LIST)
            .omit("RetryOnStatusCodes", "retry_on_status_codes", Type.UINT32_LIST)
            .structPointer("RequestHeaders", "request_headers", ServiceSplitter.HEADER_MODIFIERS)
            .structPointer("ResponseHeaders", "response_headers", ServiceSplitter.HEADER_MODIFIERS).build();
    /** ServiceRoute, also written in the compiled chain's router nodes. */
    static final EntrySchema ROUTE = EntrySchema.builder()
            .structPointer("Match", "", MATCH)
            .structPointer("Destination", "", DESTINATION).build();
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .structs("Routes", "", ROUTE)
            .omit("Meta", "", Type.STRING_MAP).build();

    private ServiceRouter() {
    }

    /** Normalize (HTTP methods in upper case) then Validate. */
    static ConfigEntry normalized(ConfigEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        if (body.containsKey("Routes")) {
            List<Map<String, Object>> routes = new ArrayList<>();
            for (Map<String, Object> given : objects(body, "Routes")) {
                Map<String, Object> route = new LinkedHashMap<>(given);
                httpMatch(route).ifPresent(http -> {
                    Map<String, Object> upper = new LinkedHashMap<>(http);
                    if (upper.containsKey("Methods")) {
                        upper.put("Methods", list(http, "Methods").stream()
                                .map(m -> ((String) m).toUpperCase(Locale.ROOT)).toList());
                    }
                    Map<String, Object> match = new LinkedHashMap<>(object(route, "Match").orElseThrow());
                    match.put("HTTP", upper);
                    route.put("Match", match);
                });
                routes.add(route);
            }
            body.put("Routes", routes);
        }
        ConfigEntry normalized = entry.withBody(body);
        validate(normalized);
        return normalized;
    }

    private static Optional<Map<String, Object>> httpMatch(Map<String, Object> route) {
        return object(route, "Match").flatMap(m -> object(m, "HTTP"));
    }

    private static void validate(ConfigEntry entry) {
        if (entry.name().isEmpty()) {
            throw fail("Name is required");
        }
        ConfigEntries.failIf(ConfigEntries.meta(entry.meta(), new ArrayList<>()));
        List<Map<String, Object>> routes = objects(entry.body(), "Routes");
        for (int i = 0; i < routes.size(); i++) {
            String at = "Route[" + i + "] ";
            boolean prefixRewritable = false;
            Optional<Map<String, Object>> match = httpMatch(routes.get(i));
            if (match.isPresent()) {
                Map<String, Object> http = match.get();
                prefixRewritable = !text(http, "PathExact").isEmpty() || !text(http, "PathPrefix").isEmpty();
                paths(at, http);
                headers(at, objects(http, "Header"));
                queryParams(at, objects(http, "QueryParam"));
                Set<Object> seen = new HashSet<>();
                for (Object method : list(http, "Methods")) {
                    if (!METHODS.contains(method)) {
                        throw fail(at + "Methods contains an invalid method " + quote((String) method));
                    }
                    if (!seen.add(method)) {
                        throw fail(at + "Methods contains " + quote((String) method) + " more than once");
                    }
                }
            }
            Optional<Map<String, Object>> destination = object(routes.get(i), "Destination");
            if (destination.isPresent()) {
                if (!text(destination.get(), "PrefixRewrite").isEmpty() && !prefixRewritable) {
                    throw fail(at + "cannot make use of PrefixRewrite without configuring either PathExact or "
                            + "PathPrefix");
                }
                for (Object retryOn : list(destination.get(), "RetryOn")) {
                    if (!RETRY_ON.contains(retryOn)) {
                        throw fail(at + "contains an invalid retry condition: " + quote((String) retryOn));
                    }
                }
            }
        }
    }

    private static void paths(String at, Map<String, Object> http) {
        String exact = text(http, "PathExact");
        String prefix = text(http, "PathPrefix");
        if (!exact.isEmpty() && !exact.startsWith("/")) {
            throw fail(at + "PathExact doesn't start with '/': " + quote(exact));
        }
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            throw fail(at + "PathPrefix doesn't start with '/': " + quote(prefix));
        }
        long parts = List.of(exact, prefix, text(http, "PathRegex")).stream().filter(p -> !p.isEmpty()).count();
        if (parts > 1) {
            throw fail(at + "should only contain at most one of PathExact, PathPrefix, or PathRegex");
        }
    }

    private static void headers(String at, List<Map<String, Object>> headers) {
        for (int j = 0; j < headers.size(); j++) {
            Map<String, Object> header = headers.get(j);
            if (text(header, "Name").isEmpty()) {
                throw fail(at + "Header[" + j + "] missing required Name field");
            }
            if (given(header, "Exact", "Regex", "Prefix", "Suffix") + (flag(header, "Present") ? 1 : 0) != 1) {
                throw fail(at + "Header[" + j + "] should only contain one of Present, Exact, Prefix, Suffix, or "
                        + "Regex");
            }
        }
    }

    private static void queryParams(String at, List<Map<String, Object>> params) {
        for (int j = 0; j < params.size(); j++) {
            Map<String, Object> param = params.get(j);
            if (text(param, "Name").isEmpty()) {
                throw fail(at + "QueryParam[" + j + "] missing required Name field");
            }
            if (given(param, "Exact", "Regex") + (flag(param, "Present") ? 1 : 0) != 1) {
                throw fail(at + "QueryParam[" + j + "] should only contain one of Present, Exact, or Regex");
            }
        }
    }

    private static int given(Map<String, Object> map, String... fields) {
        int count = 0;
        for (String field : fields) {
            count += text(map, field).isEmpty() ? 0 : 1;
        }
        return count;
    }

    /** ListRelatedServices: the other services the routes send traffic to, sorted. */
    static List<String> related(ConfigEntry entry) {
        Set<String> found = new TreeSet<>();
        objects(entry.body(), "Routes").forEach(r -> object(r, "Destination")
                .ifPresent(d -> found.add(ServiceResolver.orName(text(d, "Service"), entry.name()))));
        found.remove(entry.name());
        return List.copyOf(found);
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }
}
