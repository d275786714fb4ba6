package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how this server takes part in the Raft group.
 *
 * @param nodeName this server's node name, also its Raft peer ID
 * @param dataDir the agent's data directory; the Raft log and snapshots live under {@code raft/}
 * @param bindHost the address the server RPC port listens on
 * @param advertiseHost the address other servers reach this one at
 * @param port the server RPC port (Consul's 8300)
 * @param electionTimeout the lower bound of Raft's randomised election timeout; the upper is twice it
 * @param writeTimeout how long a write may wait for a leader before failing with "No cluster leader"
 * @param snapshotThreshold take a snapshot after this many log entries
 */
public record RaftConfig(String nodeName, Path dataDir, String bindHost, String advertiseHost, int port,
                         String datacenter, Duration electionTimeout, Duration writeTimeout, long snapshotThreshold) {

    public RaftConfig {
        requireNonNull(nodeName, "nodeName");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(bindHost, "bindHost");
        requireNonNull(advertiseHost, "advertiseHost");
        requireNonNull(datacenter, "datacenter");
        requireNonNull(electionTimeout, "electionTimeout");
        requireNonNull(writeTimeout, "writeTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid server port " + port);
        }
    }

    /** This server's RPC address as peers and {@code /v1/status/leader} see it. */
    public String advertiseAddress() {
        return advertiseHost + ":" + port;
    }
}
