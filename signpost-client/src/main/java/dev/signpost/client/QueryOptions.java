package dev.signpost.client;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Options of one read, sent as the Go client sends them: {@code dc=}, {@code stale=} / {@code consistent=} (empty
 * values), {@code index=N}, {@code wait=Nms} (always milliseconds), {@code node-meta=k:v} (repeated), and the token
 * in the {@code X-Consul-Token} header. Empty strings and zero mean "not set". Immutable; use the {@code with*}
 * methods.
 *
 * @param datacenter {@code dc}; empty for the agent's own
 * @param stale allow any server to answer ({@code ?stale})
 * @param consistent linearizable read ({@code ?consistent}); not together with stale
 * @param index blocking-query index; 0 for a non-blocking read
 * @param waitTime longest time the server may block; {@link Duration#ZERO} for the server's default
 * @param token ACL token for this call; empty for the client's token
 * @param nodeMeta {@code node-meta} filters (catalog and health reads)
 * @param near sort by round-trip time from this node ({@code _agent} for the local one); empty for none
 * @param filter a Consul filter expression ({@code filter=}); empty for none
 */
public record QueryOptions(String datacenter, boolean stale, boolean consistent, long index, Duration waitTime,
                           String token, Map<String, String> nodeMeta, String near, String filter) {

    /** No options: the agent's datacenter, default consistency, non-blocking. */
    public static final QueryOptions DEFAULT =
            new QueryOptions("", false, false, 0, Duration.ZERO, "", Map.of(), "", "");

    public QueryOptions {
        requireNonNull(datacenter, "datacenter");
        requireNonNull(waitTime, "waitTime");
        requireNonNull(token, "token");
        nodeMeta = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(nodeMeta, "nodeMeta")));
        requireNonNull(near, "near");
        requireNonNull(filter, "filter");
        if (stale && consistent) {
            throw new IllegalArgumentException("cannot specify stale with consistent, conflicting semantics");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        if (waitTime.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative: " + waitTime);
        }
    }

    public QueryOptions withDatacenter(String dc) {
        return new QueryOptions(dc, stale, consistent, index, waitTime, token, nodeMeta, near, filter);
    }

    public QueryOptions withStale(boolean allowStale) {
        return new QueryOptions(datacenter, allowStale, consistent && !allowStale, index, waitTime, token, nodeMeta,
                near, filter);
    }

    public QueryOptions withConsistent(boolean linearizable) {
        return new QueryOptions(datacenter, stale && !linearizable, linearizable, index, waitTime, token, nodeMeta,
                near, filter);
    }

    public QueryOptions withIndex(long waitIndex) {
        return new QueryOptions(datacenter, stale, consistent, waitIndex, waitTime, token, nodeMeta, near, filter);
    }

    public QueryOptions withWait(Duration wait) {
        return new QueryOptions(datacenter, stale, consistent, index, wait, token, nodeMeta, near, filter);
    }

    public QueryOptions withToken(String aclToken) {
        return new QueryOptions(datacenter, stale, consistent, index, waitTime, aclToken, nodeMeta, near, filter);
    }

    public QueryOptions withNodeMeta(Map<String, String> filters) {
        return new QueryOptions(datacenter, stale, consistent, index, waitTime, token, filters, near, filter);
    }

    public QueryOptions withNear(String node) {
        return new QueryOptions(datacenter, stale, consistent, index, waitTime, token, nodeMeta, node, filter);
    }

    public QueryOptions withFilter(String expression) {
        return new QueryOptions(datacenter, stale, consistent, index, waitTime, token, nodeMeta, near, expression);
    }

    /** True when this read is a blocking query (index > 0). */
    public boolean isBlocking() {
        return index > 0;
    }

    /** Adds the query parameters of these options to {@code query}. */
    void appendTo(QueryString query) {
        if (!datacenter.isEmpty()) {
            query.add("dc", datacenter);
        }
        if (stale) {
            query.add("stale", "");
        }
        if (consistent) {
            query.add("consistent", "");
        }
        if (index > 0) {
            query.add("index", Long.toString(index));
        }
        if (!waitTime.isZero()) {
            query.add("wait", waitTime.toMillis() + "ms");
        }
        nodeMeta.forEach((k, v) -> query.add("node-meta", k + ":" + v));
        if (!near.isEmpty()) {
            query.add("near", near);
        }
        if (!filter.isEmpty()) {
            query.add("filter", filter);
        }
    }
}
