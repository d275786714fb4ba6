package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A proxy's upstream (Consul's {@code structs.Upstream}): what the proxy dials and where it listens for the local
 * application. {@code config} is opaque to Consul and kept as given.
 *
 * @param destinationType "service" (the default Consul fills in) or "prepared_query"
 * @param meshGatewayMode the upstream's {@code MeshGateway.Mode}, "" when unset
 */
public record Upstream(String destinationType, String destinationNamespace, String destinationName,
                       String datacenter, String localBindAddress, int localBindPort, Map<String, Object> config,
                       String meshGatewayMode) {
    public Upstream {
        destinationType = orEmpty(destinationType);
        destinationNamespace = orEmpty(destinationNamespace);
        requireNonNull(destinationName, "destinationName");
        datacenter = orEmpty(datacenter);
        localBindAddress = orEmpty(localBindAddress);
        config = OpaqueConfig.copy(config);
        meshGatewayMode = orEmpty(meshGatewayMode);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
