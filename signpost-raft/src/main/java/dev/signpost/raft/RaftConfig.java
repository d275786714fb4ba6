package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 * @param snapshotThreshold the log entries applied since the last snapshot that make a new one worth taking
 * @param snapshotInterval how often to check the threshold (Consul's {@code raft_snapshot_interval}; each
 *        check waits a random time between this and twice it, so servers do not snapshot together)
 * @param tls the TLS of server-to-server traffic (Consul's {@code tls.internal_rpc}); empty: plain text
 */
public record RaftConfig(String nodeName, Path dataDir, String bindHost, String advertiseHost, int port,
                         String datacenter, Duration electionTimeout, Duration writeTimeout, long snapshotThreshold,
                         Duration snapshotInterval, Optional<RaftTls> tls) {

    /** Consul's defaults: {@code raft_snapshot_threshold} 16384, {@code raft_snapshot_interval} 30s. */
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 16384;
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(30);

    /** Plain-text Raft traffic. */
    public RaftConfig(String nodeName, Path dataDir, String bindHost, String advertiseHost, int port, String datacenter,
                      Duration electionTimeout, Duration writeTimeout, long snapshotThreshold,
                      Duration snapshotInterval) {
        this(nodeName, dataDir, bindHost, advertiseHost, port, datacenter, electionTimeout, writeTimeout,
                snapshotThreshold, snapshotInterval, Optional.empty());
    }

    public RaftConfig {
        requireNonNull(tls, "tls");
        requireNonNull(nodeName, "nodeName");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(bindHost, "bindHost");
        requireNonNull(advertiseHost, "advertiseHost");
        requireNonNull(datacenter, "datacenter");
        requireNonNull(electionTimeout, "electionTimeout");
        requireNonNull(writeTimeout, "writeTimeout");
        requireNonNull(snapshotInterval, "snapshotInterval");
        if (snapshotThreshold < 1 || !snapshotInterval.isPositive()) {
            throw new IllegalArgumentException("snapshot threshold and interval must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid server port " + port);
        }
    }

    /** This server's RPC address as peers and {@code /v1/status/leader} see it. */
    public String advertiseAddress() {
        return advertiseHost + ":" + port;
    }
}
