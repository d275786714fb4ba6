package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * A session (Consul's locking primitive): held by a node, bound to checks, invalidated when its TTL
 * lapses or a bound check goes critical. Its locks are then released or deleted per {@code behavior}.
 *
 * @param ttl the TTL as registered, a Go duration ("30s"), or "" for none
 * @param deadlineMillis when the TTL lapses (epoch millis, decided before replication); 0 without a TTL
 * @param lockDelayMillis how long keys it held stay unacquirable after it is invalidated
 */
public record Session(String id, String name, String node, List<String> nodeChecks, List<String> serviceChecks,
                      long lockDelayMillis, Behavior behavior, String ttl, long deadlineMillis,
                      long createIndex, long modifyIndex) {

    /** What happens to a session's locks when it goes away. */
    public enum Behavior {
        RELEASE, DELETE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses Consul's wire name; "" is the default, release. */
        public static Behavior parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "", "release" -> RELEASE;
                case "delete" -> DELETE;
                default -> throw new IllegalArgumentException("Invalid Behavior setting '" + text + "'");
            };
        }
    }

    public Session {
        requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a session needs an ID");
        }
        requireNonNull(name, "name");
        requireNonNull(node, "node");
        nodeChecks = List.copyOf(requireNonNull(nodeChecks, "nodeChecks"));
        serviceChecks = List.copyOf(requireNonNull(serviceChecks, "serviceChecks"));
        if (lockDelayMillis < 0) {
            throw new IllegalArgumentException("negative lock delay " + lockDelayMillis);
        }
        requireNonNull(behavior, "behavior");
        requireNonNull(ttl, "ttl");
    }

    /** Every check the session is bound to, node checks first. */
    public List<String> checks() {
        return java.util.stream.Stream.concat(nodeChecks.stream(), serviceChecks.stream()).toList();
    }

    public Session withDeadline(long deadline, long index) {
        return new Session(id, name, node, nodeChecks, serviceChecks, lockDelayMillis, behavior, ttl, deadline,
                createIndex, index);
    }

    public Session withIndexes(long create, long modify) {
        return new Session(id, name, node, nodeChecks, serviceChecks, lockDelayMillis, behavior, ttl, deadlineMillis,
                create, modify);
    }
}
