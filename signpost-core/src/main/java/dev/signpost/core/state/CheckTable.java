package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.signpost.core.model.Check;

/**
 * The checks part of the catalog: each node's checks by ID, indexed by the service they are bound to, so that
 * registering or removing a service costs what its own checks cost, not what all the node's checks cost. Node
 * checks are indexed under the empty service ID (no service has it). A check bound to a service that is not
 * registered is indexed all the same, and found when that service comes. Holds no topic or session logic:
 * {@link Catalog} decides what a change touches. Not thread-safe: {@link CatalogState} owns it.
 */
final class CheckTable {
    private final Map<String, NodeChecks> byNode = new HashMap<>();

    Optional<Check> get(String node, String checkId) {
        NodeChecks onNode = byNode.get(node);
        return Optional.ofNullable(onNode == null ? null : onNode.byId.get(checkId));
    }

    /** Stores a check on its node, replacing the one with its ID, which may have been bound to another service. */
    void put(Check check) {
        byNode.computeIfAbsent(check.node(), n -> new NodeChecks()).put(check);
    }

    Optional<Check> remove(String node, String checkId) {
        NodeChecks onNode = byNode.get(node);
        return Optional.ofNullable(onNode == null ? null : onNode.remove(checkId));
    }

    /** Removes the checks bound to a service (with the empty ID: the node's own) and returns them by ID. */
    List<Check> removeService(String node, String serviceId) {
        NodeChecks onNode = byNode.get(node);
        TreeSet<String> ids = onNode == null ? null : onNode.idsByService.remove(serviceId);
        List<Check> removed = new ArrayList<>();
        if (ids != null) {
            ids.forEach(id -> removed.add(onNode.byId.remove(id)));
        }
        return removed;
    }

    /** Forgets a node's checks; true if it had any. */
    boolean removeNode(String node) {
        NodeChecks removed = byNode.remove(node);
        return removed != null && !removed.byId.isEmpty();
    }

    /** A node's checks by ID: a read-only view. */
    Collection<Check> onNode(String node) {
        NodeChecks onNode = byNode.get(node);
        return onNode == null ? List.of() : Collections.unmodifiableCollection(onNode.byId.values());
    }

    /** The checks bound to one service of a node by ID, or with the empty ID the node's own checks: a new list. */
    List<Check> ofService(String node, String serviceId) {
        NodeChecks onNode = byNode.get(node);
        TreeSet<String> ids = onNode == null ? null : onNode.idsByService.get(serviceId);
        List<Check> found = new ArrayList<>();
        if (ids != null) {
            ids.forEach(id -> found.add(onNode.byId.get(id)));
        }
        return found;
    }

    /** Replaces a node's checks with a snapshot's, indexing them anew. */
    void restore(String node, List<Check> checks) {
        NodeChecks onNode = new NodeChecks();
        checks.forEach(onNode::put);
        byNode.put(node, onNode);
    }

    void clear() {
        byNode.clear();
    }

    /** One node's checks: by ID, and the IDs of each service's, sorted, kept in step by put and remove. */
    private static final class NodeChecks {
        final TreeMap<String, Check> byId = new TreeMap<>();
        final Map<String, TreeSet<String>> idsByService = new HashMap<>();

        void put(Check check) {
            Check previous = byId.put(check.checkId(), check);
            if (previous != null && !previous.serviceId().equals(check.serviceId())) {
                unindex(previous);
            }
            idsByService.computeIfAbsent(check.serviceId(), s -> new TreeSet<>()).add(check.checkId());
        }

        Check remove(String checkId) {
            Check removed = byId.remove(checkId);
            if (removed != null) {
                unindex(removed);
            }
            return removed;
        }

        private void unindex(Check check) {
            TreeSet<String> ids = idsByService.get(check.serviceId());
            ids.remove(check.checkId());
            if (ids.isEmpty()) {
                idsByService.remove(check.serviceId());
            }
        }
    }
}
