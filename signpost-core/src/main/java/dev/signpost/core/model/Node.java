package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A catalog node: a host running an agent, or one registered through the catalog API.
 *
 * @param id stable node ID (a UUID, or "" when a catalog registration gave none)
 * @param name node name, unique in the datacenter
 * @param address the address clients reach the node's services at when a service has none of its own
 */
public record Node(String id, String name, String address, String datacenter,
                   Map<String, String> taggedAddresses, Map<String, String> meta,
                   long createIndex, long modifyIndex) {

    public Node {
        requireNonNull(id, "id");
        Names.checkName(name, "node name");
        requireNonNull(address, "address");
        requireNonNull(datacenter, "datacenter");
        taggedAddresses = Map.copyOf(requireNonNull(taggedAddresses, "taggedAddresses"));
        meta = Map.copyOf(requireNonNull(meta, "meta"));
    }

    /** A node as a write carries it: indexes are given by the state machine. */
    public static Node of(String id, String name, String address, String datacenter) {
        return new Node(id, name, address, datacenter, Map.of(), Map.of(), 0, 0);
    }

    public Node withIndexes(long create, long modify) {
        return new Node(id, name, address, datacenter, taggedAddresses, meta, create, modify);
    }

    /** True when the two describe the same node, ignoring indexes. */
    public boolean sameAs(Node other) {
        return id.equals(other.id) && name.equals(other.name) && address.equals(other.address)
                && datacenter.equals(other.datacenter) && taggedAddresses.equals(other.taggedAddresses)
                && meta.equals(other.meta);
    }
}
