package dev.signpost.client;

import static java.util.Objects.requireNonNull;

/**
 * The answer to a read with Consul's query metadata from the {@code X-Consul-Index}, {@code X-Consul-KnownLeader}
 * and {@code X-Consul-LastContact} headers (read case-insensitively: Go writes {@code X-Consul-Knownleader}).
 *
 * @param value the decoded body; never null (absent things are {@code Optional.empty()} or empty collections)
 * @param index the {@code X-Consul-Index}; 0 when the header was missing
 * @param knownLeader whether the answering server knew a leader
 * @param lastContactMillis milliseconds since the answering server last heard from the leader (0 on the leader)
 */
public record QueryResult<T>(T value, long index, boolean knownLeader, long lastContactMillis) {

    public QueryResult {
        requireNonNull(value, "value");
    }

    /** The same metadata with another value. */
    public <U> QueryResult<U> withValue(U other) {
        return new QueryResult<>(other, index, knownLeader, lastContactMillis);
    }
}
