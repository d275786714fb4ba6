package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.signpost.core.model.Session;

/**
 * The sessions part of the catalog, by ID. Holds no logic about locks: {@link SessionsAndLocks} decides what a
 * session's end does to its keys. Not thread-safe: {@link SessionsAndLocks} owns it.
 */
final class SessionTable {
    private final TreeMap<String, Session> sessions = new TreeMap<>();

    Optional<Session> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    void put(Session session) {
        sessions.put(session.id(), session);
    }

    Optional<Session> remove(String id) {
        return Optional.ofNullable(sessions.remove(id));
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
    }

    List<Session> onNode(String node) {
        List<Session> found = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.node().equals(node)) {
                found.add(s);
            }
        }
        return found;
    }

    /** The sessions of a node bound to one of its checks. */
    List<Session> boundTo(String node, String checkId) {
        List<Session> found = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.node().equals(node) && s.checks().contains(checkId)) {
                found.add(s);
            }
        }
        return found;
    }

    Map<String, Session> entries() {
        return sessions;
    }

    void restore(List<Session> restored) {
        sessions.clear();
        restored.forEach(this::put);
    }
}
