package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.http.ApiException;
import dev.signpost.http.ClusterOperator;
import dev.signpost.raft.RaftAdmin;
import dev.signpost.raft.RaftRegistry;

/**
 * The operator API over this agent's Raft replica ({@link RaftAdmin}), with Consul's names: a server's ID is
 * its node ID (the Raft peer is named by node name; both are accepted), and errors carry Consul's texts.
 * Thread-safe.
 */
final class AgentOperator implements ClusterOperator {
    private static final Logger LOG = LoggerFactory.getLogger(AgentOperator.class);

    private final DeferredRegistry registry;
    private final Members members;
    private final String version;
    private final Clock clock;
    private final Remote remote;

    /** Asks the server at a LAN address for its Raft configuration ({@link Cluster#raftConfigurationOf}). */
    @FunctionalInterface
    interface Remote {
        RaftAdmin.Configuration configuration(String lanAddress) throws IOException;
    }

    AgentOperator(DeferredRegistry registry, Members members, String version, Clock clock, Remote remote) {
        this.registry = requireNonNull(registry, "registry");
        this.members = requireNonNull(members, "members");
        this.version = requireNonNull(version, "version");
        this.clock = requireNonNull(clock, "clock");
        this.remote = requireNonNull(remote, "remote");
    }

    private RaftRegistry raft() {
        return registry.current().orElseThrow(NoLeaderException::new);
    }

    @Override
    public RaftConfiguration configuration(boolean stale) {
        if (!stale && !registry.cluster().knownLeader()) {
            throw new NoLeaderException();
        }
        RaftAdmin.Configuration conf = stale ? raft().admin().configuration() : leaderView();
        return new RaftConfiguration(conf.servers().stream().map(s -> new RaftServer(nodeId(s.name()), s.name(),
                s.address(), s.leader(), s.voter(), s.lastIndex())).toList(), conf.index());
    }

    /**
     * The configuration as the leader sees it, as Consul forwards this read to the leader: only the leader knows
     * every server's progress. This server's own view when it leads, or when the leader does not answer.
     */
    private RaftAdmin.Configuration leaderView() {
        Registry.ClusterView view = registry.cluster();
        Optional<MemberInfo> leader = view.leaderName().filter(name -> !view.isLeader()).flatMap(members::get);
        if (leader.isPresent()) {
            try {
                return remote.configuration(leader.get().lanAddress());
            } catch (IOException e) {
                LOG.debug("consul: the leader {} did not give its Raft configuration: {}", leader.get().name(),
                        e.getMessage());
            }
        }
        return raft().admin().configuration();
    }

    private String nodeId(String name) {
        return members.get(name).map(MemberInfo::id).filter(id -> !id.isEmpty()).orElse(name);
    }

    @Override
    public void removePeer(String idOrAddress, boolean byAddress) {
        RaftRegistry raft = raft();
        Optional<RaftAdmin.Server> found = raft.admin().configuration().servers().stream()
                .filter(s -> byAddress ? s.address().equals(idOrAddress) : matches(s, idOrAddress)).findFirst();
        if (found.isEmpty()) {
            throw new ApiException(500, (byAddress ? "address" : "id") + " \"" + idOrAddress
                    + "\" was not found in the Raft configuration");
        }
        raft.admin().remove(found.get().name());
    }

    private boolean matches(RaftAdmin.Server server, String id) {
        return server.name().equals(id) || nodeId(server.name()).equals(id);
    }

    @Override
    public void transferLeader(String id) {
        RaftRegistry raft = raft();
        List<RaftAdmin.Server> voters = raft.admin().configuration().servers().stream()
                .filter(RaftAdmin.Server::voter).toList();
        Optional<RaftAdmin.Server> target = id.isEmpty()
                ? voters.stream().filter(s -> !s.leader()).max(Comparator.comparingLong(RaftAdmin.Server::lastIndex))
                : voters.stream().filter(s -> matches(s, id)).findFirst();
        if (target.isEmpty()) {
            throw new ApiException(500, id.isEmpty() ? "cannot find a voter to transfer leadership to"
                    : "id \"" + id + "\" was not found in the Raft configuration");
        }
        if (target.get().leader()) {
            throw new ApiException(500, "cannot transfer leadership to itself");
        }
        raft.admin().transferLeadership(target.get().name());
    }

    @Override
    public Map<String, String> raftStats() {
        Optional<RaftRegistry> raft = registry.current();
        if (raft.isEmpty()) {
            return Map.of();
        }
        RaftAdmin.Stats stats = raft.get().admin().stats();
        Registry.ClusterView view = registry.cluster();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("applied_index", Long.toString(stats.appliedIndex()));
        out.put("commit_index", Long.toString(stats.commitIndex()));
        out.put("last_contact", view.isLeader() ? "0" : view.knownLeader() ? view.lastContactMillis() + "ms" : "never");
        out.put("last_log_index", Long.toString(stats.lastLogIndex()));
        out.put("last_snapshot_index", Long.toString(stats.lastSnapshotIndex()));
        out.put("num_peers", Integer.toString(Math.max(0, stats.numPeers() - 1)));
        out.put("protocol_version", "3");
        out.put("state", stats.state());
        out.put("term", Long.toString(stats.term()));
        return out;
    }

    @Override
    public Snapshot snapshot(boolean stale) {
        RaftAdmin.Archive archive = raft().admin().snapshot(stale ? Registry.ReadMode.STALE : Registry.ReadMode.DEFAULT,
                version, clock.millis());
        return new Snapshot(archive.bytes(), archive.index());
    }

    @Override
    public long restore(byte[] archive) {
        return raft().admin().restore(archive);
    }
}
