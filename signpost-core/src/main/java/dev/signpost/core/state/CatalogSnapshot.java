package dev.signpost.core.state;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.signpost.core.acl.AclSnapshot;
import dev.signpost.core.config.ConfigEntry;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;
import dev.signpost.core.query.PreparedQuery;

/**
 * Everything {@link CatalogState} holds, as plain values: what a Raft snapshot stores and restores.
 *
 * @param indexes the index of every topic (see {@code Topic}), so blocking queries resume correctly
 * @param sessions every session; absent (null) in snapshots written before sessions existed
 * @param lockDelays keys in lock delay, until when (epoch millis)
 * @param clockMillis the latest writer's clock any applied command carried
 * @param acl tokens, policies and roles; absent (null) in snapshots written before ACLs existed
 * @param queries prepared queries; absent (null) in snapshots written before they existed
 * @param autopilot the autopilot configuration; null until a leader wrote one, and in older snapshots
 * @param configEntries config entries; absent (null) in snapshots written before they existed
 * @param restoring the parts of a large restore applied so far; null when none is under way
 * @param coordinates the nodes' network coordinates; absent (null) in snapshots written before they existed
 */
public record CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv,
                              Map<String, Long> kvTombstones, Map<String, Long> indexes, List<Session> sessions,
                              Map<String, Long> lockDelays, long clockMillis, AclSnapshot acl,
                              List<PreparedQuery> queries, AutopilotConfig autopilot,
                              List<ConfigEntry> configEntries, StagedRestore restoring,
                              List<NodeCoordinate> coordinates) {

    public CatalogSnapshot {
        nodes = List.copyOf(requireNonNull(nodes, "nodes"));
        kv = List.copyOf(requireNonNull(kv, "kv"));
        kvTombstones = Map.copyOf(requireNonNull(kvTombstones, "kvTombstones"));
        indexes = Map.copyOf(requireNonNull(indexes, "indexes"));
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        lockDelays = lockDelays == null ? Map.of() : Map.copyOf(lockDelays);
        acl = acl == null ? AclSnapshot.empty() : acl;
        queries = queries == null ? List.of() : List.copyOf(queries);
        configEntries = configEntries == null ? List.of() : List.copyOf(configEntries);
        coordinates = coordinates == null ? List.of() : List.copyOf(coordinates);
    }

    /** A snapshot without coordinates, as written before they existed. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl, List<PreparedQuery> queries, AutopilotConfig autopilot,
                           List<ConfigEntry> configEntries, StagedRestore restoring) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, queries, autopilot,
                configEntries, restoring, List.of());
    }

    /** A snapshot with no restore under way. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl, List<PreparedQuery> queries, AutopilotConfig autopilot,
                           List<ConfigEntry> configEntries) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, queries, autopilot,
                configEntries, null);
    }

    /** A snapshot without config entries, as written before they existed. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl, List<PreparedQuery> queries, AutopilotConfig autopilot) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, queries, autopilot,
                List.of());
    }

    /** A snapshot without prepared queries or an autopilot configuration, as written before they existed. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, List.of(), null);
    }

    /** A snapshot without an autopilot configuration. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl, List<PreparedQuery> queries) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, queries, null);
    }

    /** A snapshot without prepared queries. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis, AclSnapshot acl, AutopilotConfig autopilot) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, acl, List.of(), autopilot);
    }

    /** A snapshot without ACLs, as written before they existed. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes, List<Session> sessions, Map<String, Long> lockDelays,
                           long clockMillis) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, sessions, lockDelays, clockMillis, AclSnapshot.empty());
    }

    /** A snapshot without sessions or lock delays. */
    public CatalogSnapshot(long lastIndex, List<NodeRecord> nodes, List<KvEntry> kv, Map<String, Long> kvTombstones,
                           Map<String, Long> indexes) {
        this(lastIndex, nodes, kv, kvTombstones, indexes, List.of(), Map.of(), 0);
    }

    /** A node with its services and checks. */
    public record NodeRecord(Node node, List<Service> services, List<Check> checks) {
        public NodeRecord {
            requireNonNull(node, "node");
            services = List.copyOf(requireNonNull(services, "services"));
            checks = List.copyOf(requireNonNull(checks, "checks"));
        }
    }
}
