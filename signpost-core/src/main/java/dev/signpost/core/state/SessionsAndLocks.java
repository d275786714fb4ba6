package dev.signpost.core.state;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Session;
import dev.signpost.core.watch.Topic;

/**
 * Sessions and the KV locks they hold (Consul's session and lock rules): creation against the catalog, renewal,
 * invalidation that releases or deletes a session's keys and puts them in lock delay and deletes its prepared queries. Deterministic like every
 * apply: lock delays run from the latest writer's clock a command carried, never from this machine's.
 * Not thread-safe: {@link CatalogState} owns it.
 */
final class SessionsAndLocks {
    private final SessionTable sessions = new SessionTable();
    private final Catalog catalog;
    private final KvTable kv;
    private final QueryTable queries;
    /** The latest writer's clock carried by a command: when a session ends by a check, lock delays run from it. */
    private long clockMillis;

    SessionsAndLocks(Catalog catalog, KvTable kv, QueryTable queries) {
        this.catalog = catalog;
        this.kv = kv;
        this.queries = queries;
    }

    /** Moves the clock to a command's, never back. */
    void tick(long nowMillis) {
        clockMillis = Math.max(clockMillis, nowMillis);
    }

    long clockMillis() {
        return clockMillis;
    }

    /** Why a session cannot be created, if it cannot: the messages Consul gives. */
    Optional<String> refusal(Session session) {
        if (catalog.node(session.node()).isEmpty()) {
            return Optional.of("Missing node registration");
        }
        for (String checkId : session.checks()) {
            Optional<Check> check = catalog.check(session.node(), checkId);
            if (check.isEmpty()) {
                return Optional.of("Missing check '" + checkId + "' registration");
            }
            if (check.get().status() == HealthStatus.CRITICAL) {
                return Optional.of("Check '" + checkId + "' is in critical state");
            }
        }
        return Optional.empty();
    }

    boolean create(Session session, long index, Set<String> changed) {
        if (refusal(session).isPresent() || sessions.get(session.id()).isPresent()) {
            return false;
        }
        sessions.put(session.withIndexes(index, index));
        changed.add(Topic.SESSIONS);
        return true;
    }

    boolean renew(SessionRenew renew) {
        Optional<Session> session = sessions.get(renew.id());
        if (session.isEmpty()) {
            return false;
        }
        // A renewal is not a change a blocking query on sessions waits for; the index stays (as Consul).
        sessions.put(session.get().withDeadline(renew.deadlineMillis(), session.get().modifyIndex()));
        return true;
    }

    /**
     * Invalidates a session: its locks are released or deleted per its behavior, then in lock delay, and the prepared
     * queries bound to it are deleted.
     */
    boolean end(String id, long index, Set<String> changed) {
        Optional<Session> removed = sessions.remove(id);
        if (removed.isEmpty()) {
            return true; // destroying an unknown session succeeds, as in Consul
        }
        Session session = removed.get();
        kv.endSession(id, session.behavior() == Session.Behavior.DELETE, clockMillis + session.lockDelayMillis(),
                index, changed);
        queries.endSession(id, changed);
        changed.add(Topic.SESSIONS);
        return true;
    }

    /** Ends the sessions bound to a check of a node, which went critical or away. */
    void endBoundTo(String node, String checkId, long index, Set<String> changed) {
        for (Session session : sessions.boundTo(node, checkId)) {
            end(session.id(), index, changed);
        }
    }

    /** Ends every session of a node, which went away. */
    void endOnNode(String node, long index, Set<String> changed) {
        for (Session session : sessions.onNode(node)) {
            end(session.id(), index, changed);
        }
    }

    /** Acquires or releases a key's lock; false when refused. */
    boolean lock(KvLock lock, long index, Set<String> changed) {
        tick(lock.nowMillis());
        if (!lock.acquire()) {
            return kv.release(lock.key(), lock.value(), lock.flags(), lock.session(), index, changed);
        }
        if (sessions.get(lock.session()).isEmpty()) {
            return false;
        }
        return kv.acquire(lock.key(), lock.value(), lock.flags(), lock.session(), lock.nowMillis(), index, changed);
    }

    Optional<Session> session(String id) {
        return sessions.get(id);
    }

    /** Every session, by ID. */
    List<Session> all() {
        return sessions.all();
    }

    /** The sessions of one node, by ID. */
    List<Session> onNode(String node) {
        return sessions.onNode(node);
    }

    void restore(List<Session> restored, long restoredClockMillis) {
        sessions.restore(restored);
        clockMillis = restoredClockMillis;
    }
}
