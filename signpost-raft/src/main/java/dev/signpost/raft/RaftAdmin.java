package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.RestorePart;
import dev.signpost.core.state.CatalogSnapshot;
import dev.signpost.core.state.CatalogState;

/**
 * What an operator asks of the Raft group (Consul's {@code /v1/operator/raft/*} and {@code /v1/snapshot}),
 * answered by Ratis' own calls: the configuration and each server's progress from this server's division,
 * peer removal through a membership change, leadership transfer through Ratis' transfer, and a whole-state
 * archive taken from the local store and restored through the log in {@link RestorePart}s. Never consensus
 * code of its own. Thread-safe as Ratis is.
 */
public final class RaftAdmin {
    private final AtomicLong lastHandOver = new AtomicLong(System.nanoTime() - Duration.ofDays(1).toNanos());
    private static final Logger LOG = LoggerFactory.getLogger(RaftAdmin.class);
    /**
     * The largest part of a restore, as one log entry: well below Ratis' 4 MB log-appender buffer once encoded (a
     * 16 MB entry never reached the followers: each attempt ended in a new election), see docs/decisions.md.
     */
    static final int RESTORE_PART_BYTES = 1 << 20;

    private final Registry registry;
    private final Supplier<RaftServer.Division> division;
    private final LeaderClient client;
    private final Membership membership;
    private final CommandCodec codec;
    private final Duration timeout;

    /**
     * A server of the group as this server sees it; {@code lastIndex} is 0 where this server cannot know it, and
     * {@code lastContactMillis} (the time since the leader last heard from the server) is known only on the
     * leader: 0 for itself and elsewhere.
     */
    public record Server(String name, String address, boolean voter, boolean leader, long lastIndex,
                         long lastContactMillis) {
        public Server {
            requireNonNull(name, "name");
            requireNonNull(address, "address");
        }
    }

    /** The group's configuration and the log index it was committed at. */
    public record Configuration(List<Server> servers, long index) {
        public Configuration {
            servers = List.copyOf(servers);
        }
    }

    /** This server's Raft numbers, as Consul's {@code /v1/agent/self} Stats.raft shows them. */
    public record Stats(String state, long term, long commitIndex, long appliedIndex, long lastLogIndex,
                        long lastSnapshotIndex, int numPeers) {
    }

    /** An archive and the index of the state in it. */
    public record Archive(byte[] bytes, long index) {
    }

    RaftAdmin(Registry registry, Supplier<RaftServer.Division> division, LeaderClient client, Membership membership,
              CommandCodec codec, Duration timeout) {
        this.registry = requireNonNull(registry, "registry");
        this.division = requireNonNull(division, "division");
        this.client = requireNonNull(client, "client");
        this.membership = requireNonNull(membership, "membership");
        this.codec = requireNonNull(codec, "codec");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** Voters first, then listeners (client agents' replicas), each in configuration order. */
    public Configuration configuration() {
        RaftServer.Division d = division.get();
        DivisionInfo info = d.getInfo();
        var conf = d.getRaftConf();
        Map<String, long[]> progress = progress(d);
        List<Server> servers = new ArrayList<>();
        for (RaftPeer peer : conf.getCurrentPeers()) {
            servers.add(server(peer, true, info, progress));
        }
        for (RaftPeer peer : conf.getCurrentPeers(RaftPeerRole.LISTENER)) {
            servers.add(server(peer, false, info, progress));
        }
        return new Configuration(servers, conf.getLogEntryIndex());
    }

    private static Server server(RaftPeer peer, boolean voter, DivisionInfo info, Map<String, long[]> progress) {
        String name = peer.getId().toString();
        long[] known = progress.getOrDefault(name, new long[2]);
        return new Server(name, peer.getAddress(), voter, peer.getId().equals(info.getLeaderId()), known[0], known[1]);
    }

    /**
     * The last log index of this server and, on the leader, every follower's match index and the time since its
     * last answer (Ratis' lastRpcElapsedTime): {index, lastContactMillis} by name.
     */
    private static Map<String, long[]> progress(RaftServer.Division d) {
        Map<String, long[]> progress = new HashMap<>();
        progress.put(d.getId().toString(), new long[] {d.getRaftLog().getLastEntryTermIndex() == null ? 0
                : d.getRaftLog().getLastEntryTermIndex().getIndex(), 0});
        DivisionInfo info = d.getInfo();
        if (info.isLeader()) {
            List<ServerRpcProto> followers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
            long[] matched = info.getFollowerMatchIndices();
            for (int i = 0; i < followers.size() && i < matched.length; i++) {
                // -1 until a follower acknowledged its first entry
                progress.put(RaftPeerId.valueOf(followers.get(i).getId().getId()).toString(),
                        new long[] {Math.max(0, matched[i]), followers.get(i).getLastRpcElapsedTimeMs()});
            }
        }
        return progress;
    }

    /** Removes a server (or a listener) from the group by name; {@link NotFoundException} when there is none. */
    public void remove(String name) {
        if (configuration().servers().stream().noneMatch(s -> s.name().equals(name))) {
            throw new NotFoundException("id \"" + name + "\" was not found in the Raft configuration");
        }
        membership.remove(name);
    }

    /** Hands leadership to a voter by name and returns once it leads; fails when Ratis could not. */
    public void transferLeadership(String name) {
        if (configuration().servers().stream().noneMatch(s -> s.voter() && s.name().equals(name))) {
            throw new NotFoundException("id \"" + name + "\" was not found in the Raft configuration");
        }
        try {
            RaftClientReply reply = client.get().admin().transferLeadership(RaftPeerId.valueOf(name),
                    timeout.toMillis());
            if (!reply.isSuccess()) {
                throw new NoLeaderException("transfer of leadership to " + name + " failed: " + reply.getException());
            }
        } catch (IOException e) {
            throw new NoLeaderException("transfer of leadership to " + name + " failed: " + e.getMessage());
        }
        LOG.info("raft: leadership transferred to {}", name);
    }

    /**
     * Hands leadership to another voter, when there is one, on a thread of its own; at most once per {@code pause}
     * (a transfer takes a round or two). Returns at once.
     */
    void handOverLeadership(String self, Duration pause, String why) {
        long now = System.nanoTime();
        long last = lastHandOver.get();
        if (now - last < pause.toNanos() || !lastHandOver.compareAndSet(last, now)) {
            return;
        }
        Optional<String> other = configuration().servers().stream()
                .filter(s -> s.voter() && !s.name().equals(self)).map(Server::name).findFirst();
        if (other.isEmpty()) {
            LOG.error("raft: {}; no other server to hand the leadership to", why);
            return;
        }
        LOG.warn("raft: {}; handing the leadership to {}", why, other.get());
        Thread.ofVirtual().name("raft-hand-over").start(() -> {
            try {
                transferLeadership(other.get());
            } catch (RuntimeException e) {
                LOG.warn("raft: could not hand the leadership over: {}", e.getMessage());
            }
        });
    }

    public Stats stats() {
        RaftServer.Division d = division.get();
        DivisionInfo info = d.getInfo();
        String state = switch (info.getCurrentRole()) {
            case LEADER -> "Leader";
            case CANDIDATE -> "Candidate";
            case FOLLOWER -> "Follower";
            case LISTENER -> "Listener";
            default -> "Unknown";
        };
        var last = d.getRaftLog().getLastEntryTermIndex();
        var snapshot = d.getStateMachine().getLatestSnapshot();
        return new Stats(state, info.getCurrentTerm(), d.getRaftLog().getLastCommittedIndex(),
                info.getLastAppliedIndex(), last == null ? 0 : last.getIndex(),
                snapshot == null ? 0 : snapshot.getIndex(), d.getRaftConf().getCurrentPeers().size());
    }

    /** The whole state read in a mode, as an archive ({@link SnapshotArchive}). */
    public Archive snapshot(Registry.ReadMode mode, String signpostVersion, long nowMillis) {
        CatalogSnapshot state = registry.read(mode, CatalogState::snapshot);
        long term = division.get().getInfo().getCurrentTerm();
        return new Archive(SnapshotArchive.write(codec, state, term, signpostVersion, nowMillis), state.lastIndex());
    }

    /**
     * Checks an archive, then replaces the state with it through the log; returns the index the restore was
     * applied at. A damaged archive is refused before anything is written. The state goes in parts of at most
     * {@value #RESTORE_PART_BYTES} bytes ({@link RestorePart}), each one entry of the log; the last one replaces the
     * state on every server at once. A restore that another one cut in on is refused, and restores nothing.
     */
    public long restore(byte[] archive) {
        SnapshotArchive.Content content = SnapshotArchive.read(codec, archive);
        byte[] state;
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            codec.writeSnapshot(content.snapshot(), out);
            state = out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the snapshot to restore", e);
        }
        String id = UUID.randomUUID().toString();
        int parts = Math.max(1, (state.length + RESTORE_PART_BYTES - 1) / RESTORE_PART_BYTES);
        Registry.WriteResult written = null;
        for (int part = 0; part < parts; part++) {
            byte[] data = Arrays.copyOfRange(state, part * RESTORE_PART_BYTES,
                    Math.min(state.length, (part + 1) * RESTORE_PART_BYTES));
            written = registry.write(new RestorePart(id, part, parts, data));
            if (!written.result()) {
                throw new IllegalStateException("Snapshot restore did not finish: another restore started while "
                        + "this one was being written (part " + (part + 1) + " of " + parts + "); retry it");
            }
        }
        LOG.info("raft: restored the snapshot of index {} (term {}) at index {} ({} bytes in {} parts)",
                content.meta().Index(), content.meta().Term(), written.index(), state.length, parts);
        return written.index();
    }
}
