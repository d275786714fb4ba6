package dev.signpost.agent;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent started, kept in the order it is stopped: the reverse of the start, except Raft, which starts late
 * (once the cluster forms) yet stops after the HTTP and DNS listeners and before the LAN port. Apart from
 * {@link Agent} so that rule lives in one place, and a part that fails to stop is one log line while the others
 * still stop. Not thread-safe: the agent starts parts before it runs and stops them under its monitor.
 */
final class StopOrder {
    private static final Logger LOG = LoggerFactory.getLogger(StopOrder.class);

    private final List<AutoCloseable> parts = new ArrayList<>();

    /** A part stopped before everything added so far. */
    void add(AutoCloseable part) {
        parts.add(part);
    }

    /** Raft's registry: stopped after the listeners, before the LAN port (the first part added). */
    void addRaft(AutoCloseable raft) {
        parts.add(1, raft);
    }

    /** Stops every part, last added first, logging the ones that fail. */
    void stopAll() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("agent: stopping {} failed: {}", parts.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        parts.clear();
    }
}
