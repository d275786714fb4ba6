package dev.signpost.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.model.ExposePath;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceAddress;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Upstream;

/**
 * Reads a service definition's {@code Kind}, {@code TaggedAddresses}, {@code Proxy} and {@code Connect.Native} out of a
 * request body (Consul's {@code structs.ServiceDefinition}, snake_case accepted as {@link Body} does), and checks them
 * as Consul's {@code NodeService.Validate} does. {@code Connect.SidecarService} is {@link SidecarDefinitions}'.
 */
final class MeshDefinitions {
    private MeshDefinitions() {
    }

    /** The service with the mesh fields of its definition. */
    static Service withMesh(Service service, Body body) {
        // Consul keeps any kind it is given (NodeService.Validate checks proxies and gateways, no other kind).
        String kind = body.text("Kind", "");
        ServiceProxy proxy = body.object("Proxy").map(MeshDefinitions::proxy).orElse(ServiceProxy.NONE);
        boolean nativeConnect = body.object("Connect").map(c -> c.bool("Native", false)).orElse(false);
        return service.withMesh(kind, taggedAddresses(body), proxy, nativeConnect);
    }

    /**
     * Consul's {@code NodeService.Validate} ({@code catalog}: the catalog's, which wants a proxy's port; else the
     * agent's, which may still pick one) with its multi-error text: the agent answers 400 "Validation failed: ...",
     * the catalog 500 with the RPC's error as Consul's HTTP layer passes any RPC error on.
     */
    static void validate(Service service, boolean catalog, ServiceKinds.SidecarBlock sidecar) {
        List<String> errors = ServiceKinds.errors(service, catalog, sidecar);
        if (!errors.isEmpty()) {
            String text = ServiceKinds.multiError(errors);
            throw catalog ? new ApiException(500, text) : ApiException.badRequest("Validation failed: " + text);
        }
    }

    private static Map<String, ServiceAddress> taggedAddresses(Body body) {
        Map<String, ServiceAddress> out = new LinkedHashMap<>();
        body.object("TaggedAddresses").ifPresent(tagged -> {
            for (String tag : tagged.fieldNames()) {
                Body address = tagged.object(tag).orElseThrow();
                int port = address.integer("Port", 0);
                if (port < 0 || port > 65535) {
                    throw ApiException.badRequest("Invalid service port " + port);
                }
                out.put(tag, new ServiceAddress(address.text("Address", ""), port));
            }
        });
        return out;
    }

    static ServiceProxy proxy(Body p) {
        List<Upstream> upstreams = p.objects("Upstreams").stream().map(MeshDefinitions::upstream).toList();
        Body expose = p.object("Expose").orElse(Body.empty("Expose"));
        List<ExposePath> paths = expose.objects("Paths").stream().map(e -> new ExposePath(e.integer("ListenerPort", 0),
                e.text("Path", ""), e.integer("LocalPathPort", 0), e.text("Protocol", ""),
                e.bool("ParsedFromCheck", false))).toList();
        Body transparent = p.object("TransparentProxy").orElse(Body.empty("TransparentProxy"));
        return new ServiceProxy(p.text("DestinationServiceName", ""), p.text("DestinationServiceID", ""),
                p.text("LocalServiceAddress", ""), p.integer("LocalServicePort", 0), p.text("Mode", ""),
                p.anyMap("Config"), upstreams, meshGatewayMode(p), expose.bool("Checks", false), paths,
                transparent.integer("OutboundListenerPort", 0), transparent.bool("DialedDirectly", false));
    }

    /** An upstream; an unset destination type is "service", as Consul's {@code ServiceDefinition.NodeService} sets. */
    private static Upstream upstream(Body u) {
        String type = u.text("DestinationType", "");
        return new Upstream(type.isEmpty() ? "service" : type, u.text("DestinationNamespace", ""),
                u.text("DestinationName", ""), u.text("Datacenter", ""), u.text("LocalBindAddress", ""),
                u.integer("LocalBindPort", 0), u.anyMap("Config"), meshGatewayMode(u));
    }

    private static String meshGatewayMode(Body b) {
        return b.object("MeshGateway").map(m -> m.text("Mode", "")).orElse("");
    }
}
