package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.signpost.core.InvalidRequestException;

/**
 * Consul's rules for a new session (agent/session_endpoint.go, structs.Session): TTL bounds, the lock delay and
 * its fix-up, the default {@code serfHealth} binding, and the ID and deadline stamped before replication, so that
 * applying a session needs no clock or random. Pure: the time and the ID come from the caller.
 */
public final class Sessions {
    public static final Duration MIN_TTL = Duration.ofSeconds(10);
    public static final Duration MAX_TTL = Duration.ofHours(24);
    /** Consul's default lock delay. */
    public static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(15);
    public static final Duration MAX_LOCK_DELAY = Duration.ofSeconds(60);

    private Sessions() {
    }

    /**
     * A session as a client asked for it.
     *
     * @param node the node that holds it (the front end fills in its own node when none was named)
     * @param behavior Consul's wire name, "" for the default
     * @param ttl the TTL as given, a Go duration string, "" for none
     * @param ttlLength the same TTL as a duration, zero for none
     * @param checks Consul's older {@code Checks} field: node checks
     * @param checksGiven whether the request named any checks at all (an empty list included)
     * @param lockDelay the lock delay, empty for Consul's default
     */
    public record Spec(String node, String name, String behavior, String ttl, Duration ttlLength, List<String> checks,
                       List<String> nodeChecks, List<String> serviceChecks, boolean checksGiven,
                       Optional<Duration> lockDelay) {
        public Spec {
            requireNonNull(node, "node");
            requireNonNull(name, "name");
            requireNonNull(behavior, "behavior");
            requireNonNull(ttl, "ttl");
            requireNonNull(ttlLength, "ttlLength");
            checks = List.copyOf(checks);
            nodeChecks = List.copyOf(nodeChecks);
            serviceChecks = List.copyOf(serviceChecks);
            requireNonNull(lockDelay, "lockDelay");
        }
    }

    /**
     * The session to replicate: validated, with its ID and, with a TTL, its deadline.
     *
     * @throws InvalidRequestException with Consul's text when the behavior, TTL or lock delay is out of bounds
     */
    public static Session create(Spec spec, long nowMillis, String id) {
        Session.Behavior behavior;
        try {
            behavior = Session.Behavior.parse(spec.behavior());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        String ttl = spec.ttl();
        long deadline = 0;
        if (spec.ttlLength().isZero()) {
            ttl = "";
        } else if (!ttl.isEmpty()) {
            if (spec.ttlLength().compareTo(MIN_TTL) < 0 || spec.ttlLength().compareTo(MAX_TTL) > 0) {
                // Consul prints the bounds as Go durations: 10s and 24h0m0s.
                throw new InvalidRequestException("Invalid Session TTL '" + spec.ttlLength().toNanos()
                        + "', must be between [10s=24h0m0s]");
            }
            deadline = nowMillis + spec.ttlLength().toMillis();
        }
        Duration lockDelay = spec.lockDelay().orElse(DEFAULT_LOCK_DELAY);
        if (lockDelay.isNegative() || lockDelay.compareTo(MAX_LOCK_DELAY) > 0) {
            throw new InvalidRequestException("Invalid LockDelay: must be between 0s and 60s");
        }
        List<String> nodeChecks = new ArrayList<>(spec.checks());
        spec.nodeChecks().stream().filter(c -> !nodeChecks.contains(c)).forEach(nodeChecks::add);
        if (!spec.checksGiven()) {
            nodeChecks.add(Check.SERF_HEALTH); // Consul binds a session to the node's health unless told otherwise
        }
        return new Session(id, spec.name(), spec.node(), nodeChecks, spec.serviceChecks(), lockDelay.toMillis(),
                behavior, ttl, deadline, 0, 0);
    }

    /** Consul's FixupLockDelay: a LockDelay given as a number below 1000 is seconds, otherwise nanoseconds. */
    public static Duration lockDelay(long number) {
        return number < 1000 ? Duration.ofSeconds(number) : Duration.ofNanos(number);
    }
}
