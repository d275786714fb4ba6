package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.model.Session;

/**
 * Invalidates sessions whose TTL lapsed. Only the leader decides, against its own clock, and writes the
 * invalidation (with that clock's time, for lock delays) through Raft, so every replica applies the same.
 * Called periodically; a failed round is logged and the next one tries again.
 */
final class SessionReaper {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReaper.class);

    private final Registry registry;
    private final Clock clock;

    SessionReaper(Registry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One round; returns how many sessions were invalidated. */
    int reap() {
        try {
            if (!registry.cluster().isLeader()) {
                return 0;
            }
            long now = clock.millis();
            List<String> lapsed = registry.read(Registry.ReadMode.STALE, s -> s.sessions().value().stream()
                    .filter(session -> session.deadlineMillis() > 0 && session.deadlineMillis() <= now)
                    .map(Session::id).toList());
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
}
