package dev.signpost.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/** {@code /v1/catalog/node/<node>}: the node and its services by ID. */
public record CatalogNode(
        @JsonProperty("Node") Node node,
        @JsonProperty("Services") Map<String, NodeService> services) {

    public CatalogNode {
        requireNonNull(node, "node");
        services = Wire.map(services);
    }
}
