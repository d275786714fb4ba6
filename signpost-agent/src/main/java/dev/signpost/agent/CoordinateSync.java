package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.CoordinateConfig;
import dev.signpost.core.coordinate.NodeCoordinate;

/**
 * Sends this agent's LAN coordinate to the servers, as Consul's agent does every {@code sync_coordinate_interval_min}
 * (15 s) or, in a larger cluster, so that all nodes together send about {@code sync_coordinate_rate_target} (64) a
 * second. It is one replicated write of the node's coordinate (see docs/decisions.md), skipped while nothing has been
 * measured yet and while the stored coordinate is within {@link #MIN_DRIFT} of this one; the first send goes as soon
 * as there is something to send, so a new node's coordinate shows within a gossip round.
 *
 * <p>Called from the agent's cluster thread only; a failed write is logged and tried again at the next round.
 */
final class CoordinateSync {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinateSync.class);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(15);
    static final int RATE_TARGET = 64;
    /** Seconds a coordinate must have moved from the stored one to be worth a write: 50 µs. */
    static final double MIN_DRIFT = 50.0e-6;

    private final Registry registry;
    private final String node;
    private final Supplier<Coordinate> coordinate;
    private final IntSupplier clusterSize;
    private final Clock clock;
    private final Coordinate origin = Coordinate.origin(CoordinateConfig.serf());
    private Optional<Instant> lastSent = Optional.empty();

    CoordinateSync(Registry registry, String node, Supplier<Coordinate> coordinate, IntSupplier clusterSize,
                   Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.node = requireNonNull(node, "node");
        this.coordinate = requireNonNull(coordinate, "coordinate");
        this.clusterSize = requireNonNull(clusterSize, "clusterSize");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Consul's RateScaledInterval: at least 15 s, longer when the cluster would send more than 64 a second. */
    Duration interval() {
        Duration scaled = Duration.ofMillis(clusterSize.getAsInt() * 1000L / RATE_TARGET);
        return scaled.compareTo(MIN_INTERVAL) > 0 ? scaled : MIN_INTERVAL;
    }

    /** Sends the coordinate when it is due and has moved; true when it wrote. */
    boolean round() {
        Instant now = clock.instant();
        if (lastSent.isPresent() && now.isBefore(lastSent.get().plus(interval()))) {
            return false;
        }
        Coordinate current = coordinate.get();
        if (current.equals(origin)) {
            return false; // nothing measured yet
        }
        try {
            Optional<Coordinate> stored = registry.read(Registry.ReadMode.STALE, s -> s.coordinate(node));
            if (stored.isPresent() && current.driftFrom(stored.get()) < MIN_DRIFT) {
                return false;
            }
            registry.write(new CoordinateBatchUpdate(List.of(new NodeCoordinate(node, "", current))));
            lastSent = Optional.of(now);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("agent: coordinate update failed, retrying next round: {}", e.getMessage());
            return false;
        }
    }
}
