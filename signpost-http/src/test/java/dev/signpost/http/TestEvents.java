package dev.signpost.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.signpost.core.model.UserEvent;
import dev.signpost.core.state.EventLog;
import dev.signpost.core.watch.Watches;

/** User events for HTTP tests: core's log, with every waiting list woken by each event. */
final class TestEvents implements LocalAgent.Events {
    private final EventLog log = new EventLog();
    private final List<Runnable> waiting = new ArrayList<>();

    @Override
    public synchronized UserEvent fire(String name, byte[] payload, String nodeFilter, String serviceFilter,
                                       String tagFilter) {
        UserEvent event = log.fire(UUID.randomUUID().toString(), name, payload, nodeFilter, serviceFilter, tagFilter);
        waiting.forEach(Runnable::run);
        waiting.clear();
        return event;
    }

    @Override
    public synchronized EventLog.Listed list(String name) {
        return log.list(name);
    }

    @Override
    public synchronized Watches.Subscription watch(Runnable onChange) {
        waiting.add(onChange);
        return () -> {
            synchronized (this) {
                waiting.remove(onChange);
            }
        };
    }
}
