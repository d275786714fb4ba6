package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.signpost.core.model.Check;

/**
 * The checks part of the catalog: each node's checks by ID. Holds no topic or session logic: {@link Catalog}
 * decides what a change touches. Not thread-safe: {@link CatalogState} owns it.
 */
final class CheckTable {
    private final Map<String, TreeMap<String, Check>> byNode = new HashMap<>();

    Optional<Check> get(String node, String checkId) {
        TreeMap<String, Check> onNode = byNode.get(node);
        return Optional.ofNullable(onNode == null ? null : onNode.get(checkId));
    }

    /** Stores a check on its node, replacing the one with its ID. */
    void put(Check check) {
        byNode.computeIfAbsent(check.node(), n -> new TreeMap<>()).put(check.checkId(), check);
    }

    Optional<Check> remove(String node, String checkId) {
        TreeMap<String, Check> onNode = byNode.get(node);
        return Optional.ofNullable(onNode == null ? null : onNode.remove(checkId));
    }

    /** Removes the checks bound to a service (none for the empty ID) and returns them by ID. */
    List<Check> removeService(String node, String serviceId) {
        List<Check> removed = ofService(node, serviceId);
        removed.forEach(check -> byNode.get(node).remove(check.checkId()));
        return removed;
    }

    /** Forgets a node's checks; true if it had any. */
    boolean removeNode(String node) {
        TreeMap<String, Check> removed = byNode.remove(node);
        return removed != null && !removed.isEmpty();
    }

    /** A node's checks by ID: a read-only view. */
    Collection<Check> onNode(String node) {
        TreeMap<String, Check> onNode = byNode.get(node);
        return onNode == null ? List.of() : Collections.unmodifiableCollection(onNode.values());
    }

    /** The checks bound to one service of a node by ID, or with the empty ID the node's own checks: a copy. */
    List<Check> ofService(String node, String serviceId) {
        List<Check> found = new ArrayList<>();
        for (Check check : onNode(node)) {
            if (check.serviceId().equals(serviceId)) {
                found.add(check);
            }
        }
        return found;
    }

    /** Replaces a node's checks with a snapshot's. */
    void restore(String node, List<Check> checks) {
        TreeMap<String, Check> onNode = new TreeMap<>();
        checks.forEach(check -> onNode.put(check.checkId(), check));
        byNode.put(node, onNode);
    }

    void clear() {
        byNode.clear();
    }
}
