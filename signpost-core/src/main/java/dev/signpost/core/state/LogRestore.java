package dev.signpost.core.state;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.watch.Topic;

/**
 * A snapshot restored through the log: its content with indexes that move forward. Every topic, every key that was
 * or is now there, counts as changed at the restore's index (restored keys are modified there, keeping their
 * CreateIndex when it is older; keys that go get a tombstone there), so no blocking query sees an index go back and
 * each one wakes. Pure.
 */
final class LogRestore {
    /** What to restore, and the topics that change. */
    record Restamped(CatalogSnapshot snapshot, Set<String> touched) {
    }

    private LogRestore() {
    }

    /**
     * @param topics the topics the state has indexes for now
     * @param keys the keys the state holds now
     * @param autopilot the state's autopilot configuration, kept when the snapshot has none
     */
    static Restamped restamp(CatalogSnapshot snapshot, long index, Set<String> topics, Set<String> keys,
                             AutopilotConfig autopilot) {
        Set<String> touched = new LinkedHashSet<>(topics);
        touched.addAll(snapshot.indexes().keySet());
        keys.forEach(key -> touched.add(Topic.key(key)));
        List<KvEntry> restamped = snapshot.kv().stream().map(e -> new KvEntry(e.key(), e.value(), e.flags(),
                e.lockIndex(), e.session(), Math.min(e.createIndex(), index), index)).toList();
        Map<String, Long> tombstones = new TreeMap<>();
        keys.forEach(key -> tombstones.put(key, index));
        restamped.forEach(e -> tombstones.remove(e.key()));
        // ACLs and the autopilot configuration are part of the archive and come back with it (Consul's snapshot
        // restores every table); a restore without ACLs used to leave no tokens at all.
        CatalogSnapshot restored = new CatalogSnapshot(index, snapshot.nodes(), restamped, tombstones, Map.of(),
                snapshot.sessions(), snapshot.lockDelays(), snapshot.clockMillis(), snapshot.acl(),
                snapshot.queries().stream().map(q -> q.withIndexes(Math.min(q.createIndex(), index), index)).toList(),
                snapshot.autopilot() == null ? autopilot : snapshot.autopilot(),
                snapshot.configEntries().stream().map(e -> e.writtenAt(Math.min(e.createIndex(), index), index))
                        .toList(), null, snapshot.coordinates());
        restamped.forEach(e -> touched.add(Topic.key(e.key())));
        touched.addAll(List.of(Topic.NODES, Topic.SERVICES, Topic.CHECKS, Topic.SESSIONS, Topic.QUERIES,
                Topic.CONFIG, Topic.COORDINATES));
        return new Restamped(restored, touched);
    }
}
