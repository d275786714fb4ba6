package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NoLeaderException;
import dev.signpost.raft.RaftAdmin;
import dev.signpost.raft.RaftRegistry;

/**
 * This agent's part in the cluster, run once per gossip interval on one thread: heartbeats to every
 * known member (and join attempts), forming or joining the Raft group when a server is ready to
 * ({@link RaftFormation}), and, on the leader, keeping every node's {@code serfHealth} in step with whether it is
 * heard from ({@link LeaderReconcile}).
 *
 * <p>Each network call runs on its own virtual thread with a short timeout, so a dead member never
 * delays the others. Errors are logged in one line and the next tick tries again.
 */
final class Cluster implements Lan.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    /** Failed attempts after which a rejoin target is given up (about two minutes with the join's backoff). */
    static final int REJOIN_ATTEMPTS = 10;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    /**
     * Starts this agent's Raft replica with the given voters (empty: recover the stored group); a client
     * agent's replica is a non-voting listener.
     */
    interface RaftStarter {
        RaftRegistry start(List<RaftRegistry.Peer> voters) throws IOException;
    }

    private final Members members;
    private final DeferredRegistry registry;
    private final Clock clock;
    private final Duration retryInterval;
    private final int retryMax;
    private final Consumer<String> onGiveUp;
    private final Map<String, Integer> failedJoins = new HashMap<>();
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Instant> pendingJoins = new LinkedHashMap<>();
    /** Pending joins that are rejoins (guarded by pendingJoins): they give up quietly, never stopping the agent. */
    private final Set<String> rejoins = new HashSet<>();
    private final NetworkCoordinates coordinates;
    private Lan lan;
    private volatile GossipKeys keys;
    private final RaftFormation formation;

    Cluster(Members members, DeferredRegistry registry, RaftStarter raftStarter, List<String> joins,
            Clock clock, Duration retryInterval, int retryMax, Consumer<String> onGiveUp) {
        this.members = requireNonNull(members, "members");
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.retryInterval = requireNonNull(retryInterval, "retryInterval");
        this.retryMax = retryMax;
        this.onGiveUp = requireNonNull(onGiveUp, "onGiveUp");
        this.coordinates = new NetworkCoordinates(members.self().isServer(), new java.util.Random());
        joins.forEach(address -> pendingJoins.put(address, Instant.MIN));
        this.formation = new RaftFormation(members, registry, raftStarter, () -> lan, this::refreshSelf);
    }

    /** This agent's network coordinates, moved by its heartbeats' round-trip times. */
    NetworkCoordinates coordinates() {
        return coordinates;
    }

    /**
     * Where a server that starts from its Raft data finds the others again: the LAN address of every other voter of
     * its Raft configuration (their server address's host, on this agent's LAN port, as {@code -join HOST} goes).
     */
    static List<String> rejoinTargets(List<RaftRegistry.Peer> voters, String self, int serfLanPort) {
        return voters.stream().filter(p -> !p.name().equals(self))
                .map(p -> p.address().substring(0, p.address().lastIndexOf(':')) + ":" + serfLanPort).toList();
    }

    /**
     * Consul's {@code rejoin_after_leave}: contacts the members this server knew (Consul keeps them in its serf
     * snapshot, Signpost in its Raft configuration), so that after a graceful leave the others see it again and
     * the leader adds it back. Retried as a join is, but at most {@value #REJOIN_ATTEMPTS} times, and never stops
     * the agent: a server that is not up yet joins this one itself when it starts.
     */
    void rejoin(List<String> lanAddresses) {
        synchronized (pendingJoins) {
            for (String address : lanAddresses) {
                if (pendingJoins.putIfAbsent(address, Instant.MIN) == null) {
                    rejoins.add(address);
                    LOG.info("serf: Attempting re-join to previously known node at {}", address);
                }
            }
        }
    }

    void attach(Lan transport) {
        this.lan = transport;
    }

    /** Where this agent's own part of a keyring operation runs. */
    void keyring(GossipKeys keys) {
        this.keys = keys;
    }

    // ---- the LAN port's handler

    @Override
    public List<MemberInfo> hello(MemberInfo from, List<MemberInfo> known) {
        members.heard(from);
        known.forEach(members::learned);
        return members.all();
    }

    @Override
    public void leave(MemberInfo from) {
        members.left(from.name());
        coordinates.forget(from.name());
    }

    @Override
    public void addVoter(MemberInfo server) {
        RaftRegistry raft = registry.current().orElseThrow(() -> new IllegalStateException("no Raft group here yet"));
        raft.addVoter(new RaftRegistry.Peer(server.name(), server.serverAddress()));
    }

    @Override
    public void addListener(MemberInfo client) {
        RaftRegistry raft = registry.current().orElseThrow(() -> new IllegalStateException("no Raft group here yet"));
        raft.addListener(new RaftRegistry.Peer(client.name(), client.serverAddress()));
    }

    @Override
    public RaftAdmin.Configuration raftConfiguration() {
        return registry.current().orElseThrow(NoLeaderException::new).admin().configuration();
    }

    @Override
    public Lan.KeyringAnswer keyring(Lan.KeyringCall call) {
        GossipKeys local = keys;
        if (local == null) {
            throw new IllegalStateException("this agent is still starting");
        }
        return local.local(call);
    }

    /** The Raft configuration as the server at this LAN address sees it. */
    RaftAdmin.Configuration raftConfigurationOf(String lanAddress) throws IOException {
        return lan.raftConfiguration(lanAddress);
    }

    // ---- the periodic work

    /** One round: refresh what we say of ourselves, talk to everyone, then act on what we learned. */
    synchronized void tick() {
        refreshSelf();
        gossip();
        formOrJoin();
        if (registry.cluster().isLeader()) {
            LeaderReconcile.run(members, registry.current().orElseThrow());
        }
    }

    private void refreshSelf() {
        MemberInfo self = members.self();
        String leader = registry.cluster().leaderName().orElse("");
        List<RaftRegistry.Peer> voters = registry.current().map(RaftRegistry::voters).orElse(List.of());
        members.updateSelf(self.withState(registry.current().isPresent(), voters, leader, self.left())
                .withCoordinates(coordinates.lan(), coordinates.wan()));
    }

    private void gossip() {
        MemberInfo self = members.self();
        List<MemberInfo> everyone = members.all();
        List<Future<?>> calls = new ArrayList<>();
        for (MemberInfo member : members.others()) {
            calls.add(io.submit(() -> {
                try {
                    Instant sent = clock.instant();
                    List<MemberInfo> answer = lan.hello(member.lanAddress(), self, everyone);
                    Duration rtt = Duration.between(sent, clock.instant());
                    absorb(member.name(), answer);
                    // Serf's ping acks carry the member's coordinate; the heartbeat's answer carries its own entry.
                    answer.stream().filter(m -> m.name().equals(member.name())).findFirst()
                            .ifPresent(m -> coordinates.observe(m, rtt));
                } catch (IOException e) {
                    LOG.debug("memberlist: no answer from {} at {}: {}", member.name(), member.lanAddress(), e.getMessage());
                }
            }));
        }
        Instant now = clock.instant();
        synchronized (pendingJoins) {
            // A join target that reached us by itself is joined.
            pendingJoins.keySet().removeIf(address -> members.others().stream()
                    .anyMatch(m -> m.lanAddress().equals(address) && members.status(m.name()) == Members.ALIVE));
        }
        for (Map.Entry<String, Instant> join : List.copyOf(pendingJoins.entrySet())) {
            if (join.getValue().isAfter(now)) {
                continue;
            }
            String address = join.getKey();
            calls.add(io.submit(() -> {
                boolean joined = join(address);
                synchronized (pendingJoins) {
                    if (joined) {
                        pendingJoins.remove(address);
                        if (rejoins.remove(address)) {
                            LOG.info("serf: Re-joined to previously known node at {}", address);
                        }
                    } else if (rejoins.contains(address)
                            && failedJoins.merge(address, 1, Integer::sum) >= REJOIN_ATTEMPTS) {
                        pendingJoins.remove(address);
                        rejoins.remove(address);
                        LOG.warn("serf: Failed to re-join previously known node at {}", address);
                    } else if (rejoins.contains(address)) {
                        pendingJoins.put(address, now.plus(retryDelay(failedJoins.get(address))));
                    } else if (failedJoins.merge(address, 1, Integer::sum) >= retryMax && retryMax > 0) {
                        pendingJoins.remove(address);
                        onGiveUp.accept(address);
                    } else {
                        Duration wait = retryDelay(failedJoins.getOrDefault(address, 1));
                        LOG.info("agent: retrying the join of {} in {} ms", address, wait.toMillis());
                        pendingJoins.put(address, now.plus(wait));
                    }
                }
            }));
        }
        for (Future<?> call : calls) {
            try {
                call.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("memberlist: a heartbeat did not finish: {}", e.toString());
            }
        }
    }

    /**
     * The wait after the Nth failed join of an address: 250 ms, doubling, up to {@code retry_interval}. Agents
     * started together (a harness, a compose file) find their peers not listening yet at the first attempt;
     * Consul waits the whole interval (30 s by default) then, Signpost retries sooner until the interval.
     */
    Duration retryDelay(int failures) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(retryInterval) < 0 ? wait : retryInterval;
    }

    private void absorb(String responder, List<MemberInfo> answer) {
        for (MemberInfo m : answer) {
            if (m.name().equals(responder)) {
                members.heard(m);
            } else {
                members.learned(m);
            }
        }
    }

    /** Joins a server at runtime ({@code PUT /v1/agent/join/ADDR}); true when it answered. */
    boolean join(String lanAddress) {
        try {
            MemberInfo self = members.self();
            List<MemberInfo> answer = lan.hello(lanAddress, self, members.all());
            absorb(answer.stream().filter(m -> m.lanAddress().equals(lanAddress)).map(MemberInfo::name).findFirst()
                    .orElse(""), answer);
            LOG.info("agent: Join completed. Synced with {}", lanAddress);
            return true;
        } catch (IOException e) {
            LOG.warn("agent: Join {} failed: {}", lanAddress, e.getMessage());
            return false;
        }
    }

    /** Tells every member that this agent leaves, and takes it out of the Raft group. */
    void leave() {
        MemberInfo self = members.self();
        members.updateSelf(self.withState(self.raftData(), self.voters(), self.leader(), true));
        registry.current().ifPresent(raft -> {
            // Consul's Server.Leave removes a server only when others remain: the last voter cannot go, and its
            // Raft data brings it back as the same one-server cluster (docker stop of a -bootstrap server).
            if (raft.voters().stream().allMatch(p -> p.name().equals(self.name()))) {
                return;
            }
            try {
                raft.removeVoter(self.name());
            } catch (RuntimeException e) {
                LOG.warn("consul: could not leave the Raft group cleanly: {}", e.getMessage());
            }
        });
        for (MemberInfo member : members.others()) {
            try {
                lan.leave(member.lanAddress(), members.self());
            } catch (IOException e) {
                LOG.debug("memberlist: {} did not hear our leave: {}", member.name(), e.getMessage());
            }
        }
        LOG.info("agent: Graceful leave complete");
    }

    /** Forms the Raft group (bootstrap), joins it, or asks to be added; package-private for tests. */
    void formOrJoin() {
        formation.formOrJoin();
    }

    void close() {
        io.shutdownNow();
    }
}
