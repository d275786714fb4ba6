package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.raft.RaftRegistry;

/**
 * How this agent gets into the Raft group, a step each gossip round ({@link Cluster#tick}): a server bootstraps it
 * with the expected servers, joins the group others report, or asks one of them to add it as a voter; a client agent
 * starts a listener replica and asks to be added as one. Not thread-safe: the gossip thread alone calls it.
 */
final class RaftFormation {
    private static final Logger LOG = LoggerFactory.getLogger(RaftFormation.class);

    private final Members members;
    private final DeferredRegistry registry;
    private final Cluster.RaftStarter raftStarter;
    private final Supplier<Lan> lan;
    private final Runnable onStarted;
    private boolean addedAsVoter;

    RaftFormation(Members members, DeferredRegistry registry, Cluster.RaftStarter raftStarter, Supplier<Lan> lan,
                  Runnable onStarted) {
        this.members = requireNonNull(members, "members");
        this.registry = requireNonNull(registry, "registry");
        this.raftStarter = requireNonNull(raftStarter, "raftStarter");
        this.lan = requireNonNull(lan, "lan");
        this.onStarted = requireNonNull(onStarted, "onStarted");
    }

    /** Forms the Raft group (bootstrap), joins it, or asks to be added. */
    void formOrJoin() {
        MemberInfo self = members.self();
        Optional<RaftRegistry> raft = registry.current();
        List<MemberInfo> servers = members.aliveServers();
        List<MemberInfo> withGroup = servers.stream().filter(s -> !s.name().equals(self.name()) && s.raftData()).toList();
        if (!self.isServer()) {
            joinAsListener(raft, withGroup);
            return;
        }
        if (raft.isEmpty()) {
            if (!withGroup.isEmpty()) {
                // Join the group as a server that has it reports its voters: when this server was one of them
                // (another bootstrapped first), the configuration is the same everywhere; otherwise the leader
                // adds this server next round. Guessing the voters from who has a group could leave out a
                // bootstrap server that had not started yet, and split the group.
                reportedVoters(withGroup).ifPresent(voters -> {
                    List<RaftRegistry.Peer> peers = new ArrayList<>(voters);
                    if (peers.stream().noneMatch(p -> p.name().equals(self.name()))) {
                        peers.add(new RaftRegistry.Peer(self.name(), self.serverAddress()));
                    }
                    startWith(peers);
                });
            } else if (self.expect() > 0 && servers.size() >= self.expect()) {
                // Consul's maybeBootstrap: servers without an expectation count; a different one stops us.
                if (servers.stream().anyMatch(s -> s.expect() != 0 && s.expect() != self.expect())) {
                    LOG.error("consul: servers disagree on -bootstrap-expect; not bootstrapping: {}", servers.stream()
                            .map(s -> s.name() + "=" + s.expect()).toList());
                    return;
                }
                LOG.info("consul: Found expected number of peers, attempting bootstrap");
                LOG.info("consul: Attempting bootstrap with nodes: {}", servers.stream()
                        .sorted(Comparator.comparing(MemberInfo::name)).map(MemberInfo::serverAddress).toList());
                addedAsVoter = true; // every bootstrap server is a voter from the start
                start(servers);
            }
            return;
        }
        if (!addedAsVoter) {
            if (raft.get().cluster().peers().contains(self.serverAddress()) && raft.get().cluster().knownLeader()) {
                addedAsVoter = true;
                return;
            }
            for (MemberInfo server : withGroup) {
                try {
                    lan.get().addVoter(server.lanAddress(), self);
                    addedAsVoter = true;
                    return;
                } catch (IOException e) {
                    LOG.warn("consul: asking {} to add this server to the Raft group failed: {}", server.name(),
                            e.getMessage());
                }
            }
        }
    }

    /** A client agent replicates the catalog as a listener once it knows servers with a group. */
    private void joinAsListener(Optional<RaftRegistry> raft, List<MemberInfo> withGroup) {
        if (withGroup.isEmpty()) {
            return;
        }
        if (raft.isEmpty()) {
            reportedVoters(withGroup).ifPresent(this::startWith);
            return;
        }
        if (addedAsVoter) {
            return;
        }
        for (MemberInfo server : withGroup) {
            try {
                lan.get().addListener(server.lanAddress(), members.self());
                addedAsVoter = true;
                return;
            } catch (IOException e) {
                LOG.warn("agent: asking {} to replicate the catalog here failed: {}", server.name(), e.getMessage());
            }
        }
    }

    /** The voters the first server with a group reports (empty while none has reported them yet). */
    private static Optional<List<RaftRegistry.Peer>> reportedVoters(List<MemberInfo> withGroup) {
        return withGroup.stream().map(MemberInfo::voters).filter(v -> !v.isEmpty()).findFirst();
    }

    private void start(List<MemberInfo> peers) {
        startWith(peers.stream().map(m -> new RaftRegistry.Peer(m.name(), m.serverAddress())).toList());
    }

    private void startWith(List<RaftRegistry.Peer> peers) {
        List<RaftRegistry.Peer> raftPeers = peers.stream().sorted(Comparator.comparing(RaftRegistry.Peer::name)).toList();
        try {
            registry.set(raftStarter.start(raftPeers));
            onStarted.run();
        } catch (IOException | RuntimeException e) {
            LOG.error("consul: starting Raft failed: {}", e.getMessage());
        }
    }
}
