package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.model.AutopilotConfig;

/**
 * The Raft group as {@code /v1/operator/raft/*} and {@code /v1/snapshot} see it. Implemented by the agent over
 * its Raft replica; with no group yet every call is a {@link NoLeaderException}, an unknown
 * peer a {@link dev.signpost.core.NotFoundException}, a damaged archive an
 * {@link dev.signpost.core.InvalidRequestException}.
 */
public interface ClusterOperator {

    /** The servers of the group; {@code stale} answers without a known leader. */
    RaftConfiguration configuration(boolean stale);

    /** Removes the peer with this ID (node ID or name) or, when {@code byAddress}, this server address. */
    void removePeer(String idOrAddress, boolean byAddress);

    /** Hands leadership to the server with this ID, or to the most up-to-date other voter when empty. */
    void transferLeader(String id);

    /** This server's Raft numbers as Consul's Stats.raft strings; empty on an agent without a replica yet. */
    Map<String, String> raftStats();

    /** An archive of the whole state read in a mode ({@code stale}: this server's state as it is). */
    Snapshot snapshot(boolean stale);

    /** Restores an archive through Raft; returns the index it was applied at. */
    long restore(byte[] archive);

    /**
     * The replicated autopilot configuration ({@code stale}: this server's copy without a known leader); a
     * {@link NoLeaderException} before a leader has written it.
     */
    AutopilotConfig autopilotConfiguration(boolean stale);

    /**
     * Replaces the autopilot configuration; with {@code cas}, only when its ModifyIndex is {@code casIndex}.
     * Returns whether it was applied.
     */
    boolean setAutopilotConfiguration(AutopilotConfig config, boolean cas, long casIndex);

    /** Autopilot's view of the servers, as the leader sees them ({@code stale}: as this server sees them). */
    AutopilotState autopilotState(boolean stale);

    /**
     * One server in autopilot's state.
     *
     * @param lastContactMillis time since the leader last heard from it; 0 for the leader
     * @param status leader, voter or non-voter
     */
    record AutopilotServer(String id, String name, String address, String nodeStatus, String version,
                           long lastContactMillis, long lastTerm, long lastIndex, boolean healthy, Instant stableSince,
                           String status, boolean voter, Map<String, String> meta) {
        public AutopilotServer {
            requireNonNull(id, "id");
            requireNonNull(stableSince, "stableSince");
            meta = Map.copyOf(meta);
        }
    }

    /** Autopilot's state: overall health, failure tolerance, the leader's and voters' IDs, and every server. */
    record AutopilotState(boolean healthy, int failureTolerance, int optimisticFailureTolerance, String leader,
                          List<String> voters, List<AutopilotServer> servers) {
        public AutopilotState {
            voters = List.copyOf(voters);
            servers = List.copyOf(servers);
        }
    }

    /**
     * One server as {@code /v1/operator/raft/configuration} lists it, with the time since the leader last heard
     * from it (known where the leader answered; 0 otherwise and for the leader).
     */
    record RaftServer(String id, String node, String address, boolean leader, boolean voter, long lastIndex,
                      long lastContactMillis) {
        public RaftServer {
            requireNonNull(id, "id");
            requireNonNull(node, "node");
            requireNonNull(address, "address");
        }
    }

    /** The group's servers and the index of its configuration. */
    record RaftConfiguration(List<RaftServer> servers, long index) {
        public RaftConfiguration {
            servers = List.copyOf(servers);
        }
    }

    /** A snapshot archive (opaque bytes to clients) and the index of the state in it. */
    record Snapshot(byte[] archive, long index) {
        public Snapshot {
            requireNonNull(archive, "archive");
        }
    }

    /** For agents without Raft (test doubles): every call answers 500 "No cluster leader". */
    ClusterOperator NONE = new ClusterOperator() {
        @Override
        public RaftConfiguration configuration(boolean stale) {
            throw new NoLeaderException();
        }

        @Override
        public void removePeer(String idOrAddress, boolean byAddress) {
            throw new NoLeaderException();
        }

        @Override
        public void transferLeader(String id) {
            throw new NoLeaderException();
        }

        @Override
        public AutopilotConfig autopilotConfiguration(boolean stale) {
            throw new NoLeaderException();
        }

        @Override
        public boolean setAutopilotConfiguration(AutopilotConfig config, boolean cas, long casIndex) {
            throw new NoLeaderException();
        }

        @Override
        public AutopilotState autopilotState(boolean stale) {
            throw new NoLeaderException();
        }

        @Override
        public Map<String, String> raftStats() {
            return Map.of();
        }

        @Override
        public Snapshot snapshot(boolean stale) {
            throw new NoLeaderException();
        }

        @Override
        public long restore(byte[] archive) {
            throw new NoLeaderException();
        }
    };
}
