package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as endpoints see it: method, decoded path, query parameters (a parameter given
 * without a value, like {@code ?stale}, has the value ""), headers (lower-case names) and the body.
 * The route fills {@code pathRest}: the part of the path after the route's prefix (a service name, a
 * KV key with its slashes). The route's {@link Guard} fills {@code caller}: who sent it, as ACLs see it.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                         byte[] body, String pathRest, Caller caller, String remoteAddress) {

    public ApiRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        requireNonNull(body, "body");
        requireNonNull(pathRest, "pathRest");
        requireNonNull(caller, "caller");
        requireNonNull(remoteAddress, "remoteAddress");
    }

    /** A request from an unknown address (tests, the benchmark). */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                      byte[] body, String pathRest, Caller caller) {
        this(method, path, query, headers, body, pathRest, caller, "");
    }

    /** A request as it arrives, before routing: no path parameter, no caller yet. */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                      byte[] body, String pathRest) {
        this(method, path, query, headers, body, pathRest, Caller.NOBODY);
    }

    ApiRequest withPathRest(String rest) {
        return new ApiRequest(method, path, query, headers, body, rest, caller, remoteAddress);
    }

    ApiRequest withCaller(Caller who) {
        return new ApiRequest(method, path, query, headers, body, pathRest, who, remoteAddress);
    }

    /**
     * The client's IP as Consul's {@code sourceAddrFromRequest} finds it: the first {@code X-Forwarded-For} entry
     * when it is an IP, else the connection's address; "" when neither is known.
     */
    public String sourceIp() {
        String forwarded = header("X-Forwarded-For").map(h -> h.split(",", 2)[0].trim()).orElse("");
        if (forwarded.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return forwarded;
        }
        return remoteAddress;
    }

    /** True when the parameter is present, with or without a value. */
    public boolean has(String name) {
        return query.containsKey(name);
    }

    /** The first value of a parameter. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a repeatable parameter. */
    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Consul's boolean parameter rule (agent/http.go): absent is false, present without a value is true,
     * otherwise the value is parsed as a Go bool.
     */
    public boolean flag(String name) {
        if (!has(name)) {
            return false;
        }
        String value = param(name).orElse("");
        return switch (value) {
            case "", "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw ApiException.badRequest("Invalid value for ?" + name + ": \"" + value + "\" is not a boolean");
        };
    }

    /** A uint64 parameter (Consul's KV flags) carried in a long's 64 bits, or the default when absent. */
    public long uint64(String name, long defaultValue, String error) {
        Optional<String> value = param(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseUnsignedLong(value.get());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(error);
        }
    }

    /** An unsigned integer parameter, or the default when absent. */
    public long unsigned(String name, long defaultValue, String error) {
        Optional<String> value = param(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseUnsignedLong(value.get());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(error);
        }
    }
}
