package dev.signpost.core.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;

/**
 * The services part of the catalog: each node's services by ID, and the instances of each service name sorted
 * by node then ID. Holds no topic or index logic: {@link Catalog} decides what a change touches.
 * Not thread-safe: {@link CatalogState} owns it.
 */
final class ServiceTable {
    private final Map<String, TreeMap<String, Service>> byNode = new HashMap<>();
    private final Map<String, TreeSet<InstanceKey>> instancesByName = new HashMap<>();
    /**
     * Per service name, an instance whose name, tags, meta and weights the later instances of that name share
     * when theirs are equal. Instances of one name mostly carry the same values (the same image registered many
     * times), and each write decodes its own copies: 200,000 instances of one service with the same tags and meta
     * took 480 bytes each in the catalog, and take 280 with them shared.
     */
    private final Map<String, Service> exemplars = new HashMap<>();
    /** Per service name, the instances that serve it over Connect: its proxies, and its Connect-native instances. */
    private final Map<String, TreeSet<InstanceKey>> connectByName = new HashMap<>();
    /** How many instances there are of each non-typical kind, and "connect-native" ones: the usage counts. */
    private final Map<String, Integer> kindCounts = new HashMap<>();

    /** Where an instance lives: its node and its service ID there. */
    record InstanceKey(String node, String serviceId) implements Comparable<InstanceKey> {
        @Override
        public int compareTo(InstanceKey o) {
            int byNodeName = node.compareTo(o.node);
            return byNodeName != 0 ? byNodeName : serviceId.compareTo(o.serviceId);
        }
    }

    Optional<Service> get(String node, String serviceId) {
        TreeMap<String, Service> onNode = byNode.get(node);
        return Optional.ofNullable(onNode == null ? null : onNode.get(serviceId));
    }

    /** The service of an instance listed by {@link #instances}, which always exists. */
    Service get(InstanceKey key) {
        return byNode.get(key.node()).get(key.serviceId());
    }

    /**
     * Stores a service on a node, replacing the one with its ID (and its instance, if it had another name).
     * Returns what is stored: the same values, sharing equal ones with another instance of its name.
     */
    Service put(String node, Service wanted) {
        Service service = sharingValues(wanted);
        Service previous = byNode.computeIfAbsent(node, n -> new TreeMap<>()).put(service.id(), service);
        if (previous != null && !previous.name().equals(service.name())) {
            unlist(node, previous);
        }
        if (previous != null) {
            unlistConnect(node, previous);
            countKind(previous, -1);
        }
        countKind(service, 1);
        instancesByName.computeIfAbsent(service.name(), n -> new TreeSet<>()).add(new InstanceKey(node, service.id()));
        connectName(service).ifPresent(name ->
                connectByName.computeIfAbsent(name, n -> new TreeSet<>()).add(new InstanceKey(node, service.id())));
        return service;
    }

    private Service sharingValues(Service service) {
        Service exemplar = exemplars.putIfAbsent(service.name(), service);
        if (exemplar == null || exemplar == service) {
            return service;
        }
        List<String> tags = service.tags().equals(exemplar.tags()) ? exemplar.tags() : service.tags();
        Map<String, String> meta = service.meta().equals(exemplar.meta()) ? exemplar.meta() : service.meta();
        Weights weights = service.weights().equals(exemplar.weights()) ? exemplar.weights() : service.weights();
        // Identity, not equality: whether this instance holds the exemplar's objects already (a re-registration).
        if (service.name() == exemplar.name() && tags == service.tags() && meta == service.meta()
                && weights == service.weights()) {
            return service;
        }
        return new Service(service.id(), exemplar.name(), tags, service.address(), service.port(), meta, weights,
                service.enableTagOverride(), service.createIndex(), service.modifyIndex(), service.kind(),
                service.taggedAddresses(), service.proxy(), service.connectNative());
    }

    Optional<Service> remove(String node, String serviceId) {
        TreeMap<String, Service> onNode = byNode.get(node);
        Service removed = onNode == null ? null : onNode.remove(serviceId);
        if (removed != null) {
            unlist(node, removed);
            unlistConnect(node, removed);
            countKind(removed, -1);
        }
        return Optional.ofNullable(removed);
    }

    /** Forgets a node whose services are all removed already. */
    void removeNode(String node) {
        byNode.remove(node);
    }

    /** A node's services by ID: a read-only view, to copy before removing any. */
    Collection<Service> onNode(String node) {
        TreeMap<String, Service> onNode = byNode.get(node);
        return onNode == null ? List.of() : Collections.unmodifiableCollection(onNode.values());
    }

    /** The instances of a service name, by node then ID: a read-only view. */
    SortedSet<InstanceKey> instances(String serviceName) {
        TreeSet<InstanceKey> instances = instancesByName.get(serviceName);
        return instances == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(instances);
    }

    /** The instances serving a service name over Connect (proxies for it, native instances of it): a view. */
    SortedSet<InstanceKey> connectInstances(String serviceName) {
        TreeSet<InstanceKey> instances = connectByName.get(serviceName);
        return instances == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(instances);
    }

    /** The name whose Connect instances a service is one of: a proxy's destination, a native service's own. */
    static Optional<String> connectName(Service service) {
        if (service.isConnectProxy()) {
            return Optional.of(service.proxy().destinationServiceName());
        }
        return service.connectNative() ? Optional.of(service.name()) : Optional.empty();
    }

    /** How many distinct service names have instances. */
    int nameCount() {
        return instancesByName.size();
    }

    /** How many instances there are of every name together. */
    int instanceCount() {
        int count = 0;
        for (TreeSet<InstanceKey> instances : instancesByName.values()) {
            count += instances.size();
        }
        return count;
    }

    /** Every service name with the union of its instances' tags, both sorted. */
    Map<String, List<String>> tagsByName() {
        Map<String, List<String>> result = new TreeMap<>();
        for (Map.Entry<String, TreeSet<InstanceKey>> e : instancesByName.entrySet()) {
            Set<String> tags = new TreeSet<>();
            for (InstanceKey key : e.getValue()) {
                tags.addAll(get(key).tags());
            }
            result.put(e.getKey(), List.copyOf(tags));
        }
        return result;
    }

    void clear() {
        byNode.clear();
        instancesByName.clear();
        exemplars.clear();
        connectByName.clear();
        kindCounts.clear();
    }

    /** Instances by non-typical kind, and "connect-native" for native typical ones; kinds with none are absent. */
    Map<String, Integer> kindCounts() {
        return Map.copyOf(kindCounts);
    }

    private void countKind(Service service, int delta) {
        String key = !service.kind().isEmpty() ? service.kind() : service.connectNative() ? "connect-native" : null;
        if (key != null) {
            kindCounts.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private void unlistConnect(String node, Service service) {
        connectName(service).ifPresent(name -> {
            TreeSet<InstanceKey> instances = connectByName.get(name);
            if (instances != null && instances.remove(new InstanceKey(node, service.id())) && instances.isEmpty()) {
                connectByName.remove(name);
            }
        });
    }

    private void unlist(String node, Service service) {
        TreeSet<InstanceKey> instances = instancesByName.get(service.name());
        if (instances != null) {
            instances.remove(new InstanceKey(node, service.id()));
            if (instances.isEmpty()) {
                instancesByName.remove(service.name());
                exemplars.remove(service.name());
            }
        }
    }
}
