package dev.signpost.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.RttSort;
import dev.signpost.core.state.CatalogState;

/**
 * Consul's {@code ?near=NODE} on catalog and health reads ({@code parseSource} and {@code sortNodesByDistanceFrom}):
 * {@code _agent} names the agent serving the request; the results are sorted by their node's estimated round-trip
 * time from that node's coordinate, and left as they are when it has none.
 */
record Near(Optional<String> node) {
    /** No source: results as they are. */
    static final Near NONE = new Near(Optional.empty());

    /** The request's source node, if it names one. */
    static Near of(ApiRequest request, Supplier<String> agentNode) {
        String near = request.param("near").orElse("");
        if (near.isEmpty()) {
            return NONE;
        }
        return new Near(Optional.of(near.equals("_agent") ? agentNode.get() : near));
    }

    /** The items nearest first by their node, when the source node has a coordinate; otherwise as they are. */
    <T> List<T> sort(CatalogState state, List<T> items, Function<T, String> nodeOf) {
        Optional<Coordinate> source = node.flatMap(state::coordinate);
        if (source.isEmpty()) {
            return items;
        }
        return RttSort.nearestFirst(items, nodeOf, state::coordinate, source.get());
    }
}
