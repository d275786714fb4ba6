package dev.signpost.core.coordinate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A network coordinate in Serf's Vivaldi model, as Consul's API shows it: a point {@code Vec} in Euclidean space, a
 * {@code Height} above it (the node's own access latency), an {@code Adjustment} that corrects the estimate for what
 * the space cannot model, and the node's confidence in it ({@code Error}). All values are seconds.
 */
public record Coordinate(List<Double> vec, double error, double adjustment, double height) {
    /** Two coordinates closer than this (seconds) are on top of each other (Serf's zeroThreshold). */
    static final double ZERO_THRESHOLD = 1.0e-6;

    public Coordinate {
        vec = List.copyOf(requireNonNull(vec, "vec"));
    }

    /** The origin of a space: where every node starts, with the largest error (Serf's NewCoordinate). */
    public static Coordinate origin(CoordinateConfig config) {
        return new Coordinate(Collections.nCopies(config.dimensionality(), 0.0), config.vivaldiErrorMax(), 0.0,
                config.heightMin());
    }

    /** True when every component is a finite number (Serf's IsValid). */
    public boolean isValid() {
        return vec.stream().allMatch(Double::isFinite) && Double.isFinite(error) && Double.isFinite(adjustment)
                && Double.isFinite(height);
    }

    /** True when both live in a space of the same dimensionality (Serf's IsCompatibleWith). */
    public boolean isCompatibleWith(Coordinate other) {
        return vec.size() == other.vec.size();
    }

    /**
     * The estimated round-trip time to another node in seconds (Serf's DistanceTo): the Euclidean distance plus both
     * heights, plus both adjustments unless that would make the estimate zero or negative.
     *
     * @throws IllegalArgumentException when the dimensionalities differ
     */
    public double distanceTo(Coordinate other) {
        double raw = rawDistanceTo(other);
        double adjusted = raw + adjustment + other.adjustment;
        return adjusted > 0.0 ? adjusted : raw;
    }

    /** The distance without the adjustments. */
    double rawDistanceTo(Coordinate other) {
        return magnitude(difference(vec, other.vec)) + height + other.height;
    }

    /** How far this coordinate has moved from an earlier one: vector, height and adjustment changes summed. */
    public double driftFrom(Coordinate earlier) {
        if (!isCompatibleWith(earlier)) {
            return Double.POSITIVE_INFINITY;
        }
        return magnitude(difference(vec, earlier.vec)) + Math.abs(height - earlier.height)
                + Math.abs(adjustment - earlier.adjustment);
    }

    static List<Double> difference(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("dimensions aren't compatible: " + a.size() + " and " + b.size());
        }
        List<Double> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i) - b.get(i));
        }
        return out;
    }

    static double magnitude(List<Double> v) {
        double sum = 0.0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
