package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.metrics.Metrics;

/**
 * The agents this one knows of, with when each was last heard from directly. A member not heard from
 * for {@code failAfter} is failed (Serf status 4); one that announced it leaves is left (3).
 *
 * <p>Thread-safe; the clock comes from outside so tests can move time.
 */
final class Members {
    private static final Logger LOG = LoggerFactory.getLogger(Members.class);

    /** Serf's member status codes, as {@code /v1/agent/members} shows them. */
    static final int ALIVE = 1;
    static final int LEFT = 3;
    static final int FAILED = 4;

    private final Clock clock;
    private final Duration failAfter;
    private final String self;
    private final Map<String, Entry> members = new TreeMap<>();
    /** Members forced out with prune: still gossiped as left (so the leader cleans up), no longer listed. */
    private final java.util.Set<String> pruned = new java.util.HashSet<>();

    private record Entry(MemberInfo info, Instant lastHeard) {
    }

    private Metrics.Counter joins = Metrics.none().counter("serf.member.join");
    private Metrics.Counter leaves = joins;

    /** Counts members joining (or coming back) and leaving as Serf's {@code consul.serf.member.join} and {@code .left}. */
    synchronized void meteredBy(Metrics metrics) {
        joins = metrics.counter("serf.member.join");
        leaves = metrics.counter("serf.member.left");
    }

    Members(Clock clock, Duration failAfter, MemberInfo self) {
        this.clock = requireNonNull(clock, "clock");
        this.failAfter = requireNonNull(failAfter, "failAfter");
        this.self = self.name();
        members.put(self.name(), new Entry(self, Instant.MAX));
    }

    /** Replaces what we say about ourselves. */
    synchronized void updateSelf(MemberInfo info) {
        members.put(self, new Entry(info, Instant.MAX));
    }

    synchronized MemberInfo self() {
        return members.get(self).info();
    }

    /** A message came from this member itself: it is alive now. */
    synchronized void heard(MemberInfo info) {
        if (info.name().equals(self)) {
            return;
        }
        Entry previous = members.put(info.name(), new Entry(info, clock.instant()));
        if (previous == null) {
            LOG.info("serf: EventMemberJoin: {} {}", info.name(), info.address());
            joins.increment();
            if (info.isServer()) {
                LOG.info("consul: adding server {} (Addr: {}) (DC: {})", info.name(), info.serverAddress(),
                        info.datacenter());
            }
        } else if (info.left() && !previous.info().left()) {
            // A leaving agent's last heartbeats already say so, and may arrive before its leave message, which
            // then changes nothing: the leave is logged on whichever comes first.
            LOG.info("serf: EventMemberLeave: {} {}", info.name(), info.address());
            leaves.increment();
        } else if (status(previous) != ALIVE && !info.left()) {
            LOG.info("serf: EventMemberJoin: {} {} (back)", info.name(), info.address());
            joins.increment();
        }
    }

    /** Another member told us of this one: learn it if new, but do not count it as heard. */
    synchronized void learned(MemberInfo info) {
        if (info.name().equals(self) || members.containsKey(info.name())) {
            Entry known = members.get(info.name());
            if (known != null && !info.name().equals(self) && info.incarnation() > known.info().incarnation()
                    && !info.left()) {
                // A newer run of a member we had as left (or older): take what it says, but it counts as heard
                // only once it talks to us itself.
                members.put(info.name(), new Entry(info, known.lastHeard()));
                return;
            }
            if (known != null && info.left() && !known.info().left()
                    && info.incarnation() >= known.info().incarnation()) {
                members.put(info.name(), new Entry(known.info().withState(false, List.of(), "", true), known.lastHeard()));
                LOG.info("serf: EventMemberLeave: {} {}", info.name(), info.address());
                leaves.increment();
            }
            return;
        }
        members.put(info.name(), new Entry(info, clock.instant()));
        LOG.info("serf: EventMemberJoin: {} {}", info.name(), info.address());
        joins.increment();
    }

    /** The member announced it leaves. */
    synchronized void left(String name) {
        Entry known = members.get(name);
        if (known != null && !known.info().left()) {
            members.put(name, new Entry(known.info().withState(false, List.of(), "", true), known.lastHeard()));
            LOG.info("serf: EventMemberLeave: {} {}", name, known.info().address());
            leaves.increment();
        }
    }

    /**
     * Consul's force-leave: the member is left (the leader then takes it out of the catalog and of the Raft
     * group), and with {@code prune} no longer listed; false when there is no such member. This agent cannot
     * leave so.
     */
    synchronized boolean forceLeave(String name, boolean prune) {
        Entry known = members.get(name);
        if (known == null || name.equals(self)) {
            return known != null;
        }
        left(name);
        if (prune) {
            pruned.add(name);
            LOG.info("serf: EventMemberReap (forced): {} {}", name, known.info().address());
        }
        return true;
    }

    /** The members {@code /v1/agent/members} lists: all but those pruned while left. */
    synchronized List<MemberInfo> listed() {
        return members.values().stream().map(Entry::info)
                .filter(m -> !(pruned.contains(m.name()) && m.left())).toList();
    }

    synchronized List<MemberInfo> all() {
        return members.values().stream().map(Entry::info).toList();
    }

    /** Members other than this agent that have not left. */
    synchronized List<MemberInfo> others() {
        List<MemberInfo> out = new ArrayList<>();
        for (Entry e : members.values()) {
            if (!e.info().name().equals(self) && !e.info().left()) {
                out.add(e.info());
            }
        }
        return out;
    }

    synchronized int status(String name) {
        Entry e = members.get(name);
        return e == null ? FAILED : status(e);
    }

    synchronized Optional<MemberInfo> get(String name) {
        return Optional.ofNullable(members.get(name)).map(Entry::info);
    }

    private int status(Entry e) {
        if (e.info().left()) {
            return LEFT;
        }
        if (e.info().name().equals(self)) {
            return ALIVE;
        }
        return Duration.between(e.lastHeard(), clock.instant()).compareTo(failAfter) > 0 ? FAILED : ALIVE;
    }

    /**
     * The coordinates among servers that the alive servers of this datacenter last reported (this one's included), by
     * name: what Consul's servers know of each other from their WAN pool.
     */
    synchronized List<NodeCoordinate> serverCoordinates() {
        List<NodeCoordinate> out = new ArrayList<>();
        for (MemberInfo server : aliveServers()) {
            server.wanCoordinate().ifPresent(c -> out.add(new NodeCoordinate(server.name(), "", c)));
        }
        return out;
    }

    /** Servers of this datacenter that are alive. */
    synchronized List<MemberInfo> aliveServers() {
        List<MemberInfo> out = new ArrayList<>();
        for (Entry e : members.values()) {
            if (e.info().isServer() && e.info().datacenter().equals(self().datacenter()) && status(e) == ALIVE) {
                out.add(e.info());
            }
        }
        return out;
    }
}
