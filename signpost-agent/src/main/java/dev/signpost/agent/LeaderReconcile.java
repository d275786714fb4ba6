package dev.signpost.agent;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry.ReadMode;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.raft.RaftRegistry;

/**
 * The leader's reconcile of members (Consul's {@code leader.go} reconcileMember), once a gossip round: every node's
 * {@code serfHealth} says whether it is heard from, a node that left is deregistered and a server that left leaves
 * the Raft group, and an alive server with Raft data outside the group is added back. Stateless; errors for one
 * member are logged in one line and the others go on.
 */
final class LeaderReconcile {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderReconcile.class);

    private LeaderReconcile() {
    }

    /** Brings every member's serfHealth and Raft membership in step with what gossip says of it. */
    static void run(Members members, RaftRegistry raft) {
        for (MemberInfo member : members.all()) {
            int status = members.status(member.name());
            Optional<Check> serf = raft.read(ReadMode.STALE, s -> s.nodeChecks(member.name()).value().stream()
                    .filter(c -> c.checkId().equals(Check.SERF_HEALTH)).findFirst());
            try {
                if (status == Members.LEFT) {
                    // A server that left (or was forced out) leaves the Raft group even if it never got into the
                    // catalog: one killed in its first seconds, then force-left, had not.
                    if (member.isServer() && raft.voters().stream().anyMatch(p -> p.name().equals(member.name()))) {
                        raft.removeVoter(member.name());
                    }
                    if (serf.isPresent()) {
                        raft.write(new DeregisterNode(member.name()));
                        LOG.info("consul: member '{}' left, deregistering", member.name());
                    }
                    continue;
                }
                if (status == Members.ALIVE && member.isServer() && member.raftData()
                        && member.datacenter().equals(members.self().datacenter())
                        && raft.voters().stream().noneMatch(p -> p.name().equals(member.name()))) {
                    // Consul's leader reconcile (joinConsulServer): an alive server with Raft data that is not in the
                    // group, e.g. one autopilot removed while it was dead and that started again, is added back.
                    raft.addVoter(new RaftRegistry.Peer(member.name(), member.serverAddress()));
                }
                if (serf.isEmpty()) {
                    // An alive node registers itself. One that failed before it did is registered here, critical,
                    // as Consul's leader does (handleFailedMember): a leader killed in its first seconds had not.
                    if (status == Members.FAILED) {
                        Node node = Node.of(member.id(), member.name(), member.address(), member.datacenter());
                        raft.write(new Register(node, List.of(),
                                List.of(Check.serfHealth(member.name(), HealthStatus.CRITICAL)), true));
                        LOG.warn("consul: member '{}' failed (not heard from), marking health critical", member.name());
                    }
                    continue;
                }
                HealthStatus wanted = status == Members.ALIVE ? HealthStatus.PASSING : HealthStatus.CRITICAL;
                if (serf.get().status() != wanted) {
                    Check marked = Check.serfHealth(member.name(), wanted);
                    raft.write(new UpdateCheck(member.name(), Check.SERF_HEALTH, wanted, marked.output()));
                    if (wanted == HealthStatus.PASSING) {
                        LOG.info("consul: member '{}' joined, marking health alive", member.name());
                    } else {
                        LOG.warn("consul: member '{}' failed (not heard from), marking health critical", member.name());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("consul: updating the health of member '{}' failed: {}", member.name(), e.getMessage());
            }
        }
    }
}
