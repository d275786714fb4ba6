package dev.signpost.core.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.signpost.core.model.UserEvent;

/**
 * The user events one agent keeps (agent/user_event.go): the latest 256, in memory, never replicated. The index
 * of a list is Consul's: the newest event's ID folded to 64 bits, so a blocking list waits for an index that
 * differs, not one that is larger.
 *
 * <p>Not thread-safe, and pure: the event's ID comes from the caller.
 */
public final class EventLog {
    /** How many events an agent keeps, as Consul's agent does. */
    public static final int KEPT = 256;

    private final ArrayDeque<UserEvent> events = new ArrayDeque<>();
    private long ltime;

    /** Adds an event with the next Lamport time, dropping the oldest beyond {@link #KEPT}. */
    public UserEvent fire(String id, String name, byte[] payload, String nodeFilter, String serviceFilter,
                          String tagFilter) {
        UserEvent event = new UserEvent(id, name, payload, nodeFilter, serviceFilter, tagFilter, 1, ++ltime);
        events.addLast(event);
        if (events.size() > KEPT) {
            events.removeFirst();
        }
        return event;
    }

    /** Events and the index of the whole log: a 64-bit hash, not a Raft index, so not an {@link Indexed}. */
    public record Listed(List<UserEvent> events, long index) {
        public Listed {
            events = List.copyOf(events);
        }
    }

    /** The events with this name ("" for all), oldest first, at the index of the whole log. */
    public Listed list(String name) {
        List<UserEvent> found = new ArrayList<>();
        for (UserEvent e : events) {
            if (name.isEmpty() || e.name().equals(name)) {
                found.add(e);
            }
        }
        return new Listed(found, index());
    }

    /** Consul's uuidToUint64 of the newest event's ID: its two halves XORed; 0 with no events. */
    public long index() {
        if (events.isEmpty()) {
            return 0;
        }
        UUID id = UUID.fromString(events.getLast().id());
        return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    }
}
