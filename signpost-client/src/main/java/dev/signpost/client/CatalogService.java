package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One instance as {@code /v1/catalog/service/<name>} returns it (Consul's {@code ServiceNode}). */
public record CatalogService(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("NodeMeta") Map<String, String> nodeMeta,
        @JsonProperty("ServiceKind") String serviceKind,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("ServiceAddress") String serviceAddress,
        @JsonProperty("ServiceWeights") Weights serviceWeights,
        @JsonProperty("ServiceMeta") Map<String, String> serviceMeta,
        @JsonProperty("ServicePort") int servicePort,
        @JsonProperty("ServiceEnableTagOverride") boolean serviceEnableTagOverride,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public CatalogService {
        id = Wire.str(id);
        node = Wire.str(node);
        address = Wire.str(address);
        datacenter = Wire.str(datacenter);
        taggedAddresses = Wire.map(taggedAddresses);
        nodeMeta = Wire.map(nodeMeta);
        serviceKind = Wire.str(serviceKind);
        serviceId = Wire.str(serviceId);
        serviceName = Wire.str(serviceName);
        serviceTags = Wire.list(serviceTags);
        serviceAddress = Wire.str(serviceAddress);
        serviceWeights = serviceWeights == null ? Weights.DEFAULT : serviceWeights;
        serviceMeta = Wire.map(serviceMeta);
    }

    /** The address clients should dial: {@code ServiceAddress}, or the node's {@code Address} when it is empty. */
    public String effectiveAddress() {
        return serviceAddress.isEmpty() ? address : serviceAddress;
    }
}
