package dev.signpost.template.dependency;

import java.util.Map;

import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoRecord;

import static java.util.Objects.requireNonNull;

/**
 * A catalog node as {@code nodes} and {@code node} return it ({@code *dependency.Node}):
 * {@code .ID .Node .Address .Datacenter .TaggedAddresses .Meta}. Immutable.
 */
public record NodeInfo(String id, String node, String address, String datacenter,
                       Map<String, String> taggedAddresses, Map<String, String> meta) implements GoRecord<NodeInfo> {

    private static final Fields<NodeInfo> GO = Fields.<NodeInfo>struct("*dependency.Node")
            .field("ID", NodeInfo::id)
            .field("Node", NodeInfo::node)
            .field("Address", NodeInfo::address)
            .field("Datacenter", NodeInfo::datacenter)
            .field("TaggedAddresses", NodeInfo::taggedAddresses)
            .field("Meta", NodeInfo::meta)
            .build();

    public NodeInfo {
        requireNonNull(id, "id");
        requireNonNull(node, "node");
        requireNonNull(address, "address");
        requireNonNull(datacenter, "datacenter");
        taggedAddresses = GoMap.ofStrings(taggedAddresses);
        meta = GoMap.ofStrings(meta);
    }

    @Override
    public Fields<NodeInfo> goFields() {
        return GO;
    }
}
