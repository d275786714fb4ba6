package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.GoDuration;
import dev.signpost.core.Registry;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.model.Session;

/**
 * Invalidates sessions whose TTL lapsed. Only the leader decides, against its own clock, and writes the
 * invalidation (with that clock's time, for lock delays) through Raft, so every replica applies the same.
 * A new leader gives every session a full TTL from the moment it took over, as Consul's leader resets its
 * session timers: a session is not lost to the time the cluster spent without a leader.
 *
 * <p>Called periodically from one thread; a failed round is logged and the next one tries again.
 */
final class SessionReaper {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReaper.class);

    private final Registry registry;
    private final Clock clock;
    /** When this server last became leader; 0 while it is not. */
    private long leaderSince;

    SessionReaper(Registry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One round; returns how many sessions were invalidated. */
    int reap() {
        try {
            long now = clock.millis();
            if (!registry.cluster().isLeader()) {
                leaderSince = 0;
                return 0;
            }
            if (leaderSince == 0) {
                leaderSince = now;
            }
            List<String> lapsed = registry.read(Registry.ReadMode.STALE, s -> s.sessions().value().stream()
                    .filter(session -> lapsed(session, now)).map(Session::id).toList());
            for (String id : lapsed) {
                registry.write(new SessionDestroy(id, now));
                LOG.info("consul.session: Session {} invalidated: TTL expired", id);
            }
            return lapsed.size();
        } catch (RuntimeException e) {
            LOG.warn("consul.session: expiring sessions failed: {}; trying again", e.getMessage());
            return 0;
        }
    }

    private boolean lapsed(Session session, long now) {
        if (session.deadlineMillis() <= 0 || session.ttl().isEmpty()) {
            return false;
        }
        long graceUntil = leaderSince + GoDuration.parse(session.ttl()).toMillis();
        return now >= Math.max(session.deadlineMillis(), graceUntil);
    }
}
