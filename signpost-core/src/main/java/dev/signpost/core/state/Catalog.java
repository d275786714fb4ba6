package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.watch.Topic;

/**
 * The nodes, services and checks of the registry (Consul's catalog), and the topics each write to them changes.
 * Writes are deterministic like every apply. Sessions are not its business: it tells a {@link CheckLoss} when a
 * check goes critical or away. Not thread-safe: {@link CatalogState} owns it.
 */
final class Catalog {
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final ServiceTable services = new ServiceTable();
    private final CheckTable checks = new CheckTable();
    private final CheckLoss checkLoss;

    /** Told when a check goes critical or is removed: Consul then invalidates the sessions bound to it. */
    @FunctionalInterface
    interface CheckLoss {
        void lost(String node, String checkId, long index, Set<String> changed);
    }

    Catalog(CheckLoss checkLoss) {
        this.checkLoss = checkLoss;
    }

    // ---- writes

    void register(Register r, long index, Set<String> changed) {
        Node node = upsertNode(r.node(), r.skipNodeUpdate(), index, changed);
        for (Service service : r.services()) {
            upsertService(node.name(), service, index, changed);
        }
        for (Check check : r.checks()) {
            upsertCheck(check, index, changed);
        }
    }

    private Node upsertNode(Node wanted, boolean skipUpdate, long index, Set<String> changed) {
        Node existing = nodes.get(wanted.name());
        if (existing != null && (skipUpdate || existing.sameAs(wanted))) {
            return existing;
        }
        Node stored = wanted.withIndexes(existing == null ? index : existing.createIndex(), index);
        nodes.put(stored.name(), stored);
        changed.add(Topic.NODES);
        touchNode(stored.name(), changed);
        return stored;
    }

    private void upsertService(String nodeName, Service wanted, long index, Set<String> changed) {
        Optional<Service> existing = services.get(nodeName, wanted.id());
        if (existing.isPresent() && existing.get().sameAs(wanted)) {
            return;
        }
        if (existing.isPresent()) { // its old name, or the service an old proxy fronted, changes too
            touchInstance(nodeName, existing.get(), changed);
        }
        Service stored = services.put(nodeName,
                wanted.withIndexes(existing.map(Service::createIndex).orElse(index), index));
        touchInstance(nodeName, stored, changed);
        // Checks carry their service's name and tags (Consul does the same on re-registration).
        for (Check check : checks.ofService(nodeName, stored.id())) {
            Check updated = check.withService(stored);
            if (!updated.sameAs(check)) {
                checks.put(updated.withIndexes(check.createIndex(), index));
                changed.add(Topic.CHECKS);
            }
        }
    }

    private void upsertCheck(Check wanted, long index, Set<String> changed) {
        Check check = wanted.isNodeCheck() ? wanted
                : services.get(wanted.node(), wanted.serviceId()).map(wanted::withService).orElse(wanted);
        Optional<Check> existing = checks.get(check.node(), check.checkId());
        if (existing.isPresent() && existing.get().sameAs(check)) {
            return;
        }
        checks.put(check.withIndexes(existing.map(Check::createIndex).orElse(index), index));
        existing.ifPresent(e -> touchCheck(e, changed));
        touchCheck(check, changed);
        if (check.status() == HealthStatus.CRITICAL) {
            checkLoss.lost(check.node(), check.checkId(), index, changed);
        }
    }

    /** Sets a check's status and output; false when the node has no such check. */
    boolean updateCheck(UpdateCheck u, long index, Set<String> changed) {
        Optional<Check> found = checks.get(u.node(), u.checkId());
        if (found.isEmpty()) {
            return false;
        }
        Check existing = found.get();
        if (existing.status() != u.status() || !existing.output().equals(u.output())) {
            checks.put(existing.withStatus(u.status(), u.output()).withIndexes(existing.createIndex(), index));
            touchCheck(existing, changed);
            if (u.status() == HealthStatus.CRITICAL) {
                checkLoss.lost(u.node(), u.checkId(), index, changed);
            }
        }
        return true;
    }

    /** Removes a node with its services and checks; false when there was no such node. */
    boolean deregisterNode(String nodeName, long index, Set<String> changed) {
        if (nodes.remove(nodeName) == null) {
            return false;
        }
        for (Service service : List.copyOf(services.onNode(nodeName))) {
            deregisterService(nodeName, service.id(), index, changed);
        }
        services.removeNode(nodeName);
        if (checks.removeNode(nodeName)) {
            changed.add(Topic.CHECKS);
        }
        changed.add(Topic.NODES);
        changed.add(Topic.node(nodeName));
        return true;
    }

    void deregisterService(String nodeName, String serviceId, long index, Set<String> changed) {
        Optional<Service> existing = services.remove(nodeName, serviceId);
        if (existing.isEmpty()) {
            return;
        }
        touchInstance(nodeName, existing.get(), changed);
        for (Check check : checks.removeService(nodeName, serviceId)) {
            changed.add(Topic.CHECKS);
            checkLoss.lost(nodeName, check.checkId(), index, changed);
        }
    }

    void deregisterCheck(String nodeName, String checkId, long index, Set<String> changed) {
        Optional<Check> existing = checks.remove(nodeName, checkId);
        if (existing.isPresent()) {
            touchCheck(existing.get(), changed);
            // Consul invalidates the sessions bound to a check that goes away.
            checkLoss.lost(nodeName, checkId, index, changed);
        }
    }

    private void touchInstance(String nodeName, Service service, Set<String> changed) {
        changed.add(Topic.SERVICES);
        changed.add(Topic.node(nodeName));
        changed.add(Topic.service(service.name()));
        ServiceTable.connectName(service).ifPresent(name -> changed.add(Topic.connect(name)));
    }

    /** A change to a node (or a node check) changes the health of every service on it. */
    private void touchNode(String nodeName, Set<String> changed) {
        changed.add(Topic.node(nodeName));
        for (Service service : services.onNode(nodeName)) {
            changed.add(Topic.service(service.name()));
            ServiceTable.connectName(service).ifPresent(name -> changed.add(Topic.connect(name)));
        }
    }

    private void touchCheck(Check check, Set<String> changed) {
        changed.add(Topic.CHECKS);
        if (check.isNodeCheck()) {
            touchNode(check.node(), changed);
        } else {
            changed.add(Topic.node(check.node()));
            services.get(check.node(), check.serviceId()).ifPresent(s -> {
                changed.add(Topic.service(s.name()));
                ServiceTable.connectName(s).ifPresent(name -> changed.add(Topic.connect(name)));
            });
        }
    }

    // ---- reads: each returns a copy

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    Optional<NodeServices> nodeServices(String name) {
        return node(name).map(node -> new NodeServices(node, List.copyOf(services.onNode(name))));
    }

    Optional<Service> service(String node, String serviceId) {
        return services.get(node, serviceId);
    }

    Optional<Check> check(String node, String checkId) {
        return checks.get(node, checkId);
    }

    /** Every service name with the union of its instances' tags, both sorted. */
    Map<String, List<String>> serviceTags() {
        return services.tagsByName();
    }

    /** Every instance of a service, by node then ID, each with the node's checks then the service's. */
    List<ServiceInstance> instances(String serviceName) {
        List<ServiceInstance> result = new ArrayList<>();
        for (ServiceTable.InstanceKey key : services.instances(serviceName)) {
            List<Check> counting = checks.ofService(key.node(), "");
            counting.addAll(checks.ofService(key.node(), key.serviceId()));
            result.add(new ServiceInstance(nodes.get(key.node()), services.get(key), counting));
        }
        return result;
    }

    /** The instances serving a service over Connect (its proxies, its native instances), with their checks. */
    List<ServiceInstance> connectInstances(String serviceName) {
        List<ServiceInstance> result = new ArrayList<>();
        for (ServiceTable.InstanceKey key : services.connectInstances(serviceName)) {
            List<Check> counting = checks.ofService(key.node(), "");
            counting.addAll(checks.ofService(key.node(), key.serviceId()));
            result.add(new ServiceInstance(nodes.get(key.node()), services.get(key), counting));
        }
        return result;
    }

    /** The counts of Consul's usage endpoint: in time linear in the number of service names, not instances. */
    Usage usage() {
        int instances = services.instanceCount();
        Map<String, Integer> kinds = services.kindCounts();
        int notBillable = kinds.entrySet().stream().filter(e -> !e.getKey().equals("connect-native"))
                .mapToInt(Map.Entry::getValue).sum();
        return new Usage(nodes.size(), services.nameCount(), instances,
                instances - notBillable - services.instances(Usage.CONSUL_SERVICE).size(), kinds);
    }

    /** A node's checks (its own and its services'), by ID. */
    List<Check> nodeChecks(String nodeName) {
        return List.copyOf(checks.onNode(nodeName));
    }

    /** The checks bound to instances of a service, by node, service ID, then check ID. */
    List<Check> serviceChecks(String serviceName) {
        List<Check> result = new ArrayList<>();
        for (ServiceTable.InstanceKey key : services.instances(serviceName)) {
            result.addAll(checks.ofService(key.node(), key.serviceId()));
        }
        return result;
    }

    /** Every check whose status passes the filter, by node then ID. */
    List<Check> checks(Predicate<HealthStatus> statusFilter) {
        List<Check> result = new ArrayList<>();
        for (String nodeName : nodes.keySet()) {
            for (Check check : checks.onNode(nodeName)) {
                if (statusFilter.test(check.status())) {
                    result.add(check);
                }
            }
        }
        return result;
    }

    // ---- snapshots

    List<CatalogSnapshot.NodeRecord> snapshot() {
        List<CatalogSnapshot.NodeRecord> records = new ArrayList<>();
        for (String name : nodes.keySet()) {
            records.add(record(name).orElseThrow());
        }
        return records;
    }

    /** A node with its services and checks, as a snapshot holds it; empty when it is not registered. */
    Optional<CatalogSnapshot.NodeRecord> record(String nodeName) {
        Node node = nodes.get(nodeName);
        return node == null ? Optional.empty() : Optional.of(new CatalogSnapshot.NodeRecord(node,
                List.copyOf(services.onNode(nodeName)), List.copyOf(checks.onNode(nodeName))));
    }

    /**
     * Puts one node back as {@code record} holds it, or forgets it when it was not registered: how a failed
     * transaction undoes its writes to the nodes it wrote, without copying the whole catalog first. Nothing is
     * told (sessions, topics): the transaction's writes never counted.
     */
    void putBack(String nodeName, Optional<CatalogSnapshot.NodeRecord> record) {
        nodes.remove(nodeName);
        for (Service service : List.copyOf(services.onNode(nodeName))) {
            services.remove(nodeName, service.id());
        }
        services.removeNode(nodeName);
        checks.removeNode(nodeName);
        record.ifPresent(r -> {
            nodes.put(nodeName, r.node());
            r.services().forEach(service -> services.put(nodeName, service));
            checks.restore(nodeName, r.checks());
        });
    }

    void restore(List<CatalogSnapshot.NodeRecord> records) {
        nodes.clear();
        services.clear();
        checks.clear();
        for (CatalogSnapshot.NodeRecord record : records) {
            String name = record.node().name();
            nodes.put(name, record.node());
            record.services().forEach(service -> services.put(name, service));
            checks.restore(name, record.checks());
        }
    }
}
