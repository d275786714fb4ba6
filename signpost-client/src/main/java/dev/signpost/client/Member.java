package dev.signpost.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A gossip member as {@code /v1/agent/members} returns it; status 1 alive, 2 leaving, 3 left, 4 failed. */
public record Member(
        @JsonProperty("Name") String name,
        @JsonProperty("Addr") String addr,
        @JsonProperty("Port") int port,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("Status") int status,
        @JsonProperty("ProtocolMin") int protocolMin,
        @JsonProperty("ProtocolMax") int protocolMax,
        @JsonProperty("ProtocolCur") int protocolCur,
        @JsonProperty("DelegateMin") int delegateMin,
        @JsonProperty("DelegateMax") int delegateMax,
        @JsonProperty("DelegateCur") int delegateCur) {

    public Member {
        name = Wire.str(name);
        addr = Wire.str(addr);
        tags = Wire.map(tags);
    }
}
