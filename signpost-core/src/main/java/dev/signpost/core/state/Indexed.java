package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

/**
 * A query result with the Raft index it reflects: what a blocking query compares and what
 * {@code X-Consul-Index} carries. The index is never below 1, as in Consul.
 */
public record Indexed<T>(T value, long index) {
    public Indexed {
        requireNonNull(value, "value");
        index = Math.max(1, index);
    }
}
