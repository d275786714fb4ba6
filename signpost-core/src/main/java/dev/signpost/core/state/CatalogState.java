package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.KvReapTombstones;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;
import dev.signpost.core.watch.Topic;

/**
 * The replicated registry: nodes, services, checks and keys, with the index of every piece.
 *
 * <p>The state machine at the centre of Signpost. {@link #apply} is deterministic: it uses only the
 * command and the Raft index it is applied at (no clock, no random, no I/O), so every replica that applies
 * the same log holds the same state. Each write reports the topics it changed; the index of a topic is the
 * Raft index of the last write that changed it, which is what blocking queries compare.
 *
 * <p>Not thread-safe: {@link CatalogStore} serialises writes against reads.
 */
public final class CatalogState {
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Map<String, TreeMap<String, Service>> services = new HashMap<>();
    private final Map<String, TreeMap<String, Check>> checks = new HashMap<>();
    private final Map<String, TreeSet<InstanceKey>> instancesByName = new HashMap<>();
    private final KvTable kv = new KvTable();
    private final SessionTable sessions = new SessionTable();
    private final Map<String, Long> topicIndexes = new HashMap<>();
    /** Outcomes of the latest transactions by index: not replicated state, only what apply decided. */
    private final Map<Long, TxnOutcome> txnOutcomes = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TxnOutcome> eldest) {
            return size() > 256;
        }
    };
    private long lastIndex;
    /** The latest writer's clock carried by a command: when a session ends by a check, lock delays run from it. */
    private long clockMillis;

    /** The outcome of one write: its result (false for a failed check-and-set) and the topics it changed. */
    public record Applied(boolean result, Set<String> changed) {
        public Applied {
            changed = Set.copyOf(changed);
        }
    }

    /** Applies a write at a Raft index. Indexes must grow; a replayed index is rejected. */
    public Applied apply(Command command, long index) {
        if (index <= lastIndex) {
            throw new IllegalStateException("index " + index + " is not after the last applied index " + lastIndex);
        }
        Set<String> changed = new LinkedHashSet<>();
        boolean result = switch (command) {
            case Register r -> register(r, index, changed);
            case DeregisterNode d -> deregisterNode(d.node(), index, changed);
            case DeregisterService d -> deregisterService(d.node(), d.serviceId(), index, changed);
            case DeregisterCheck d -> deregisterCheck(d.node(), d.checkId(), index, changed);
            case UpdateCheck u -> updateCheck(u, index, changed);
            case KvPut p -> kv.put(p, index, changed);
            case KvDelete d -> kv.delete(d, index, changed);
            case KvDeleteTree d -> kv.deleteTree(d, index, changed);
            case KvReapTombstones r -> kv.reapTombstones(r.upToIndex()) > 0;
            case SessionCreate c -> createSession(c.session(), index, changed);
            case SessionDestroy d -> {
                tick(d.nowMillis());
                yield endSession(d.id(), index, changed);
            }
            case SessionRenew r -> renewSession(r, index, changed);
            case KvLock l -> lock(l, index, changed);
            case Txn t -> {
                tick(t.nowMillis());
                yield new TxnApplier(this, t, index).apply(changed);
            }
        };
        for (String topic : changed) {
            if (!Topic.isKey(topic)) { // keys keep their own index in the KV table
                topicIndexes.put(topic, index);
            }
        }
        lastIndex = index;
        return new Applied(result, changed);
    }

    /** The Raft index of the last write applied. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The index of a topic: the last write that changed it, 0 if none did. */
    public long index(String topic) {
        return topicIndexes.getOrDefault(topic, 0L);
    }

    // ---- writes

    boolean register(Register r, long index, Set<String> changed) {
        Node node = upsertNode(r.node(), r.skipNodeUpdate(), index, changed);
        for (Service service : r.services()) {
            upsertService(node.name(), service, index, changed);
        }
        for (Check check : r.checks()) {
            upsertCheck(check, index, changed);
        }
        return true;
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
        TreeMap<String, Service> onNode = services.computeIfAbsent(nodeName, n -> new TreeMap<>());
        Service existing = onNode.get(wanted.id());
        if (existing != null && existing.sameAs(wanted)) {
            return;
        }
        if (existing != null && !existing.name().equals(wanted.name())) {
            removeInstance(nodeName, existing, changed);
        }
        Service stored = wanted.withIndexes(existing == null ? index : existing.createIndex(), index);
        onNode.put(stored.id(), stored);
        instancesByName.computeIfAbsent(stored.name(), n -> new TreeSet<>()).add(new InstanceKey(nodeName, stored.id()));
        changed.add(Topic.SERVICES);
        changed.add(Topic.node(nodeName));
        changed.add(Topic.service(stored.name()));
        // Checks carry their service's name and tags (Consul does the same on re-registration).
        TreeMap<String, Check> nodeChecks = checks.getOrDefault(nodeName, new TreeMap<>());
        for (Check check : List.copyOf(nodeChecks.values())) {
            if (check.serviceId().equals(stored.id())) {
                Check updated = check.withService(stored);
                if (!updated.sameAs(check)) {
                    nodeChecks.put(check.checkId(), updated.withIndexes(check.createIndex(), index));
                    changed.add(Topic.CHECKS);
                }
            }
        }
    }

    private void upsertCheck(Check wanted, long index, Set<String> changed) {
        Check check = wanted;
        if (!check.isNodeCheck()) {
            Service service = services.getOrDefault(check.node(), new TreeMap<>()).get(check.serviceId());
            if (service != null) {
                check = check.withService(service);
            }
        }
        TreeMap<String, Check> onNode = checks.computeIfAbsent(check.node(), n -> new TreeMap<>());
        Check existing = onNode.get(check.checkId());
        if (existing != null && existing.sameAs(check)) {
            return;
        }
        onNode.put(check.checkId(), check.withIndexes(existing == null ? index : existing.createIndex(), index));
        touchCheck(existing, changed);
        touchCheck(check, changed);
        if (check.status() == HealthStatus.CRITICAL) {
            endSessionsBoundTo(check.node(), check.checkId(), index, changed);
        }
    }

    private boolean updateCheck(UpdateCheck u, long index, Set<String> changed) {
        Check existing = checks.getOrDefault(u.node(), new TreeMap<>()).get(u.checkId());
        if (existing == null) {
            return false;
        }
        if (existing.status() != u.status() || !existing.output().equals(u.output())) {
            checks.get(u.node()).put(u.checkId(),
                    existing.withStatus(u.status(), u.output()).withIndexes(existing.createIndex(), index));
            touchCheck(existing, changed);
            if (u.status() == HealthStatus.CRITICAL) {
                endSessionsBoundTo(u.node(), u.checkId(), index, changed);
            }
        }
        return true;
    }

    boolean deregisterNode(String nodeName, long index, Set<String> changed) {
        if (nodes.remove(nodeName) == null) {
            return true;
        }
        for (Service service : List.copyOf(services.getOrDefault(nodeName, new TreeMap<>()).values())) {
            deregisterService(nodeName, service.id(), index, changed);
        }
        services.remove(nodeName);
        TreeMap<String, Check> removed = checks.remove(nodeName);
        if (removed != null && !removed.isEmpty()) {
            changed.add(Topic.CHECKS);
        }
        changed.add(Topic.NODES);
        changed.add(Topic.node(nodeName));
        for (Session session : sessions.onNode(nodeName)) {
            endSession(session.id(), index, changed);
        }
        return true;
    }

    boolean deregisterService(String nodeName, String serviceId, long index, Set<String> changed) {
        TreeMap<String, Service> onNode = services.get(nodeName);
        Service existing = onNode == null ? null : onNode.remove(serviceId);
        if (existing == null) {
            return true;
        }
        removeInstance(nodeName, existing, changed);
        TreeMap<String, Check> nodeChecks = checks.getOrDefault(nodeName, new TreeMap<>());
        for (Check check : List.copyOf(nodeChecks.values())) {
            if (check.serviceId().equals(serviceId)) {
                nodeChecks.remove(check.checkId());
                changed.add(Topic.CHECKS);
                endSessionsBoundTo(nodeName, check.checkId(), index, changed);
            }
        }
        return true;
    }

    boolean deregisterCheck(String nodeName, String checkId, long index, Set<String> changed) {
        TreeMap<String, Check> onNode = checks.get(nodeName);
        Check existing = onNode == null ? null : onNode.remove(checkId);
        if (existing != null) {
            touchCheck(existing, changed);
            // Consul invalidates the sessions bound to a check that goes away.
            endSessionsBoundTo(nodeName, checkId, index, changed);
        }
        return true;
    }

    // ---- sessions and locks

    private void tick(long nowMillis) {
        clockMillis = Math.max(clockMillis, nowMillis);
    }

    /** Why a session cannot be created on this state, if it cannot: the messages Consul gives. */
    public Optional<String> sessionRefusal(Session session) {
        if (!nodes.containsKey(session.node())) {
            return Optional.of("Missing node registration");
        }
        TreeMap<String, Check> onNode = checks.getOrDefault(session.node(), new TreeMap<>());
        for (String checkId : session.checks()) {
            Check check = onNode.get(checkId);
            if (check == null) {
                return Optional.of("Missing check '" + checkId + "' registration");
            }
            if (check.status() == HealthStatus.CRITICAL) {
                return Optional.of("Check '" + checkId + "' is in critical state");
            }
        }
        return Optional.empty();
    }

    private boolean createSession(Session session, long index, Set<String> changed) {
        if (sessionRefusal(session).isPresent() || sessions.get(session.id()).isPresent()) {
            return false;
        }
        sessions.put(session.withIndexes(index, index));
        changed.add(Topic.SESSIONS);
        return true;
    }

    private boolean renewSession(SessionRenew renew, long index, Set<String> changed) {
        Optional<Session> session = sessions.get(renew.id());
        if (session.isEmpty()) {
            return false;
        }
        // A renewal is not a change a blocking query on sessions waits for; the index stays (as Consul).
        sessions.put(session.get().withDeadline(renew.deadlineMillis(), session.get().modifyIndex()));
        return true;
    }

    /** Invalidates a session: its locks are released or deleted per its behavior, then in lock delay. */
    boolean endSession(String id, long index, Set<String> changed) {
        Optional<Session> removed = sessions.remove(id);
        if (removed.isEmpty()) {
            return true; // destroying an unknown session succeeds, as in Consul
        }
        Session session = removed.get();
        kv.endSession(id, session.behavior() == Session.Behavior.DELETE, clockMillis + session.lockDelayMillis(),
                index, changed);
        changed.add(Topic.SESSIONS);
        return true;
    }

    private void endSessionsBoundTo(String node, String checkId, long index, Set<String> changed) {
        for (Session session : sessions.boundTo(node, checkId)) {
            endSession(session.id(), index, changed);
        }
    }

    private boolean lock(KvLock lock, long index, Set<String> changed) {
        tick(lock.nowMillis());
        if (!lock.acquire()) {
            return kv.release(lock.key(), lock.value(), lock.flags(), lock.session(), index, changed);
        }
        if (sessions.get(lock.session()).isEmpty()) {
            return false;
        }
        return kv.acquire(lock.key(), lock.value(), lock.flags(), lock.session(), lock.nowMillis(), index, changed);
    }

    KvTable kvTable() {
        return kv;
    }

    long clockMillis() {
        return clockMillis;
    }

    void recordTxn(long index, TxnOutcome outcome) {
        txnOutcomes.put(index, outcome);
    }

    private void removeInstance(String nodeName, Service service, Set<String> changed) {
        TreeSet<InstanceKey> instances = instancesByName.get(service.name());
        if (instances != null) {
            instances.remove(new InstanceKey(nodeName, service.id()));
            if (instances.isEmpty()) {
                instancesByName.remove(service.name());
            }
        }
        changed.add(Topic.SERVICES);
        changed.add(Topic.node(nodeName));
        changed.add(Topic.service(service.name()));
    }

    /** A change to a node (or a node check) changes the health of every service on it. */
    private void touchNode(String nodeName, Set<String> changed) {
        changed.add(Topic.node(nodeName));
        for (Service service : services.getOrDefault(nodeName, new TreeMap<>()).values()) {
            changed.add(Topic.service(service.name()));
        }
    }

    private void touchCheck(Check check, Set<String> changed) {
        if (check == null) {
            return;
        }
        changed.add(Topic.CHECKS);
        if (check.isNodeCheck()) {
            touchNode(check.node(), changed);
        } else {
            changed.add(Topic.node(check.node()));
            Service service = services.getOrDefault(check.node(), new TreeMap<>()).get(check.serviceId());
            if (service != null) {
                changed.add(Topic.service(service.name()));
            }
        }
    }

    // ---- reads

    /** Every node, by name. */
    public Indexed<List<Node>> nodes() {
        return new Indexed<>(List.copyOf(nodes.values()), index(Topic.NODES));
    }

    /** A node and its services, if it exists. */
    public Indexed<Optional<NodeServices>> node(String name) {
        Node node = nodes.get(name);
        Optional<NodeServices> found = node == null ? Optional.empty()
                : Optional.of(new NodeServices(node, List.copyOf(services.getOrDefault(name, new TreeMap<>()).values())));
        return new Indexed<>(found, index(Topic.node(name)));
    }

    /** Every service name with the union of its instances' tags, both sorted. */
    public Indexed<Map<String, List<String>>> services() {
        Map<String, List<String>> result = new TreeMap<>();
        for (Map.Entry<String, TreeSet<InstanceKey>> e : instancesByName.entrySet()) {
            Set<String> tags = new TreeSet<>();
            for (InstanceKey key : e.getValue()) {
                tags.addAll(services.get(key.node()).get(key.serviceId()).tags());
            }
            result.put(e.getKey(), List.copyOf(tags));
        }
        return new Indexed<>(result, index(Topic.SERVICES));
    }

    /** Every instance of a service, sorted by node then ID, with the checks that count for each. */
    public Indexed<List<ServiceInstance>> instances(String serviceName) {
        List<ServiceInstance> result = new ArrayList<>();
        for (InstanceKey key : instancesByName.getOrDefault(serviceName, new TreeSet<>())) {
            Service service = services.get(key.node()).get(key.serviceId());
            result.add(new ServiceInstance(nodes.get(key.node()), service, checksFor(key.node(), service.id())));
        }
        return new Indexed<>(result, index(Topic.service(serviceName)));
    }

    /** The checks of a node (its own and its services'), by ID. */
    public Indexed<List<Check>> nodeChecks(String nodeName) {
        return new Indexed<>(List.copyOf(checks.getOrDefault(nodeName, new TreeMap<>()).values()),
                index(Topic.node(nodeName)));
    }

    /** The checks bound to instances of a service. */
    public Indexed<List<Check>> serviceChecks(String serviceName) {
        List<Check> result = new ArrayList<>();
        for (InstanceKey key : instancesByName.getOrDefault(serviceName, new TreeSet<>())) {
            for (Check check : checks.getOrDefault(key.node(), new TreeMap<>()).values()) {
                if (check.serviceId().equals(key.serviceId())) {
                    result.add(check);
                }
            }
        }
        return new Indexed<>(result, index(Topic.service(serviceName)));
    }

    /** Every check whose status passes the filter, by node then ID. */
    public Indexed<List<Check>> checks(Predicate<HealthStatus> statusFilter) {
        List<Check> result = new ArrayList<>();
        for (String nodeName : nodes.keySet()) {
            for (Check check : checks.getOrDefault(nodeName, new TreeMap<>()).values()) {
                if (statusFilter.test(check.status())) {
                    result.add(check);
                }
            }
        }
        return new Indexed<>(result, index(Topic.CHECKS));
    }

    /** One key. */
    public Indexed<Optional<KvEntry>> key(String key) {
        return kv.get(key);
    }

    /** Every key under a prefix, in key order. */
    public Indexed<List<KvEntry>> keys(String prefix) {
        return kv.list(prefix);
    }

    /** Key names under a prefix, folded at the separator when one is given. */
    public Indexed<List<String>> keyNames(String prefix, String separator) {
        return kv.keys(prefix, separator);
    }

    /** One session. */
    public Indexed<Optional<Session>> session(String id) {
        return new Indexed<>(sessions.get(id), index(Topic.SESSIONS));
    }

    /** Every session, by ID. */
    public Indexed<List<Session>> sessions() {
        return new Indexed<>(sessions.all(), index(Topic.SESSIONS));
    }

    /** The sessions of one node, by ID. */
    public Indexed<List<Session>> nodeSessions(String node) {
        return new Indexed<>(sessions.onNode(node), index(Topic.SESSIONS));
    }

    /** What a transaction applied at an index did, while it is among the latest 256. */
    public Optional<TxnOutcome> txnOutcome(long index) {
        return Optional.ofNullable(txnOutcomes.get(index));
    }

    Optional<Node> nodeNamed(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    Optional<Service> serviceOn(String node, String serviceId) {
        return Optional.ofNullable(services.getOrDefault(node, new TreeMap<>()).get(serviceId));
    }

    Optional<Check> checkOn(String node, String checkId) {
        return Optional.ofNullable(checks.getOrDefault(node, new TreeMap<>()).get(checkId));
    }

    boolean sessionExists(String id) {
        return sessions.get(id).isPresent();
    }

    private List<Check> checksFor(String nodeName, String serviceId) {
        List<Check> nodeLevel = new ArrayList<>();
        List<Check> serviceLevel = new ArrayList<>();
        for (Check check : checks.getOrDefault(nodeName, new TreeMap<>()).values()) {
            if (check.isNodeCheck()) {
                nodeLevel.add(check);
            } else if (check.serviceId().equals(serviceId)) {
                serviceLevel.add(check);
            }
        }
        nodeLevel.addAll(serviceLevel);
        return nodeLevel;
    }

    // ---- snapshots

    /** Everything, as values. */
    public CatalogSnapshot snapshot() {
        List<CatalogSnapshot.NodeRecord> records = new ArrayList<>();
        for (Node node : nodes.values()) {
            records.add(new CatalogSnapshot.NodeRecord(node,
                    List.copyOf(services.getOrDefault(node.name(), new TreeMap<>()).values()),
                    List.copyOf(checks.getOrDefault(node.name(), new TreeMap<>()).values())));
        }
        return new CatalogSnapshot(lastIndex, records, List.copyOf(kv.entries().values()),
                new TreeMap<>(kv.tombstones()), new TreeMap<>(topicIndexes), sessions.all(),
                new TreeMap<>(kv.lockDelays()), clockMillis);
    }

    /** Replaces everything with a snapshot's content. */
    public void restore(CatalogSnapshot snapshot) {
        nodes.clear();
        services.clear();
        checks.clear();
        instancesByName.clear();
        topicIndexes.clear();
        for (CatalogSnapshot.NodeRecord record : snapshot.nodes()) {
            String name = record.node().name();
            nodes.put(name, record.node());
            TreeMap<String, Service> onNode = new TreeMap<>();
            for (Service service : record.services()) {
                onNode.put(service.id(), service);
                instancesByName.computeIfAbsent(service.name(), n -> new TreeSet<>()).add(new InstanceKey(name, service.id()));
            }
            services.put(name, onNode);
            TreeMap<String, Check> nodeChecks = new TreeMap<>();
            record.checks().forEach(c -> nodeChecks.put(c.checkId(), c));
            checks.put(name, nodeChecks);
        }
        kv.restore(snapshot.kv(), snapshot.kvTombstones(), snapshot.lockDelays());
        sessions.restore(snapshot.sessions());
        topicIndexes.putAll(snapshot.indexes());
        lastIndex = snapshot.lastIndex();
        clockMillis = snapshot.clockMillis();
    }

    private record InstanceKey(String node, String serviceId) implements Comparable<InstanceKey> {
        @Override
        public int compareTo(InstanceKey o) {
            int byNode = node.compareTo(o.node);
            return byNode != 0 ? byNode : serviceId.compareTo(o.serviceId);
        }
    }
}
