package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.watch.Topic;

/**
 * The nodes' network coordinates by node and segment (Consul's {@code coordinates} table). Applying is deterministic
 * like every apply. Not thread-safe: {@link CatalogState} owns it.
 */
final class CoordinateTable {
    private final TreeMap<String, TreeMap<String, Coordinate>> byNode = new TreeMap<>();

    /** Stores each update whose node exists; true when at least one was stored. */
    boolean update(List<NodeCoordinate> updates, Predicate<String> nodeExists, Set<String> changed) {
        boolean stored = false;
        for (NodeCoordinate update : updates) {
            if (nodeExists.test(update.node())) {
                byNode.computeIfAbsent(update.node(), n -> new TreeMap<>()).put(update.segment(), update.coord());
                stored = true;
            }
        }
        if (stored) {
            changed.add(Topic.COORDINATES);
        }
        return stored;
    }

    /** Consul removes a node's coordinates with the node. */
    void removeNode(String node, Set<String> changed) {
        if (byNode.remove(node) != null) {
            changed.add(Topic.COORDINATES);
        }
    }

    /** Every coordinate, by node then segment. */
    List<NodeCoordinate> all() {
        List<NodeCoordinate> out = new ArrayList<>();
        byNode.forEach((node, segments) -> segments.forEach((segment, c) -> out.add(new NodeCoordinate(node, segment,
                c))));
        return out;
    }

    /** A node's coordinates, by segment. */
    List<NodeCoordinate> ofNode(String node) {
        TreeMap<String, Coordinate> segments = byNode.get(node);
        if (segments == null) {
            return List.of();
        }
        List<NodeCoordinate> out = new ArrayList<>();
        segments.forEach((segment, c) -> out.add(new NodeCoordinate(node, segment, c)));
        return out;
    }

    Optional<Coordinate> get(String node, String segment) {
        TreeMap<String, Coordinate> segments = byNode.get(node);
        return segments == null ? Optional.empty() : Optional.ofNullable(segments.get(segment));
    }

    void restore(List<NodeCoordinate> coordinates) {
        byNode.clear();
        coordinates.forEach(c -> byNode.computeIfAbsent(c.node(), n -> new TreeMap<>()).put(c.segment(), c.coord()));
    }
}
