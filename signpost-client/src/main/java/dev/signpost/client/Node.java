package dev.signpost.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A catalog node as {@code /v1/catalog/nodes} and {@code /v1/health/service} return it. */
public record Node(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public Node {
        id = Wire.str(id);
        node = Wire.str(node);
        address = Wire.str(address);
        datacenter = Wire.str(datacenter);
        taggedAddresses = Wire.map(taggedAddresses);
        meta = Wire.map(meta);
    }
}
