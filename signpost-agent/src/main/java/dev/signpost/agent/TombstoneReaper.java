package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.command.KvReapTombstones;
import dev.signpost.core.state.CatalogState;

/**
 * Consul's tombstone GC: a deleted key keeps a tombstone (so blocking queries on its prefix see the delete's
 * index) for the tombstone TTL, then the leader reaps it through Raft. Each round the leader notes the
 * catalog's last index; once a note is a TTL old, every tombstone up to its index is older than the TTL and is
 * reaped. A server that stops leading forgets its notes, and a new leader starts counting afresh, so a
 * tombstone lives at least the TTL.
 *
 * <p>Called periodically from one thread; a failed round is logged and the next one tries again.
 */
final class TombstoneReaper {
    private static final Logger LOG = LoggerFactory.getLogger(TombstoneReaper.class);
    /** Consul's {@code TombstoneTTL}. */
    static final Duration TTL = Duration.ofMinutes(15);
    /** Consul's {@code TombstoneTTLGranularity}: how often a round runs. */
    static final Duration GRANULARITY = Duration.ofSeconds(30);

    private final Registry registry;
    private final Clock clock;
    private final Duration ttl;
    private final Deque<Note> notes = new ArrayDeque<>();
    private long reapedUpTo;

    private record Note(long atMillis, long index) {
    }

    TombstoneReaper(Registry registry, Clock clock, Duration ttl) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.ttl = requireNonNull(ttl, "ttl");
    }

    /** One round; returns the index reaped up to, or 0 when nothing was due. */
    long reap() {
        try {
            if (!registry.cluster().isLeader()) {
                notes.clear();
                return 0;
            }
            long now = clock.millis();
            notes.addLast(new Note(now, registry.read(Registry.ReadMode.STALE, CatalogState::lastIndex)));
            Note due = null;
            while (!notes.isEmpty() && now - notes.peekFirst().atMillis() >= ttl.toMillis()) {
                due = notes.removeFirst();
            }
            if (due == null || due.index() <= reapedUpTo) {
                return 0;
            }
            boolean reaped = registry.write(new KvReapTombstones(due.index())).result();
            reapedUpTo = due.index();
            if (reaped) {
                LOG.info("consul.fsm: Reaped KV tombstones up to index {}", due.index());
            }
            return due.index();
        } catch (RuntimeException e) {
            LOG.warn("consul: reaping KV tombstones failed: {}; trying again", e.getMessage());
            return 0;
        }
    }
}
