package dev.signpost.template.dependency;

import java.util.List;

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

    public CatalogNode {
        requireNonNull(node, "node");
        services = GoSlice.of("*dependency.CatalogNodeService", services);
    }

    /** A node with its services in consul-template's order: by service name, then ID. */
    public static CatalogNode of(NodeInfo node, List<CatalogNodeService> services) {
        List<CatalogNodeService> sorted = new java.util.ArrayList<>(services);
        sorted.sort(java.util.Comparator.comparing(CatalogNodeService::service).thenComparing(CatalogNodeService::id));
        return new CatalogNode(node, sorted);
    }

    @Override
    public Fields<CatalogNode> goFields() {
        return GO;
    }
}
