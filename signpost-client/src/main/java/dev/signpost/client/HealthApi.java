package dev.signpost.client;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

/** {@code /v1/health}: instances with their checks, and checks by service, node or state. Thread-safe. */
public final class HealthApi {

    private final ConsulClient client;

    HealthApi(ConsulClient client) {
        this.client = client;
    }

    /**
     * Instances of a service with node and checks; {@code passingOnly} sends {@code passing=1} (drops an instance if
     * any of its checks is not passing); {@code tags} are ANDed.
     */
    public QueryResult<List<ServiceEntry>> service(String service, List<String> tags, boolean passingOnly,
                                                   QueryOptions options) {
        QueryString q = new QueryString();
        tags.forEach(t -> q.add("tag", t));
        if (passingOnly) {
            q.add("passing", "1");
        }
        return client.read("/v1/health/service/" + QueryString.segment(service), q, options,
                new TypeReference<List<ServiceEntry>>() { }, null);
    }

    public QueryResult<List<HealthCheck>> checks(String service, QueryOptions options) {
        return list("/v1/health/checks/" + QueryString.segment(service), options);
    }

    public QueryResult<List<HealthCheck>> node(String node, QueryOptions options) {
        return list("/v1/health/node/" + QueryString.segment(node), options);
    }

    /** Checks in a state: any, passing, warning or critical. */
    public QueryResult<List<HealthCheck>> state(String state, QueryOptions options) {
        if (!List.of("any", HealthCheck.PASSING, HealthCheck.WARNING, HealthCheck.CRITICAL).contains(state)) {
            throw new IllegalArgumentException("state must be any, passing, warning or critical, not \"" + state
                    + "\"");
        }
        return list("/v1/health/state/" + state, options);
    }

    private QueryResult<List<HealthCheck>> list(String path, QueryOptions options) {
        return client.read(path, new QueryString(), options, new TypeReference<List<HealthCheck>>() { }, null);
    }
}
