package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A service registered with the local agent, as {@code /v1/agent/services} returns it. */
public record AgentService(
        @JsonProperty("ID") String id,
        @JsonProperty("Service") String service,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Port") int port,
        @JsonProperty("Address") String address,
        @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonProperty("Weights") Weights weights,
        @JsonProperty("Datacenter") String datacenter) {

    public AgentService {
        id = Wire.str(id);
        service = Wire.str(service);
        tags = Wire.list(tags);
        meta = Wire.map(meta);
        address = Wire.str(address);
        weights = weights == null ? Weights.DEFAULT : weights;
        datacenter = Wire.str(datacenter);
    }
}
