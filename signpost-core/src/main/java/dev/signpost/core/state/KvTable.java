package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.watch.Topic;

/**
 * The key/value part of the catalog. Deleted keys leave a tombstone with the delete's index, so that
 * the index of a key or prefix never goes backwards and a blocking query on it wakes on the delete.
 * Not thread-safe: {@link CatalogState} owns it.
 */
final class KvTable {
    private final TreeMap<String, KvEntry> entries = new TreeMap<>();
    private final TreeMap<String, Long> tombstones = new TreeMap<>();
    /** Keys a session held when it ended, until when (epoch millis of the ending write) they stay unlockable. */
    private final TreeMap<String, Long> lockDelays = new TreeMap<>();

    boolean put(KvPut put, long index, Set<String> changed) {
        KvEntry existing = entries.get(put.key());
        if (put.casIndex() == 0 && existing != null) {
            return false;
        }
        if (put.casIndex() > 0 && (existing == null || existing.modifyIndex() != put.casIndex())) {
            return false;
        }
        long created = existing == null ? index : existing.createIndex();
        long lockIndex = existing == null ? 0 : existing.lockIndex();
        String session = existing == null ? "" : existing.session();
        entries.put(put.key(),
                new KvEntry(put.key(), Bytes.of(put.value()), put.flags(), lockIndex, session, created, index));
        tombstones.remove(put.key());
        changed.add(Topic.key(put.key()));
        return true;
    }

    boolean delete(KvDelete delete, long index, Set<String> changed) {
        KvEntry existing = entries.get(delete.key());
        if (delete.casIndex() >= 0 && (existing == null || existing.modifyIndex() != delete.casIndex())) {
            return existing == null; // Consul's kvsDeleteCASTxn: a key already gone satisfies a CAS delete
        }
        if (existing != null) {
            remove(delete.key(), index, changed);
        }
        return true;
    }

    boolean deleteTree(KvDeleteTree delete, long index, Set<String> changed) {
        for (String key : List.copyOf(prefixed(entries, delete.prefix()).keySet())) {
            remove(key, index, changed);
        }
        return true;
    }

    /**
     * Takes the key's lock for a session (Consul's kvsLockTxn): refused while another session holds it or
     * the key is in a lock delay; the holder re-acquiring only updates the value.
     */
    boolean acquire(String key, Bytes value, long flags, String session, long nowMillis, long index,
                    Set<String> changed) {
        Long delayedUntil = lockDelays.get(key);
        if (delayedUntil != null) {
            if (delayedUntil > nowMillis) {
                return false;
            }
            lockDelays.remove(key); // served its time: forget it, so the table does not grow forever
        }
        KvEntry existing = entries.get(key);
        if (existing != null && !existing.session().isEmpty() && !existing.session().equals(session)) {
            return false;
        }
        long created = existing == null ? index : existing.createIndex();
        long lockIndex = existing == null ? 0 : existing.lockIndex();
        if (existing == null || !existing.session().equals(session)) {
            lockIndex++;
        }
        entries.put(key, new KvEntry(key, value, flags, lockIndex, session, created, index));
        tombstones.remove(key);
        changed.add(Topic.key(key));
        return true;
    }

    /** Gives up the key's lock (Consul's kvsUnlockTxn): only the holding session can. */
    boolean release(String key, Bytes value, long flags, String session, long index, Set<String> changed) {
        KvEntry existing = entries.get(key);
        if (existing == null || !existing.session().equals(session)) {
            return false;
        }
        entries.put(key, new KvEntry(key, value, flags, existing.lockIndex(), "", existing.createIndex(), index));
        changed.add(Topic.key(key));
        return true;
    }

    /**
     * Ends a session's hold on every key it locked: released (kept, without session) or deleted, and each
     * put in lock delay until {@code delayUntilMillis} when that is in the future of the write.
     */
    void endSession(String session, boolean delete, long delayUntilMillis, long index, Set<String> changed) {
        for (KvEntry entry : List.copyOf(entries.values())) {
            if (!entry.session().equals(session)) {
                continue;
            }
            if (delete) {
                remove(entry.key(), index, changed);
            } else {
                entries.put(entry.key(), new KvEntry(entry.key(), entry.value(), entry.flags(), entry.lockIndex(), "",
                        entry.createIndex(), index));
                changed.add(Topic.key(entry.key()));
            }
            lockDelays.put(entry.key(), delayUntilMillis);
        }
    }

    private void remove(String key, long index, Set<String> changed) {
        entries.remove(key);
        tombstones.put(key, index);
        changed.add(Topic.key(key));
    }

    /**
     * Forgets the tombstones of deletes at or before an index; returns how many. Nothing visible changes
     * (no watcher wakes), but a prefix's index may go back to its newest live entry, as in Consul.
     */
    int reapTombstones(long upToIndex) {
        int before = tombstones.size();
        tombstones.values().removeIf(deletedAt -> deletedAt <= upToIndex);
        return before - tombstones.size();
    }

    Indexed<Optional<KvEntry>> get(String key) {
        KvEntry entry = entries.get(key);
        if (entry != null) {
            return new Indexed<>(Optional.of(entry), entry.modifyIndex());
        }
        return new Indexed<>(Optional.empty(), tombstones.getOrDefault(key, 0L));
    }

    /** Every entry under the prefix, in key order; the index is the newest change under it. */
    Indexed<List<KvEntry>> list(String prefix) {
        List<KvEntry> found = new ArrayList<>(prefixed(entries, prefix).values());
        return new Indexed<>(found, prefixIndex(prefix, found));
    }

    /**
     * The keys under the prefix; with a separator, keys are cut after the first separator following the
     * prefix and repeated results folded, as Consul's {@code ?keys&separator=/} does.
     */
    Indexed<List<String>> keys(String prefix, String separator) {
        Set<String> keys = new TreeSet<>();
        List<KvEntry> found = new ArrayList<>(prefixed(entries, prefix).values());
        for (KvEntry entry : found) {
            String key = entry.key();
            if (!separator.isEmpty()) {
                int cut = key.indexOf(separator, prefix.length());
                if (cut >= 0) {
                    key = key.substring(0, cut + separator.length());
                }
            }
            keys.add(key);
        }
        return new Indexed<>(List.copyOf(keys), prefixIndex(prefix, found));
    }

    private long prefixIndex(String prefix, List<KvEntry> found) {
        long index = 0;
        for (KvEntry entry : found) {
            index = Math.max(index, entry.modifyIndex());
        }
        for (long deleted : prefixed(tombstones, prefix).values()) {
            index = Math.max(index, deleted);
        }
        return index;
    }

    Map<String, KvEntry> entries() {
        return entries;
    }

    Map<String, Long> tombstones() {
        return tombstones;
    }

    Map<String, Long> lockDelays() {
        return lockDelays;
    }

    void restore(List<KvEntry> restoredEntries, Map<String, Long> restoredTombstones, Map<String, Long> delays) {
        entries.clear();
        tombstones.clear();
        lockDelays.clear();
        restoredEntries.forEach(e -> entries.put(e.key(), e));
        tombstones.putAll(restoredTombstones);
        lockDelays.putAll(delays);
    }

    private static <V> NavigableMap<String, V> prefixed(TreeMap<String, V> map, String prefix) {
        if (prefix.isEmpty()) {
            return map;
        }
        // The keys with the prefix are exactly those from the prefix up to the prefix with its last char
        // raised by one (strings compare char by char); a prefix ending in U+FFFF has no such bound.
        char last = prefix.charAt(prefix.length() - 1);
        if (last == Character.MAX_VALUE) {
            TreeMap<String, V> found = new TreeMap<>();
            for (Map.Entry<String, V> e : map.tailMap(prefix, true).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                found.put(e.getKey(), e.getValue());
            }
            return found;
        }
        return map.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + (char) (last + 1), false);
    }
}
