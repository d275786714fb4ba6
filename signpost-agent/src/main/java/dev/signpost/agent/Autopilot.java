package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.http.ClusterOperator.AutopilotServer;
import dev.signpost.http.ClusterOperator.AutopilotState;

/**
 * Consul's autopilot as policy, with no I/O: from the Raft configuration as the leader sees it (each server's log
 * index and last contact) and each server's member status, it judges every server's health under the replicated
 * {@link AutopilotConfig} (raft-autopilot's isHealthy), keeps when each server's health last changed (StableSince),
 * derives the failure tolerance, and picks the failed servers that dead-server clean-up may remove without going
 * below MinQuorum or removing a majority of the voters (raft-autopilot's adjudicateRemoval).
 *
 * <p>Thread-safe: the StableSince memory is guarded by this object.
 */
final class Autopilot {
    private static final Logger LOG = LoggerFactory.getLogger(Autopilot.class);

    /** One Raft server as the inputs describe it; {@code nodeStatus} is Serf's word (alive, failed, left...). */
    record Peer(String id, String name, String address, boolean voter, boolean leader, long lastIndex,
                long lastContactMillis, String nodeStatus) {
        Peer {
            requireNonNull(id, "id");
            requireNonNull(name, "name");
            requireNonNull(address, "address");
            requireNonNull(nodeStatus, "nodeStatus");
        }
    }

    private record Health(boolean healthy, Instant since) {
    }

    private final Map<String, Health> health = new HashMap<>();

    /**
     * The state now: a server is healthy when its member is alive, the leader heard from it within
     * LastContactThreshold, and it trails the leader's log by at most MaxTrailingLogs entries.
     */
    synchronized AutopilotState observe(AutopilotConfig config, List<Peer> peers, long term, String version,
                                        Instant now) {
        long leaderIndex = peers.stream().filter(Peer::leader).mapToLong(Peer::lastIndex).findFirst().orElse(0);
        List<AutopilotServer> servers = new ArrayList<>();
        for (Peer p : peers) {
            boolean healthy = healthy(config, p, leaderIndex);
            Health previous = health.get(p.id());
            Instant since = previous != null && previous.healthy() == healthy ? previous.since() : now;
            health.put(p.id(), new Health(healthy, since));
            String status = p.leader() ? "leader" : p.voter() ? "voter" : "non-voter";
            servers.add(new AutopilotServer(p.id(), p.name(), p.address(), p.nodeStatus(), version,
                    p.leader() ? 0 : p.lastContactMillis(), term, p.lastIndex(), healthy, since, status,
                    p.voter(), Map.of("consul-network-segment", "", "consul-version", version)));
        }
        health.keySet().retainAll(peers.stream().map(Peer::id).toList());
        List<AutopilotServer> voters = servers.stream().filter(AutopilotServer::voter)
                .sorted(Comparator.comparing((AutopilotServer s) -> !s.status().equals("leader"))
                        .thenComparing(s -> !s.healthy()).thenComparing(AutopilotServer::stableSince))
                .toList();
        long healthyVoters = voters.stream().filter(AutopilotServer::healthy).count();
        int quorum = voters.size() / 2 + 1;
        int tolerance = (int) Math.max(0, healthyVoters - quorum);
        String leader = servers.stream().filter(s -> s.status().equals("leader")).map(AutopilotServer::id)
                .findFirst().orElse("");
        return new AutopilotState(servers.stream().allMatch(AutopilotServer::healthy), tolerance, tolerance, leader,
                voters.stream().map(AutopilotServer::id).toList(), servers);
    }

    private static boolean healthy(AutopilotConfig config, Peer p, long leaderIndex) {
        if (!p.nodeStatus().equals("alive")) {
            return false;
        }
        if (!p.leader() && Duration.ofMillis(p.lastContactMillis()).compareTo(config.lastContactThreshold()) > 0) {
            return false;
        }
        return leaderIndex <= config.maxTrailingLogs() || p.lastIndex() >= leaderIndex - config.maxTrailingLogs();
    }

    /**
     * The names of the failed voters that dead-server clean-up removes now, in ID order: none unless
     * CleanupDeadServers; never the leader; never so many that fewer than MinQuorum voters remain, nor a majority
     * of the voters at once.
     */
    static List<String> deadServersToRemove(AutopilotConfig config, AutopilotState state) {
        if (!config.cleanupDeadServers()) {
            return List.of();
        }
        int voters = state.voters().size();
        int maxRemoval = (voters - 1) / 2;
        int removed = 0;
        List<String> out = new ArrayList<>();
        List<AutopilotServer> failed = state.servers().stream()
                .filter(s -> s.voter() && !s.status().equals("leader") && s.nodeStatus().equals("failed")
                        && !s.healthy())
                .sorted(Comparator.comparing(AutopilotServer::id)).toList();
        for (AutopilotServer s : failed) {
            if (voters - removed - 1 < config.minQuorum()) {
                LOG.debug("autopilot: will not remove server node {} as it would leave less voters than the minimum "
                        + "number allowed ({})", s.name(), config.minQuorum());
            } else if (removed >= maxRemoval) {
                LOG.debug("autopilot: will not remove server node {} as removal of a majority of voting servers is "
                        + "not safe", s.name());
            } else {
                removed++;
                out.add(s.name());
            }
        }
        return out;
    }
}
