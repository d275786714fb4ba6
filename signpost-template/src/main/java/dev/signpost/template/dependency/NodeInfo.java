package dev.signpost.template.dependency;

import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.GoMap;
import dev.signpost.template.lang.GoStruct;

import static java.util.Objects.requireNonNull;

/**
 * A catalog node as {@code nodes} and {@code node} return it ({@code *dependency.Node}):
 * {@code .ID .Node .Address .Datacenter .TaggedAddresses .Meta}. Immutable.
 */
public record NodeInfo(String id, String node, String address, String datacenter,
                       Map<String, String> taggedAddresses, Map<String, String> meta) implements GoStruct {

    private static final List<String> FIELDS = List.of("ID", "Node", "Address", "Datacenter", "TaggedAddresses",
            "Meta");

    public NodeInfo {
        requireNonNull(id, "id");
        requireNonNull(node, "node");
        requireNonNull(address, "address");
        requireNonNull(datacenter, "datacenter");
        taggedAddresses = GoMap.ofStrings(taggedAddresses);
        meta = GoMap.ofStrings(meta);
    }

    @Override
    public String goTypeName() {
        return "*dependency.Node";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String field) {
        return switch (field) {
            case "ID" -> id;
            case "Node" -> node;
            case "Address" -> address;
            case "Datacenter" -> datacenter;
            case "TaggedAddresses" -> taggedAddresses;
            case "Meta" -> meta;
            default -> NO_FIELD;
        };
    }
}
