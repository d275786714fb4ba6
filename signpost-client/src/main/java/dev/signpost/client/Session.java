package dev.signpost.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A session as {@code /v1/session/info} returns it; {@code LockDelay} is in nanoseconds, TTL a duration string. */
public record Session(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Node") String node,
        @JsonProperty("LockDelay") long lockDelay,
        @JsonProperty("Behavior") String behavior,
        @JsonProperty("TTL") String ttl,
        @JsonProperty("NodeChecks") List<String> nodeChecks,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public Session {
        id = Wire.str(id);
        name = Wire.str(name);
        node = Wire.str(node);
        behavior = Wire.str(behavior);
        ttl = Wire.str(ttl);
        nodeChecks = Wire.list(nodeChecks);
    }
}
