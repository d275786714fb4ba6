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
import dev.signpost.core.command.AutopilotSet;
import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.core.state.CatalogState;
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
    private final Autopilot autopilot = new Autopilot();
    private final AutopilotConfig initial;

    /** Asks the server at a LAN address for its Raft configuration ({@link Cluster#raftConfigurationOf}). */
    @FunctionalInterface
    interface Remote {
        RaftAdmin.Configuration configuration(String lanAddress) throws IOException;
    }

    AgentOperator(DeferredRegistry registry, Members members, String version, Clock clock, Remote remote) {
        this(registry, members, version, clock, remote, initialAutopilot(java.time.Duration.ofSeconds(1)));
    }

    /** @param initial the autopilot configuration the first leader writes (the agent's {@code autopilot} block) */
    AgentOperator(DeferredRegistry registry, Members members, String version, Clock clock, Remote remote,
                  AutopilotConfig initial) {
        this.initial = requireNonNull(initial, "initial");
        this.registry = requireNonNull(registry, "registry");
        this.members = requireNonNull(members, "members");
        this.version = requireNonNull(version, "version");
        this.clock = requireNonNull(clock, "clock");
        this.remote = requireNonNull(remote, "remote");
    }

    /**
     * Consul's autopilot defaults, with a LastContactThreshold no shorter than the election timeout: Ratis' leader
     * sends a heartbeat every half election timeout (Consul's Raft every 100-200 ms at its default multiplier), so
     * a 200ms threshold would mark idle, healthy followers unhealthy between heartbeats. See docs/decisions.md.
     */
    static AutopilotConfig initialAutopilot(java.time.Duration electionTimeout) {
        AutopilotConfig d = AutopilotConfig.defaults();
        long threshold = Math.max(d.lastContactThresholdNanos(), electionTimeout.toNanos());
        // CleanupDeadServers starts false, unlike Consul's: a server removed while dead cannot come back with its data
        // dir (Ratis refuses to catch up a re-added follower whose log is not empty), so removal waits for an
        // operator who says so (docs/decisions.md).
        return new AutopilotConfig(false, threshold, d.maxTrailingLogs(), d.minQuorum(),
                d.serverStabilizationTimeNanos(), "", false, "", 0, 0);
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
                s.address(), s.leader(), s.voter(), s.lastIndex(), s.lastContactMillis())).toList(), conf.index());
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
    public AutopilotConfig autopilotConfiguration(boolean stale) {
        Optional<AutopilotConfig> config = registry.read(stale ? Registry.ReadMode.STALE : Registry.ReadMode.DEFAULT,
                CatalogState::autopilot);
        // Consul's Operator.AutopilotGetConfiguration before the leader initialised it
        return config.orElseThrow(() -> new ApiException(500, "autopilot config not initialized yet"));
    }

    @Override
    public boolean setAutopilotConfiguration(AutopilotConfig config, boolean cas, long casIndex) {
        return registry.write(new AutopilotSet(config, cas, casIndex)).result();
    }

    @Override
    public AutopilotState autopilotState(boolean stale) {
        RaftConfiguration conf = configuration(stale);
        // In the moment between a first leader's election and its first round, judge by what it is about to write.
        AutopilotConfig config = registry.read(Registry.ReadMode.STALE, CatalogState::autopilot).orElse(initial);
        return observe(config, conf);
    }

    private AutopilotState observe(AutopilotConfig config, RaftConfiguration conf) {
        List<Autopilot.Peer> peers = conf.servers().stream().map(s -> new Autopilot.Peer(s.id(), s.node(),
                s.address(), s.voter(), s.leader(), s.lastIndex(), s.lastContactMillis(),
                nodeStatus(members.status(s.node())))).toList();
        long term = Long.parseLong(raftStats().getOrDefault("term", "0"));
        return autopilot.observe(config, peers, term, MemberTags.CONSUL_API_VERSION, clock.instant());
    }

    /** Serf's status names, as autopilot's NodeStatus and the health endpoint's SerfStatus show them. */
    private static String nodeStatus(int status) {
        return switch (status) {
            case Members.ALIVE -> "alive";
            case 2 -> "leaving";
            case Members.LEFT -> "left";
            case Members.FAILED -> "failed";
            default -> "none";
        };
    }

    /**
     * One round of autopilot on the leader: the first leader writes the configuration this agent starts with
     * (Consul's leader initialises it as it takes office), then servers failed and out of contact beyond the
     * threshold are forced out, which takes them out of the Raft group and the catalog (Consul's
     * RemoveFailedNode). Other servers do nothing.
     */
    void leaderRound() {
        Optional<RaftRegistry> raft = registry.current();
        if (raft.isEmpty() || !registry.cluster().isLeader()) {
            return;
        }
        Optional<AutopilotConfig> config = raft.get().read(Registry.ReadMode.STALE, CatalogState::autopilot);
        if (config.isEmpty()) {
            if (raft.get().write(new AutopilotSet(initial, false, 0)).result()) {
                LOG.debug("autopilot: configuration initialised");
            }
            return;
        }
        AutopilotState state = observe(config.get(), configuration(true));
        for (String name : Autopilot.deadServersToRemove(config.get(), state)) {
            LOG.info("autopilot: Attempting removal of failed server node \"{}\"", name);
            members.forceLeave(name, false);
        }
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
