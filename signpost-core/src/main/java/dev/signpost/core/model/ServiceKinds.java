package dev.signpost.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Consul's service kinds and the checks its {@code NodeService.Validate} makes of a service's kind, proxy and Connect
 * fields (agent/structs/structs.go). Errors come back as a list, joined by {@link #multiError} the way Consul's
 * go-multierror prints them.
 */
public final class ServiceKinds {
    public static final String TYPICAL = "";
    public static final String CONNECT_PROXY = "connect-proxy";
    public static final String MESH_GATEWAY = "mesh-gateway";
    public static final String TERMINATING_GATEWAY = "terminating-gateway";
    public static final String INGRESS_GATEWAY = "ingress-gateway";
    public static final String API_GATEWAY = "api-gateway";
    private static final Set<String> UPSTREAM_TYPES = Set.of("", "service", "prepared_query");

    private ServiceKinds() {
    }

    /** Consul's {@code IsGateway}: mesh, terminating and ingress gateways (and API gateways, which carry no proxy). */
    public static boolean isGateway(String kind) {
        return kind.equals(MESH_GATEWAY) || kind.equals(TERMINATING_GATEWAY) || kind.equals(INGRESS_GATEWAY)
                || kind.equals(API_GATEWAY);
    }

    /**
     * What a definition's {@code Connect.SidecarService} block is, for the checks Consul makes of it.
     *
     * @param present the block is there
     * @param hasId it names an {@code ID} (the agent manages that)
     * @param nested it has a {@code SidecarService} of its own
     */
    public record SidecarBlock(boolean present, boolean hasId, boolean nested) {
        public static final SidecarBlock NONE = new SidecarBlock(false, false, false);
    }

    /** {@link #errors(Service, boolean, SidecarBlock)} for a definition with no sidecar block. */
    public static List<String> errors(Service s, boolean catalog) {
        return errors(s, catalog, SidecarBlock.NONE);
    }

    /**
     * What Consul's {@code ValidateForAgent} refuses in a service (a local agent can still pick a sidecar's port), and
     * with {@code catalog} also what {@code Validate} adds for catalog writes (a proxy's port).
     *
     * @param sidecar the definition's {@code Connect.SidecarService} block
     */
    public static List<String> errors(Service s, boolean catalog, SidecarBlock sidecar) {
        List<String> errors = new ArrayList<>();
        ServiceProxy p = s.proxy();
        if (catalog && s.isConnectProxy() && s.port() == 0) {
            errors.add("Port or SocketPath must be set for a connect-proxy");
        }
        if (s.isConnectProxy()) {
            if (p.destinationServiceName().isBlank()) {
                errors.add("Proxy.DestinationServiceName must be non-empty for Connect proxy services");
            }
            if (p.destinationServiceName().equals("*")) {
                errors.add("Proxy.DestinationServiceName must not be a wildcard for Connect proxy services");
            }
            if (s.connectNative()) {
                errors.add("A Proxy cannot also be Connect Native, only typical services");
            }
            upstreamErrors(p, errors);
        }
        if (isGateway(s.kind())) {
            gatewayErrors(s, sidecar.present(), errors);
        }
        if (sidecar.hasId()) {
            errors.add("A SidecarService cannot specify an ID as this is managed by the agent");
        }
        if (sidecar.nested()) {
            errors.add("A SidecarService cannot have a nested SidecarService");
        }
        if (s.connectNative() && s.port() == 0) {
            errors.add("Port or SocketPath must be set for a Connect native service.");
        }
        return errors;
    }

    private static void upstreamErrors(ServiceProxy p, List<String> errors) {
        Set<String> keys = new java.util.HashSet<>();
        Set<String> binds = new java.util.HashSet<>();
        for (Upstream u : p.upstreams()) {
            if (!UPSTREAM_TYPES.contains(u.destinationType())) {
                errors.add("unknown upstream destination type: \"" + u.destinationType() + "\"");
                continue;
            }
            if (u.destinationName().isEmpty()) {
                errors.add("upstream destination name cannot be empty");
                continue;
            }
            if (u.destinationName().equals("*")) {
                errors.add("upstream destination name cannot be a wildcard");
                continue;
            }
            if (u.localBindPort() == 0) {
                errors.add("upstream local bind port or local socket path must be defined and nonzero");
                continue;
            }
            String type = u.destinationType().isEmpty() ? "service" : u.destinationType();
            String key = "[type=" + type + ", name=" + u.destinationName() + ", dc=" + u.datacenter() + "]";
            if (!keys.add(type + "/" + u.destinationName() + "/" + u.datacenter())) {
                errors.add("upstreams cannot contain duplicates of " + key);
                continue;
            }
            String address = (u.localBindAddress().isEmpty() ? "127.0.0.1" : u.localBindAddress());
            address = (address.contains(":") ? "[" + address + "]" : address) + ":" + u.localBindPort();
            if (!binds.add(address)) {
                errors.add("upstreams cannot contain duplicates by local bind address and port or unix path; \""
                        + address + "\" is specified twice");
            }
        }
    }

    private static void gatewayErrors(Service s, boolean hasSidecar, List<String> errors) {
        ServiceProxy p = s.proxy();
        String kind = s.kind();
        if (s.port() == 0 && !kind.equals(INGRESS_GATEWAY) && !kind.equals(API_GATEWAY)) {
            errors.add("Port must be non-zero for a " + kind);
        }
        if (hasSidecar) {
            errors.add("A " + kind + " cannot have a sidecar service defined");
        }
        String[][] unset = {
            {p.destinationServiceName(), "DestinationServiceName"}, {p.destinationServiceId(), "DestinationServiceID"},
            {p.localServiceAddress(), "LocalServiceAddress"},
            {p.localServicePort() == 0 ? "" : "set", "LocalServicePort"},
            {p.upstreams().isEmpty() ? "" : "set", "Upstreams"},
        };
        for (String[] field : unset) {
            if (!field[0].isEmpty()) {
                errors.add("The Proxy." + field[1] + " configuration is invalid for a " + kind);
            }
        }
    }

    /** Errors as Consul's go-multierror prints them ("1 error occurred:\n\t* ...\n\n"). */
    public static String multiError(List<String> errors) {
        StringBuilder out = new StringBuilder();
        out.append(errors.size()).append(errors.size() == 1 ? " error occurred:\n\t" : " errors occurred:\n\t");
        out.append(String.join("\n\t", errors.stream().map(e -> "* " + e).toList()));
        return out.append("\n\n").toString();
    }
}
