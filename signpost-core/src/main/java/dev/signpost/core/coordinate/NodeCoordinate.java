package dev.signpost.core.coordinate;

import static java.util.Objects.requireNonNull;

/**
 * A node's LAN coordinate as the catalog keeps it (Consul's structs.Coordinate): per node and network segment; the
 * default segment is "".
 */
public record NodeCoordinate(String node, String segment, Coordinate coord) {
    public NodeCoordinate {
        requireNonNull(node, "node");
        requireNonNull(segment, "segment");
        requireNonNull(coord, "coord");
    }
}
