package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.Restore;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static org.assertj.core.api.Assertions.assertThat;

/** Network coordinates in the replicated state: stored per node, gone with the node, carried by snapshots. */
class CoordinateStateTest {
    private static final Coordinate HERE = new Coordinate(List.of(0.001, 0.0), 0.2, 0.0, 1.0e-5);
    private static final Coordinate THERE = new Coordinate(List.of(0.0, 0.004), 0.3, 0.0001, 2.0e-5);

    @Test
    void batchUpdate_storesCoordinatesOfKnownNodes_andDropsUnknownOnes() {
        CatalogState state = new CatalogState();
        state.apply(registerChecks("a"), 1);
        state.apply(registerChecks("b"), 2);

        CatalogState.Applied applied = state.apply(new CoordinateBatchUpdate(List.of(coordinate("a", HERE),
                coordinate("b", THERE), coordinate("ghost", HERE))), 3);

        assertThat(applied.changed()).containsExactly(Topic.COORDINATES);
        assertThat(state.coordinates().value()).containsExactly(coordinate("a", HERE), coordinate("b", THERE));
        assertThat(state.coordinates().index()).isEqualTo(3);
        assertThat(state.coordinate("b")).contains(THERE);
        assertThat(state.coordinates("ghost").value()).isEmpty();
    }

    @Test
    void batchUpdate_ofOnlyUnknownNodes_changesNothing() {
        CatalogState state = new CatalogState();

        CatalogState.Applied applied = state.apply(new CoordinateBatchUpdate(List.of(coordinate("ghost", HERE))), 1);

        assertThat(applied.changed()).isEmpty();
        assertThat(state.coordinates().index()).as("never below 1, as every index").isEqualTo(1);
    }

    @Test
    void segments_areKeptApart_andTheDefaultOneIsWhatNearUses() {
        CatalogState state = new CatalogState();
        state.apply(registerChecks("a"), 1);

        state.apply(new CoordinateBatchUpdate(List.of(new NodeCoordinate("a", "alpha", THERE), coordinate("a", HERE))),
                2);

        assertThat(state.coordinates("a").value()).containsExactly(coordinate("a", HERE),
                new NodeCoordinate("a", "alpha", THERE));
        assertThat(state.coordinate("a")).contains(HERE);
    }

    @Test
    void deregisteringANode_removesItsCoordinates() {
        CatalogState state = new CatalogState();
        state.apply(registerChecks("a"), 1);
        state.apply(new CoordinateBatchUpdate(List.of(coordinate("a", HERE))), 2);

        CatalogState.Applied applied = state.apply(new DeregisterNode("a"), 3);

        assertThat(applied.changed()).contains(Topic.COORDINATES);
        assertThat(state.coordinates().value()).isEmpty();
        assertThat(state.coordinates().index()).isEqualTo(3);
    }

    @Test
    void aTransactionDeletingANode_removesItsCoordinatesToo() {
        CatalogState state = new CatalogState();
        state.apply(registerChecks("a"), 1);
        state.apply(new CoordinateBatchUpdate(List.of(coordinate("a", HERE))), 2);

        state.apply(new Txn(List.of(new TxnOp.NodeOp("delete", node("a"))), 0), 3);

        assertThat(state.coordinate("a")).isEmpty();
    }

    @Test
    void snapshotAndRestore_carryCoordinates_andARestoreWakesTheirWatchers() {
        CatalogState state = new CatalogState();
        state.apply(registerChecks("a"), 1);
        state.apply(new CoordinateBatchUpdate(List.of(coordinate("a", HERE))), 2);
        CatalogSnapshot saved = state.snapshot();
        CatalogState other = new CatalogState();
        other.apply(registerChecks("z"), 1);

        CatalogState.Applied applied = other.apply(new Restore(saved), 7);

        assertThat(saved.coordinates()).containsExactly(coordinate("a", HERE));
        assertThat(other.coordinates().value()).containsExactly(coordinate("a", HERE));
        assertThat(applied.changed()).contains(Topic.COORDINATES);
        assertThat(other.coordinates().index()).isEqualTo(7);
    }

    private static NodeCoordinate coordinate(String node, Coordinate c) {
        return new NodeCoordinate(node, "", c);
    }
}
