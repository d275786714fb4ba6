package dev.signpost.raft;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.metrics.Metrics;

/**
 * Consul's Raft metrics, from what Ratis knows: {@code raft.apply} (writes the leader appended),
 * {@code raft.commitTime} (a leader's time from taking a write to applying it), {@code raft.state.leader} and
 * {@code raft.state.candidate} (elections won, and elections this server stood in), {@code raft.leader.lastContact}
 * (on the leader, each follower's time since its last answer, sampled every second), and the gauges
 * {@code raft.last_index} and {@code raft.applied_index}. Ratis has no candidate event: a term in which this server
 * was seen standing, or which it won, counts once.
 */
final class RaftMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(RaftMetrics.class);
    static final RaftMetrics NONE = new RaftMetrics(Metrics.none(), () -> null, () -> 0);

    final Metrics.Counter apply;
    final Metrics.Sample commitTime;
    private final Metrics.Counter leader;
    private final Metrics.Counter candidate;
    private final Metrics.Sample lastContact;
    private final Supplier<RaftServer.Division> division;
    private long candidateTerm = -1; // guarded by this
    private int ticks; // the sampling thread only

    RaftMetrics(Metrics metrics, Supplier<RaftServer.Division> division, LongSupplier appliedIndex) {
        this.division = division;
        apply = metrics.counter("raft.apply");
        commitTime = metrics.sample("raft.commitTime");
        leader = metrics.counter("raft.state.leader");
        candidate = metrics.counter("raft.state.candidate");
        lastContact = metrics.sample("raft.leader.lastContact");
        metrics.gauge("raft.applied_index", () -> Math.max(0, appliedIndex.getAsLong())); // -1 before the first
        metrics.gauge("raft.last_index", () -> {
            var last = division.get().getRaftLog().getLastEntryTermIndex();
            return last == null ? 0 : last.getIndex();
        });
    }

    /** Raft metrics sampled four times a second on {@code timer}. */
    static RaftMetrics start(Metrics metrics, Supplier<RaftServer.Division> division, LongSupplier appliedIndex,
                             ScheduledExecutorService timer) {
        RaftMetrics recorder = new RaftMetrics(metrics, division, appliedIndex);
        timer.scheduleWithFixedDelay(() -> {
            try {
                recorder.sample();
            } catch (RuntimeException e) {
                LOG.debug("raft: cannot sample metrics: {}", e.toString());
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** This server won an election: it stood as a candidate in that term too. */
    void becameLeader() {
        leader.increment();
        RaftServer.Division d = division.get();
        if (d != null) {
            stood(d.getInfo().getCurrentTerm());
        }
    }

    private synchronized void stood(long term) {
        if (term != candidateTerm) {
            candidateTerm = term;
            candidate.increment();
        }
    }

    /** Called four times a second: notices candidacy, and each second samples the followers' last contact. */
    void sample() {
        RaftServer.Division d = division.get();
        var info = d.getInfo();
        if (info.getCurrentRole() == RaftPeerRole.CANDIDATE) {
            stood(info.getCurrentTerm());
        }
        if (++ticks % 4 != 0 || !info.isLeader()) {
            return;
        }
        for (ServerRpcProto follower : info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList()) {
            lastContact.add(follower.getLastRpcElapsedTimeMs());
        }
    }
}
