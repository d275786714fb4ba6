package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's Ratis client, through which a follower reaches the leader: built over the group's current voters
 * on first use, rebuilt when they changed, and dropped when a call through it timed out (see
 * {@link #dropIfBuiltBefore}). Thread-safe.
 */
final class LeaderClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderClient.class);

    private final RaftProperties properties;
    private final Parameters parameters;
    private final RaftGroupId groupId;
    private final Supplier<List<RaftPeer>> voters;
    private final Duration writeTimeout;
    private RaftClient client; // guarded by this
    private List<RaftPeer> clientPeers = List.of(); // guarded by this
    private long builtNanos; // guarded by this

    LeaderClient(RaftProperties properties, Parameters parameters, RaftGroupId groupId,
                 Supplier<List<RaftPeer>> voters, Duration writeTimeout) {
        this.properties = requireNonNull(properties, "properties");
        this.parameters = requireNonNull(parameters, "parameters");
        this.groupId = requireNonNull(groupId, "groupId");
        this.voters = requireNonNull(voters, "voters");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout");
    }

    /** The client over the group's current voters. */
    RaftClient get() {
        RaftClient replaced = null;
        RaftClient current;
        synchronized (this) {
            List<RaftPeer> peers = voters.get();
            if (client == null || !peers.equals(clientPeers)) {
                replaced = client;
                client = RaftClient.newBuilder().setProperties(properties).setParameters(parameters)
                        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                                (int) (writeTimeout.toMillis() / 250), TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
                        .setRaftGroup(RaftGroup.valueOf(groupId, peers)).build();
                clientPeers = peers;
                builtNanos = System.nanoTime();
            }
            current = client;
        }
        closeQuietly(replaced); // outside the lock, see close()
        return current;
    }

    /**
     * Closes the client if it was built before a call that timed out was sent; the next call builds a new one.
     * Ratis goes on retrying a timed-out call for far longer (each attempt waits out its own timeout while a
     * leader is unreachable), and its ordered stream answers every later call of this server only after that one:
     * once a partition healed, a follower's writes waited behind a write sent while it was cut off.
     *
     * @param sentNanos the {@link System#nanoTime} taken after the call's client was fetched
     */
    synchronized void dropIfBuiltBefore(long sentNanos) {
        if (client != null && builtNanos - sentNanos <= 0) {
            LOG.info("raft: no answer from the leader within {} ms, or the client closed; reconnecting",
                    writeTimeout.toMillis());
            RaftClient stale = client;
            client = null;
            // Not on the caller's thread: a timer thread of the JDK's, which every timeout here shares.
            Thread.ofVirtual().name("raft-client-close").start(() -> closeQuietly(stale));
        }
    }

    /**
     * Closes the client outside this object's lock: closing fails the calls still pending on it, on Ratis' own
     * threads, which it then waits for, and their callbacks come here ({@link #dropIfBuiltBefore}). Closed under the
     * lock, an agent stopped while a write was on its way to the leader never exited.
     */
    @Override
    public void close() {
        RaftClient closing;
        synchronized (this) {
            closing = client;
            client = null;
        }
        closeQuietly(closing);
    }

    private static void closeQuietly(RaftClient c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("raft: closing a client failed: {}", e.toString());
        }
    }
}
