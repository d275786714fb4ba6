package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.CoordinateConfig;
import dev.signpost.core.coordinate.VivaldiClient;

/**
 * This agent's Vivaldi coordinates, moved by the round-trip times of its LAN heartbeats as Serf moves them by its
 * pings: the LAN coordinate from every member's answer, and on a server a second one from the answers of the other
 * servers only (Consul's WAN pool, whose coordinates {@code /v1/coordinate/datacenters} lists).
 *
 * <p>Thread-safe: heartbeats are answered on several threads at once.
 */
final class NetworkCoordinates {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkCoordinates.class);

    private final VivaldiClient lan;
    private final Optional<VivaldiClient> wan;

    NetworkCoordinates(boolean server, RandomGenerator random) {
        requireNonNull(random, "random");
        this.lan = new VivaldiClient(CoordinateConfig.serf(), random);
        this.wan = server ? Optional.of(new VivaldiClient(CoordinateConfig.serf(), random)) : Optional.empty();
    }

    /**
     * Takes a heartbeat's round-trip time to a member, with the coordinates its answer carried. A server's answer moves
     * the WAN coordinate of a server too. A sample Serf would refuse (another dimensionality, over 10 s) is dropped.
     */
    synchronized void observe(MemberInfo answered, Duration rtt) {
        try {
            if (answered.lanCoordinate().isPresent()) {
                lan.update(answered.name(), answered.lanCoordinate().get(), rtt);
            }
            if (wan.isPresent() && answered.isServer() && answered.wanCoordinate().isPresent()) {
                wan.get().update(answered.name(), answered.wanCoordinate().get(), rtt);
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("serf: rejected a coordinate sample from {}: {}", answered.name(), e.getMessage());
        }
    }

    /** Drops what was measured to a member that left. */
    synchronized void forget(String member) {
        lan.forget(member);
        wan.ifPresent(c -> c.forget(member));
    }

    synchronized Coordinate lan() {
        return lan.coordinate();
    }

    /** The coordinate among servers; empty on a client agent. */
    synchronized Optional<Coordinate> wan() {
        return wan.map(VivaldiClient::coordinate);
    }
}
