package dev.signpost.core.query;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.signpost.core.query.PreparedQuery.Failover;

/**
 * Consul's checks of a prepared query before it is replicated ({@code parseQuery}, {@code parseService},
 * {@code parseDNS} in agent/consul/prepared_query_endpoint.go and {@code ValidateNodeMetadata}), each with Consul's
 * words. The checks the state makes against other queries and sessions are {@code QueryTable}'s.
 */
public final class QueryRules {
    private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9_-]+$");
    private static final int META_MAX_PAIRS = 64;
    private static final int META_KEY_MAX = 128;
    private static final int META_VALUE_MAX = 512;

    private QueryRules() {
    }

    /**
     * Why a query to create or update is invalid, if it is: Consul's "Invalid prepared query: ..." text.
     *
     * @param goDuration parses a Go duration, throwing IllegalArgumentException with Go's text
     */
    public static Optional<String> problem(PreparedQuery query, Function<String, Duration> goDuration) {
        return parseQuery(query, goDuration).map(why -> "Invalid prepared query: " + why);
    }

    private static Optional<String> parseQuery(PreparedQuery query, Function<String, Duration> goDuration) {
        if (query.name().isEmpty() && query.template().type().isEmpty() && query.session().isEmpty()) {
            return Optional.of("Must be bound to a session");
        }
        if (query.token().equals(PreparedQuery.REDACTED_TOKEN)) {
            return Optional.of("Bad Token '" + query.token()
                    + "', it looks like a query definition with a redacted token was submitted");
        }
        if (query.service().service().isEmpty()) {
            return Optional.of("Must provide a Service name to query");
        }
        Failover failover = query.service().failover();
        if (failover.nearestN() < 0) {
            return Optional.of("Bad NearestN '" + failover.nearestN() + "', must be >= 0");
        }
        if ((failover.nearestN() != 0 || !failover.datacenters().isEmpty()) && !failover.targets().isEmpty()) {
            return Optional.of("Targets cannot be populated with NearestN or Datacenters");
        }
        Optional<String> meta = nodeMetaProblem(query.service().nodeMeta());
        if (meta.isPresent()) {
            return meta;
        }
        String ttl = query.dns().ttl();
        if (!ttl.isEmpty()) {
            Duration length;
            try {
                length = goDuration.apply(ttl);
            } catch (IllegalArgumentException e) {
                return Optional.of("Bad DNS TTL '" + ttl + "': " + e.getMessage());
            }
            if (length.isNegative()) {
                return Optional.of("DNS TTL '" + length.toNanos() + "', must be >=0");
            }
        }
        return Optional.empty();
    }

    /** Consul's {@code ValidateNodeMetadata(meta, allowConsulPrefix=true)}; keys in Go's map order are random, so sorted here. */
    static Optional<String> nodeMetaProblem(Map<String, String> meta) {
        if (meta.size() > META_MAX_PAIRS) {
            return Optional.of("Node metadata cannot contain more than " + META_MAX_PAIRS + " key/value pairs");
        }
        for (Map.Entry<String, String> pair : new TreeMap<>(meta).entrySet()) {
            Optional<String> why = pairProblem(pair.getKey(), pair.getValue());
            if (why.isPresent()) {
                return Optional.of("Couldn't load metadata pair ('" + pair.getKey() + "', '" + pair.getValue() + "'): "
                        + why.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> pairProblem(String key, String value) {
        if (key.isEmpty()) {
            return Optional.of("Key cannot be blank");
        }
        if (!META_KEY.matcher(key).matches()) {
            return Optional.of("Key contains invalid characters");
        }
        if (key.length() > META_KEY_MAX) {
            return Optional.of("Key is too long (limit: " + META_KEY_MAX + " characters)");
        }
        if (value.length() > META_VALUE_MAX) {
            return Optional.of("Value is too long (limit: " + META_VALUE_MAX + " characters)");
        }
        return Optional.empty();
    }
}
