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
 */
public record Service(String id, String name, List<String> tags, String address, int port,
                      Map<String, String> meta, Weights weights, boolean enableTagOverride,
                      long createIndex, long modifyIndex) {

    public Service {
        Names.checkName(id, "service ID");
        Names.checkName(name, "service name");
        tags = List.copyOf(requireNonNull(tags, "tags"));
        requireNonNull(address, "address");
        Names.checkPort(port);
        meta = Map.copyOf(requireNonNull(meta, "meta"));
        requireNonNull(weights, "weights");
    }

    public static Service of(String id, String name, String address, int port, List<String> tags) {
        return new Service(id, name, tags, address, port, Map.of(), Weights.DEFAULT, false, 0, 0);
    }

    public Service withIndexes(long create, long modify) {
        return new Service(id, name, tags, address, port, meta, weights, enableTagOverride, create, modify);
    }

    /** True when the two describe the same instance, ignoring indexes. */
    public boolean sameAs(Service other) {
        return id.equals(other.id) && name.equals(other.name) && tags.equals(other.tags)
                && address.equals(other.address) && port == other.port && meta.equals(other.meta)
                && weights.equals(other.weights) && enableTagOverride == other.enableTagOverride;
    }
}
