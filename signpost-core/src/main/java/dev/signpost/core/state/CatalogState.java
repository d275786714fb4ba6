package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.signpost.core.command.AutopilotSet;
import dev.signpost.core.command.Batch;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.RestorePart;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.config.GatewayServices;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.watch.Topic;

/**
 * The replicated registry: nodes, services, checks, keys and sessions, with the index of every piece.
 *
 * <p>The state machine at the centre of Signpost. {@link #apply} is deterministic: it uses only the
 * command and the Raft index it is applied at (no clock, no random, no I/O), so every replica that applies
 * the same log holds the same state. Each write reports the topics it changed; the index of a topic is the
 * Raft index of the last write that changed it, which is what blocking queries compare. The parts live in
 * {@link Catalog} (nodes, services, checks), {@link KvTable} (keys and their tombstones),
 * {@link SessionsAndLocks}, {@link QueryTable}, {@link ConfigTable}, {@link AclTable} and {@link CoordinateTable};
 * {@link CommandRouter} sends each command to its table, and this class keeps the indexes and answers reads.
 *
 * <p>Not thread-safe: {@link CatalogStore} serialises writes against reads.
 */
public final class CatalogState {

    private final KvTable kv = new KvTable();
    private final Catalog catalog = new Catalog(this::checkLost);
    private final QueryTable queries = new QueryTable();
    private final ConfigTable configEntries = new ConfigTable();
    private final SessionsAndLocks sessions = new SessionsAndLocks(catalog, kv, queries);
    private final AclTable acl = new AclTable();
    private final CoordinateTable coordinates = new CoordinateTable();
    private final AclView aclView = new AclView(acl, this::index);
    private final CommandRouter router = new CommandRouter(this, catalog, kv, sessions, acl, queries, configEntries,
            coordinates);
    private final Map<String, Long> topicIndexes = new HashMap<>();
    /** Outcomes of the latest transactions: not replicated state, only what apply decided. */
    private final RecentTxnOutcomes txnOutcomes = new RecentTxnOutcomes();
    private long lastIndex;
    /** Absent until the first leader writes it (Consul's leader initialises it as it takes office). */
    private AutopilotConfig autopilot;
    /** The parts of a large restore applied so far; null when none is under way. */
    private StagedRestore restoring;
    private final Function<byte[], CatalogSnapshot> restoreDecoder;

    /** A state that cannot take restores in parts (it has nothing to decode their bytes with). */
    public CatalogState() {
        this(bytes -> {
            throw new IllegalStateException("this registry cannot decode a restore sent in parts");
        });
    }

    /** @param restoreDecoder what turns the bytes of a restore sent in parts back into a snapshot */
    public CatalogState(Function<byte[], CatalogSnapshot> restoreDecoder) {
        this.restoreDecoder = requireNonNull(restoreDecoder, "restoreDecoder");
    }

    /**
     * The outcome of one write: its result (false for a failed check-and-set; one per command of a batch) and
     * the topics it changed.
     */
    public record Applied(List<Boolean> results, Set<String> changed) {
        public Applied {
            results = List.copyOf(results);
            changed = Set.copyOf(changed);
        }

        /** The result of a single command (of a batch: of its first). */
        public boolean result() {
            return results.getFirst();
        }
    }

    /**
     * Applies a write at a Raft index. Indexes must grow; a replayed index is rejected. A {@link Batch}'s
     * commands are applied one after another at the same index, each with its own result.
     */
    public Applied apply(Command command, long index) {
        if (index <= lastIndex) {
            throw new IllegalStateException("index " + index + " is not after the last applied index " + lastIndex);
        }
        Set<String> changed = new LinkedHashSet<>();
        List<Boolean> results;
        if (command instanceof Batch batch) {
            results = new ArrayList<>(batch.commands().size());
            for (Command one : batch.commands()) {
                results.add(router.apply(one, index, changed));
            }
        } else {
            results = List.of(router.apply(command, index, changed));
        }
        for (String topic : changed) {
            if (!Topic.isKey(topic)) { // keys keep their own index in the KV table
                topicIndexes.put(topic, index);
            }
        }
        lastIndex = index;
        return new Applied(results, changed);
    }

    boolean setAutopilot(AutopilotSet set, long index) {
        if (set.cas() && (autopilot == null || autopilot.modifyIndex() != set.casIndex())) {
            return false;
        }
        autopilot = set.config().writtenAt(autopilot == null ? index : autopilot.createIndex(), index);
        return true;
    }

    /** The Raft index of the last write applied. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The index of a topic: the last write that changed it, 0 if none did. */
    public long index(String topic) {
        return topicIndexes.getOrDefault(topic, 0L);
    }

    // ---- what transactions use

    /** Applies one command to the tables, as a transaction's operations do (the indexes are the transaction's). */
    boolean applyInTxn(Command command, long index, Set<String> changed) {
        return router.apply(command, index, changed);
    }

    private void checkLost(String node, String checkId, long index, Set<String> changed) {
        sessions.endBoundTo(node, checkId, index, changed);
    }

    KvTable kvTable() {
        return kv;
    }

    void recordTxn(long index, TxnOutcome outcome) {
        txnOutcomes.record(index, outcome);
    }

    // ---- reads

    /** Why a session cannot be created on this state, if it cannot: the messages Consul gives. */
    public Optional<String> sessionRefusal(Session session) {
        return sessions.refusal(session);
    }

    /** Every node, by name. */
    public Indexed<List<Node>> nodes() {
        return new Indexed<>(catalog.nodes(), index(Topic.NODES));
    }

    /**
     * The catalog's usage counts, at the index of the last change to nodes or services (Consul gives its services
     * table's; a node joining changes the node count too, so it moves the index here).
     */
    public Indexed<Usage> usage() {
        return new Indexed<>(catalog.usage(), Math.max(index(Topic.NODES), index(Topic.SERVICES)));
    }

    /** A node and its services, if it exists. */
    public Indexed<Optional<NodeServices>> node(String name) {
        return new Indexed<>(catalog.nodeServices(name), index(Topic.node(name)));
    }

    /** Every service name with the union of its instances' tags, both sorted. */
    public Indexed<Map<String, List<String>>> services() {
        return new Indexed<>(catalog.serviceTags(), index(Topic.SERVICES));
    }

    /** Every instance of a service, sorted by node then ID, with the checks that count for each. */
    public Indexed<List<ServiceInstance>> instances(String serviceName) {
        return new Indexed<>(catalog.instances(serviceName), index(Topic.service(serviceName)));
    }

    /**
     * The instances serving a service over Connect (Consul's connect index): connect-proxies whose destination is the
     * service and Connect-native instances of it, sorted by node then ID, with the checks that count for each.
     */
    public Indexed<List<ServiceInstance>> connectInstances(String serviceName) {
        return new Indexed<>(catalog.connectInstances(serviceName), index(Topic.connect(serviceName)));
    }

    /** The services a gateway fronts, from its ingress-gateway or terminating-gateway entry. */
    public Indexed<List<GatewayServices.GatewayService>> gatewayServices(String gateway) {
        return new GatewayReads(this, catalog).services(gateway);
    }

    /** The ingress gateway instances fronting a service, by gateway name, node and ID, with their checks. */
    public Indexed<List<ServiceInstance>> ingressInstances(String serviceName) {
        return new GatewayReads(this, catalog).ingress(serviceName);
    }

    /** The checks of a node (its own and its services'), by ID. */
    public Indexed<List<Check>> nodeChecks(String nodeName) {
        return new Indexed<>(catalog.nodeChecks(nodeName), index(Topic.node(nodeName)));
    }

    /** The checks bound to instances of a service. */
    public Indexed<List<Check>> serviceChecks(String serviceName) {
        return new Indexed<>(catalog.serviceChecks(serviceName), index(Topic.service(serviceName)));
    }

    /** Every check whose status passes the filter, by node then ID. */
    public Indexed<List<Check>> checks(Predicate<HealthStatus> statusFilter) {
        return new Indexed<>(catalog.checks(statusFilter), index(Topic.CHECKS));
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
        return new Indexed<>(sessions.session(id), index(Topic.SESSIONS));
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
        return txnOutcomes.get(index);
    }

    /** One prepared query by ID. */
    public Indexed<Optional<PreparedQuery>> query(String id) {
        return new Indexed<>(queries.get(id), index(Topic.QUERIES));
    }

    /** Every prepared query, by ID. */
    public Indexed<List<PreparedQuery>> queries() {
        return new Indexed<>(queries.all(), index(Topic.QUERIES));
    }

    /**
     * The query an ID or name stands for, a template rendered for the name (Consul's PreparedQueryResolve).
     *
     * @throws IllegalArgumentException with Consul's words for an ID naming a template or a template that fails
     */
    public Optional<PreparedQuery> resolveQuery(String idOrName) {
        return queries.resolve(idOrName);
    }

    /** Why this state refuses a prepared query to write, if it does: Consul's state-store words. */
    public Optional<String> queryRefusal(PreparedQuery query) {
        return queries.refusal(query, this::sessionExists);
    }

    /** One config entry by kind and name. */
    public Indexed<Optional<ConfigEntry>> configEntry(String kind, String name) {
        return new Indexed<>(configEntries.get(kind, name), index(Topic.CONFIG));
    }

    /** The config entries of a kind by name, or every entry for "". */
    public Indexed<List<ConfigEntry>> configEntries(String kind) {
        return new Indexed<>(configEntries.list(kind), index(Topic.CONFIG));
    }

    /** The autopilot configuration, once a leader has written it. */
    public Optional<AutopilotConfig> autopilot() {
        return Optional.ofNullable(autopilot);
    }

    /** Every node's network coordinates, by node then segment. */
    public Indexed<List<NodeCoordinate>> coordinates() {
        return new Indexed<>(coordinates.all(), index(Topic.COORDINATES));
    }

    /** One node's network coordinates, by segment; empty when it has none. */
    public Indexed<List<NodeCoordinate>> coordinates(String node) {
        return new Indexed<>(coordinates.ofNode(node), index(Topic.COORDINATES));
    }

    /** A node's coordinate in the default segment, the one {@code ?near=} sorts by. */
    public Optional<Coordinate> coordinate(String node) {
        return coordinates.get(node, "");
    }

    /** The ACL tokens, policies and roles, to read. */
    public AclView acl() {
        return aclView;
    }

    Optional<Node> nodeNamed(String name) {
        return catalog.node(name);
    }

    Optional<Service> serviceOn(String node, String serviceId) {
        return catalog.service(node, serviceId);
    }

    Optional<Check> checkOn(String node, String checkId) {
        return catalog.check(node, checkId);
    }

    boolean sessionExists(String id) {
        return sessions.session(id).isPresent();
    }

    // ---- snapshots

    /** Everything, as values. */
    public CatalogSnapshot snapshot() {
        return snapshotWith(catalog.snapshot(), new TreeMap<>(topicIndexes));
    }

    /**
     * Everything but the catalog's nodes and the topic indexes: what a transaction copies before its first write.
     * It keeps the nodes it writes one by one ({@link #nodeRecord}), as copying them all made each transaction cost
     * as much as the whole catalog; topic indexes move only after the transaction ({@link #apply}).
     */
    CatalogSnapshot snapshotBesideCatalog() {
        return snapshotWith(List.of(), Map.of());
    }

    private CatalogSnapshot snapshotWith(List<CatalogSnapshot.NodeRecord> nodes, Map<String, Long> indexes) {
        return new CatalogSnapshot(lastIndex, nodes, List.copyOf(kv.entries().values()),
                new TreeMap<>(kv.tombstones()), indexes, sessions.all(),
                new TreeMap<>(kv.lockDelays()), sessions.clockMillis(), acl.snapshot(), queries.all(), autopilot,
                configEntries.list(""), restoring, coordinates.all());
    }

    /** A node as a snapshot holds it, before a transaction writes it; empty when it is not registered. */
    Optional<CatalogSnapshot.NodeRecord> nodeRecord(String name) {
        return catalog.record(name);
    }

    /** Undoes a failed transaction: the nodes it wrote as they were, then everything else it copied. */
    void rollBack(Map<String, Optional<CatalogSnapshot.NodeRecord>> nodes, CatalogSnapshot besideCatalog) {
        nodes.forEach(catalog::putBack);
        restoreBesideCatalog(besideCatalog);
    }

    /** A snapshot restored through the log ({@link LogRestore}): every topic and key it touches changes here. */
    boolean restoreAt(CatalogSnapshot snapshot, long index, Set<String> changed) {
        LogRestore.Restamped restamped = LogRestore.restamp(snapshot, index, topicIndexes.keySet(),
                kv.entries().keySet(), autopilot);
        restore(restamped.snapshot());
        changed.addAll(restamped.touched());
        return true;
    }

    /**
     * Stages a part of a large restore; the last part restores the whole snapshot at this index. False when the part
     * was refused (not the next of the staged restore), or when the parts do not decode to a snapshot (they were
     * checked before the first was written, so this would be a bug): then the state stays as it was.
     */
    boolean stageRestore(RestorePart part, long index, Set<String> changed) {
        StagedRestore.Outcome outcome = StagedRestore.stage(Optional.ofNullable(restoring), part);
        restoring = outcome.staged().orElse(null);
        if (outcome.whole().isEmpty()) {
            return outcome.accepted();
        }
        CatalogSnapshot snapshot;
        try {
            snapshot = restoreDecoder.apply(outcome.whole().get());
        } catch (RuntimeException e) {
            return false;
        }
        return restoreAt(snapshot, index, changed);
    }

    /** Replaces everything with a snapshot's content. */
    public void restore(CatalogSnapshot snapshot) {
        catalog.restore(snapshot.nodes());
        restoreBesideCatalog(snapshot);
        topicIndexes.clear();
        topicIndexes.putAll(snapshot.indexes());
        lastIndex = snapshot.lastIndex();
    }

    private void restoreBesideCatalog(CatalogSnapshot snapshot) {
        kv.restore(snapshot.kv(), snapshot.kvTombstones(), snapshot.lockDelays());
        sessions.restore(snapshot.sessions(), snapshot.clockMillis());
        acl.restore(snapshot.acl());
        queries.restore(snapshot.queries());
        configEntries.restore(snapshot.configEntries());
        coordinates.restore(snapshot.coordinates());
        autopilot = snapshot.autopilot();
        restoring = snapshot.restoring();
    }
}
