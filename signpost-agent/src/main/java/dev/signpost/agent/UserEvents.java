package dev.signpost.agent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.signpost.core.model.UserEvent;
import dev.signpost.core.state.EventLog;
import dev.signpost.core.watch.Watches;
import dev.signpost.http.LocalAgent;

/**
 * This agent's user events: core's {@link EventLog} behind this object's monitor, with a random ID per event and
 * a wake-up for blocking lists once an event is in.
 *
 * <p>Thread-safe.
 */
final class UserEvents implements LocalAgent.Events {
    private static final String FIRED = "event";

    private final EventLog log = new EventLog();
    private final Watches watches = new Watches();

    @Override
    public UserEvent fire(String name, byte[] payload, String nodeFilter, String serviceFilter, String tagFilter) {
        UserEvent event;
        synchronized (this) {
            event = log.fire(UUID.randomUUID().toString(), name, payload, nodeFilter, serviceFilter, tagFilter);
        }
        watches.fire(Set.of(FIRED));
        return event;
    }

    @Override
    public synchronized EventLog.Listed list(String name) {
        return log.list(name);
    }

    @Override
    public Watches.Subscription watch(Runnable onChange) {
        return watches.subscribe(List.of(FIRED), List.of(), onChange);
    }
}
