package dev.signpost.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /v1/agent/self}: the agent's configuration (kept as a map, it varies by version) and its member entry. */
public record AgentSelf(
        @JsonProperty("Config") Map<String, Object> config,
        @JsonProperty("Member") Member member) {

    public AgentSelf {
        config = Wire.map(config);
        member = member == null ? new Member("", "", 0, Map.of(), 0, 0, 0, 0, 0, 0, 0) : member;
    }

    /** {@code Config.NodeName}; empty if absent. */
    public String nodeName() {
        return String.valueOf(config.getOrDefault("NodeName", ""));
    }

    /** {@code Config.Datacenter}; empty if absent. */
    public String datacenter() {
        return String.valueOf(config.getOrDefault("Datacenter", ""));
    }
}
