package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A user event (Consul's {@code /v1/event/fire}): a name and an optional payload, with the filters the firing
 * request gave, kept by the agent it was fired on.
 *
 * @param payload the body of the fire request; empty for none
 * @param ltime the event's Lamport time on this agent
 */
public record UserEvent(String id, String name, byte[] payload, String nodeFilter, String serviceFilter,
                        String tagFilter, int version, long ltime) {
    public UserEvent {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        payload = payload.clone();
        requireNonNull(nodeFilter, "nodeFilter");
        requireNonNull(serviceFilter, "serviceFilter");
        requireNonNull(tagFilter, "tagFilter");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
