package dev.signpost.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;

/**
 * The registry as the front ends see it: replicated writes and reads by consistency mode. Implemented by
 * the Raft module; front ends (HTTP, DNS, the agent) depend only on this.
 */
public interface Registry {

    /**
     * Replicates a write and waits until it is applied here.
     *
     * @throws NoLeaderException when no leader can take it in time
     */
    WriteResult write(Command command);

    /**
     * Runs a query in a consistency mode: {@code STALE} reads this server's state as it is,
     * {@code DEFAULT} requires a known leader, {@code CONSISTENT} first confirms leadership with a quorum.
     *
     * @throws NoLeaderException when the mode needs a leader and there is none
     */
    <T> T read(ReadMode mode, Function<CatalogState, T> query);

    /**
     * A one-shot wake-up for blocking queries: calls {@code onChange} once, at the first write applied here
     * that changes something in {@code scope}. The callback runs on the thread that applied the write, so it
     * must only complete a future or similar; close the subscription when no longer waiting. What to read
     * after a wake-up is a {@link ReadMode#STALE} read: the mode's check was made before waiting.
     */
    Watches.Subscription watch(Scope scope, Runnable onChange);

    /** What this server knows of the cluster right now. */
    ClusterView cluster();

    /** The result of an applied write. */
    record WriteResult(boolean result, long index) {
    }

    /** Consul's read modes. */
    enum ReadMode { DEFAULT, STALE, CONSISTENT }

    /**
     * A server's view of the Raft group.
     *
     * @param leaderAddress the leader's server RPC address ("host:port"), if one is known
     * @param lastContactMillis time since this server last heard from the leader; 0 on the leader
     * @param peers the voters' server RPC addresses
     */
    record ClusterView(Optional<String> leaderAddress, Optional<String> leaderName, boolean isLeader,
                       long lastContactMillis, List<String> peers) {
        public ClusterView {
            peers = List.copyOf(peers);
        }

        public boolean knownLeader() {
            return leaderAddress.isPresent();
        }
    }
}
