package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.signpost.core.coordinate.NodeCoordinate;

/**
 * Stores the LAN coordinates of nodes (Consul's CoordinateBatchUpdate). An update for a node the catalog does not
 * have is dropped when applied, as Consul drops it: a coordinate can arrive before its node registered or after it
 * left, and the node's next update mends it.
 */
public record CoordinateBatchUpdate(List<NodeCoordinate> updates) implements Command {
    public CoordinateBatchUpdate {
        updates = List.copyOf(requireNonNull(updates, "updates"));
    }
}
