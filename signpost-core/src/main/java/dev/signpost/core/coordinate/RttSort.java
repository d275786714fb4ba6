package dev.signpost.core.coordinate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consul's {@code ?near=} order: results by their node's estimated round-trip time from a source coordinate, nearest
 * first. A node without a coordinate is infinitely far (Consul's ComputeDistance of a nil coordinate), and the sort is
 * stable, so such nodes keep their order at the end. Stateless.
 */
public final class RttSort {
    private RttSort() {
    }

    /** The items sorted by the distance of their node's coordinate from {@code source}. */
    public static <T> List<T> nearestFirst(List<T> items, Function<T, String> nodeOf,
                                           Function<String, Optional<Coordinate>> coordinateOf, Coordinate source) {
        // Each distance once: a comparator computing them would do it twice per comparison.
        List<Ranked<T>> ranked = new ArrayList<>(items.size());
        for (T item : items) {
            ranked.add(new Ranked<>(item, distance(source, coordinateOf.apply(nodeOf.apply(item)))));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::distance));
        return ranked.stream().map(Ranked::item).toList();
    }

    private record Ranked<T>(T item, double distance) {
    }

    /** Consul's ComputeDistance: the estimate in seconds, infinite without a coordinate or across dimensionalities. */
    public static double distance(Coordinate source, Optional<Coordinate> target) {
        if (target.isEmpty() || !source.isCompatibleWith(target.get())) {
            return Double.POSITIVE_INFINITY;
        }
        return source.distanceTo(target.get());
    }
}
