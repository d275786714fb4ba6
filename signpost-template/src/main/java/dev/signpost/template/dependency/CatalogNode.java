package dev.signpost.template.dependency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.signpost.template.lang.GoNil;
import dev.signpost.template.lang.GoRecord;
import dev.signpost.template.lang.GoSlice;

import static java.util.Objects.requireNonNull;

/**
 * What {@code node} returns ({@code *dependency.CatalogNode}): {@code .Node} and its {@code .Services}, sorted by
 * service name then ID by {@link #of}. Immutable.
 */
public record CatalogNode(NodeInfo node, List<CatalogNodeService> services) implements GoRecord<CatalogNode> {

    private static final Fields<CatalogNode> GO = Fields.<CatalogNode>struct("*dependency.CatalogNode")
            .field("Node", CatalogNode::node)
            .field("Services", CatalogNode::services)
            .build();

    /** The typed nil that {@code node} returns for a node the registry does not know. */
    public static final GoNil NIL = GO.nil();

    public CatalogNode {
        requireNonNull(node, "node");
        services = GoSlice.of("*dependency.CatalogNodeService", services);
    }

    /** A node with its services in consul-template's order: by service name, then ID. */
    public static CatalogNode of(NodeInfo node, List<CatalogNodeService> services) {
        List<CatalogNodeService> sorted = new ArrayList<>(services);
        sorted.sort(Comparator.comparing(CatalogNodeService::service).thenComparing(CatalogNodeService::id));
        return new CatalogNode(node, sorted);
    }

    @Override
    public Fields<CatalogNode> goFields() {
        return GO;
    }
}
