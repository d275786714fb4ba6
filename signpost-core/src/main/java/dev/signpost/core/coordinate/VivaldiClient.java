package dev.signpost.core.coordinate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One node's network coordinate, moved by the round-trip times it measures to other nodes, as Serf's coordinate
 * client moves it (the Vivaldi algorithm of Dabek et al., with Serf's height, adjustment, gravity and latency
 * filter): each sample is first the median of the node's latest ones, then pulls or pushes this coordinate along the
 * line to the other's by the estimate's error, weighted by how much both trust their coordinates.
 *
 * <p>Pure: no clock, no I/O; the random generator (only used to pick a direction when two coordinates coincide) comes
 * from outside. Not thread-safe: the caller serialises updates.
 */
public final class VivaldiClient {
    /** Serf refuses longer samples: they say more about a stalled process than about the network. */
    static final Duration MAX_RTT = Duration.ofSeconds(10);

    private final CoordinateConfig config;
    private final RandomGenerator random;
    private final Coordinate origin;
    private final double[] adjustmentSamples;
    private final Map<String, Deque<Double>> latencySamples = new HashMap<>();
    private int adjustmentIndex;
    private Coordinate coordinate;
    private long resets;

    public VivaldiClient(CoordinateConfig config, RandomGenerator random) {
        this.config = requireNonNull(config, "config");
        this.random = requireNonNull(random, "random");
        this.origin = Coordinate.origin(config);
        this.coordinate = origin;
        this.adjustmentSamples = new double[config.adjustmentWindowSize()];
    }

    /** This node's coordinate now. */
    public Coordinate coordinate() {
        return coordinate;
    }

    /** How often the coordinate became invalid and started again at the origin. */
    public long resets() {
        return resets;
    }

    /** Drops what was measured to a node, e.g. when it leaves. */
    public void forget(String node) {
        latencySamples.remove(node);
    }

    /** The estimated round-trip time from this node to a coordinate. */
    public Duration distanceTo(Coordinate other) {
        return seconds(coordinate.distanceTo(other));
    }

    /**
     * Takes one measured round-trip time to another node, whose coordinate it reported, and returns the new
     * coordinate of this node.
     *
     * @throws IllegalArgumentException for a coordinate of another dimensionality or not valid, or a round-trip time
     *     below 0 or above 10 s; nothing changes then
     */
    public Coordinate update(String node, Coordinate other, Duration rtt) {
        requireNonNull(node, "node");
        if (!other.isCompatibleWith(coordinate)) {
            throw new IllegalArgumentException("dimensions aren't compatible: " + other.vec().size() + " and "
                    + coordinate.vec().size());
        }
        if (!other.isValid()) {
            throw new IllegalArgumentException("invalid coordinate");
        }
        if (rtt.isNegative() || rtt.compareTo(MAX_RTT) > 0) {
            throw new IllegalArgumentException("round trip time not in valid range, duration " + rtt
                    + " is not a positive value less than " + MAX_RTT);
        }
        double rttSeconds = latencyFilter(node, rtt.toNanos() / 1.0e9);
        updateVivaldi(other, rttSeconds);
        updateAdjustment(other, rttSeconds);
        updateGravity();
        if (!coordinate.isValid()) {
            resets++;
            coordinate = origin;
        }
        return coordinate;
    }

    /** The median of the node's latest samples, this one included. */
    private double latencyFilter(String node, double rttSeconds) {
        Deque<Double> samples = latencySamples.computeIfAbsent(node, n -> new ArrayDeque<>());
        samples.addLast(rttSeconds);
        while (samples.size() > config.latencyFilterSize()) {
            samples.removeFirst();
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private void updateVivaldi(Coordinate other, double rttSeconds) {
        double rtt = Math.max(rttSeconds, Coordinate.ZERO_THRESHOLD);
        double dist = coordinate.distanceTo(other);
        double wrongness = Math.abs(dist - rtt) / rtt;
        double totalError = Math.max(coordinate.error() + other.error(), Coordinate.ZERO_THRESHOLD);
        double weight = coordinate.error() / totalError;
        double error = config.vivaldiCE() * weight * wrongness
                + coordinate.error() * (1.0 - config.vivaldiCE() * weight);
        error = Math.min(error, config.vivaldiErrorMax());
        double force = config.vivaldiCC() * weight * (rtt - dist);
        Coordinate moved = applyForce(force, other);
        coordinate = new Coordinate(moved.vec(), error, moved.adjustment(), moved.height());
    }

    /** The adjustment is half the mean of the latest errors of the raw estimate (Serf's adjustment window). */
    private void updateAdjustment(Coordinate other, double rttSeconds) {
        if (adjustmentSamples.length == 0) {
            return;
        }
        adjustmentSamples[adjustmentIndex] = rttSeconds - coordinate.rawDistanceTo(other);
        adjustmentIndex = (adjustmentIndex + 1) % adjustmentSamples.length;
        double sum = 0.0;
        for (double sample : adjustmentSamples) {
            sum += sample;
        }
        coordinate = new Coordinate(coordinate.vec(), coordinate.error(), sum / (2.0 * adjustmentSamples.length),
                coordinate.height());
    }

    /** A pull towards the origin that grows with the square of the distance, so coordinates do not drift away. */
    private void updateGravity() {
        double dist = origin.distanceTo(coordinate);
        double force = -1.0 * Math.pow(dist / config.gravityRho(), 2.0);
        coordinate = applyForce(force, origin);
    }

    /** Moves this coordinate by {@code force} seconds away from {@code other} (towards it when negative). */
    private Coordinate applyForce(double force, Coordinate other) {
        List<Double> unit = new ArrayList<>(Coordinate.difference(coordinate.vec(), other.vec()));
        double magnitude = Coordinate.magnitude(unit);
        if (magnitude > Coordinate.ZERO_THRESHOLD) {
            unit.replaceAll(x -> x / magnitude);
        } else {
            unit = randomUnit(unit.size());
        }
        List<Double> vec = new ArrayList<>(unit.size());
        for (int i = 0; i < unit.size(); i++) {
            vec.add(coordinate.vec().get(i) + unit.get(i) * force);
        }
        double height = coordinate.height();
        if (magnitude > Coordinate.ZERO_THRESHOLD) {
            height = Math.max((height + other.height()) * force / magnitude + height, config.heightMin());
        }
        return new Coordinate(vec, coordinate.error(), coordinate.adjustment(), height);
    }

    /** Two coordinates on top of each other push apart in a random direction (or along the first axis). */
    private List<Double> randomUnit(int dimensions) {
        List<Double> v = new ArrayList<>(dimensions);
        for (int i = 0; i < dimensions; i++) {
            v.add(random.nextDouble() - 0.5);
        }
        double magnitude = Coordinate.magnitude(v);
        if (magnitude > Coordinate.ZERO_THRESHOLD) {
            v.replaceAll(x -> x / magnitude);
            return v;
        }
        List<Double> axis = new ArrayList<>(Collections.nCopies(dimensions, 0.0));
        axis.set(0, 1.0);
        return axis;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1.0e9));
    }
}
