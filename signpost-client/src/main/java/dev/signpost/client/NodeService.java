package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A service on a node, as in {@code /v1/catalog/node/<node>} and {@code /v1/health/service/<name>}. */
public record NodeService(
        @JsonProperty("Kind") String kind,
        @JsonProperty("ID") String id,
        @JsonProperty("Service") String service,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Port") int port,
        @JsonProperty("Weights") Weights weights,
        @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public NodeService {
        kind = Wire.str(kind);
        id = Wire.str(id);
        service = Wire.str(service);
        tags = Wire.list(tags);
        address = Wire.str(address);
        meta = Wire.map(meta);
        weights = weights == null ? Weights.DEFAULT : weights;
    }
}
