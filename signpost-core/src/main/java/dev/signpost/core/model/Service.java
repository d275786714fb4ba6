package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A service instance on a node.
 *
 * @param id unique on its node (registrator uses HOST:CONTAINER:PORT)
 * @param name the service name clients look up
 * @param address the instance's own address, or "" to mean the node's address
 * @param kind "" for a typical service, else {@link ServiceKinds}' connect-proxy or a gateway kind
 * @param taggedAddresses the service's addresses by tag ("lan", "wan", ...)
 * @param proxy the proxy configuration of a connect-proxy or gateway, {@link ServiceProxy#NONE} otherwise
 * @param connectNative Consul's {@code Connect.Native}: the service speaks Connect itself
 */
public record Service(String id, String name, List<String> tags, String address, int port,
                      Map<String, String> meta, Weights weights, boolean enableTagOverride,
                      long createIndex, long modifyIndex, String kind, Map<String, ServiceAddress> taggedAddresses,
                      ServiceProxy proxy, boolean connectNative) {

    public Service {
        Names.checkName(id, "service ID");
        Names.checkName(name, "service name");
        tags = List.copyOf(requireNonNull(tags, "tags"));
        requireNonNull(address, "address");
        Names.checkPort(port);
        meta = Map.copyOf(requireNonNull(meta, "meta"));
        requireNonNull(weights, "weights");
        // Absent in snapshots and log entries written before services had them.
        kind = kind == null ? "" : kind;
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        proxy = proxy == null ? ServiceProxy.NONE : proxy;
    }

    /** A typical service (no kind, tagged addresses, proxy or Connect). */
    public Service(String id, String name, List<String> tags, String address, int port, Map<String, String> meta,
                   Weights weights, boolean enableTagOverride, long createIndex, long modifyIndex) {
        this(id, name, tags, address, port, meta, weights, enableTagOverride, createIndex, modifyIndex, "", Map.of(),
                ServiceProxy.NONE, false);
    }

    public static Service of(String id, String name, String address, int port, List<String> tags) {
        return new Service(id, name, tags, address, port, Map.of(), Weights.DEFAULT, false, 0, 0);
    }

    public Service withIndexes(long create, long modify) {
        return new Service(id, name, tags, address, port, meta, weights, enableTagOverride, create, modify, kind,
                taggedAddresses, proxy, connectNative);
    }

    /** The same service with these mesh fields. */
    public Service withMesh(String newKind, Map<String, ServiceAddress> newTaggedAddresses, ServiceProxy newProxy,
                            boolean newConnectNative) {
        return new Service(id, name, tags, address, port, meta, weights, enableTagOverride, createIndex, modifyIndex,
                newKind, newTaggedAddresses, newProxy, newConnectNative);
    }

    /** True for a connect-proxy: it fronts {@code proxy().destinationServiceName()}. */
    public boolean isConnectProxy() {
        return kind.equals(ServiceKinds.CONNECT_PROXY);
    }

    /** True when the two describe the same instance, ignoring indexes. */
    public boolean sameAs(Service other) {
        return id.equals(other.id) && name.equals(other.name) && tags.equals(other.tags)
                && address.equals(other.address) && port == other.port && meta.equals(other.meta)
                && weights.equals(other.weights) && enableTagOverride == other.enableTagOverride
                && kind.equals(other.kind) && taggedAddresses.equals(other.taggedAddresses)
                && proxy.equals(other.proxy) && connectNative == other.connectNative;
    }
}
