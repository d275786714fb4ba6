package dev.signpost.core.model;

import java.util.List;
import java.util.Map;

/**
 * A proxy's configuration (Consul's {@code structs.ConnectProxyConfig}): set on connect-proxy and gateway services,
 * {@link #NONE} on typical ones. Stored and served; Signpost runs no proxy itself.
 *
 * @param mode "", "direct" or "transparent"
 * @param meshGatewayMode {@code MeshGateway.Mode}, "" when unset
 * @param exposeChecks {@code Expose.Checks}
 * @param outboundListenerPort {@code TransparentProxy.OutboundListenerPort}
 * @param dialedDirectly {@code TransparentProxy.DialedDirectly}
 */
public record ServiceProxy(String destinationServiceName, String destinationServiceId, String localServiceAddress,
                           int localServicePort, String mode, Map<String, Object> config, List<Upstream> upstreams,
                           String meshGatewayMode, boolean exposeChecks, List<ExposePath> exposePaths,
                           int outboundListenerPort, boolean dialedDirectly) {
    public static final ServiceProxy NONE = new ServiceProxy("", "", "", 0, "", Map.of(), List.of(), "", false,
            List.of(), 0, false);

    public ServiceProxy {
        destinationServiceName = orEmpty(destinationServiceName);
        destinationServiceId = orEmpty(destinationServiceId);
        localServiceAddress = orEmpty(localServiceAddress);
        mode = orEmpty(mode);
        config = OpaqueConfig.copy(config);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        meshGatewayMode = orEmpty(meshGatewayMode);
        exposePaths = exposePaths == null ? List.of() : List.copyOf(exposePaths);
    }

    /** The same proxy pointing at a destination (a sidecar's defaults). */
    public ServiceProxy withDestination(String name, String id, String localAddress, int localPort) {
        return new ServiceProxy(name, id, localAddress, localPort, mode, config, upstreams, meshGatewayMode,
                exposeChecks, exposePaths, outboundListenerPort, dialedDirectly);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
