package dev.signpost.cli;

import static dev.signpost.cli.LockSession.JSON;
import static dev.signpost.cli.LockSession.bytes;
import static dev.signpost.cli.LockSession.kv;
import static dev.signpost.cli.LockSession.ok;
import static dev.signpost.cli.LockSession.read;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.client.RawApi;

/**
 * The Go API client's semaphore: a contender key {@code PREFIX/<session>} per contender, and {@code PREFIX/.lock}
 * holding {@code {"Limit":n,"Holders":{...}}} under flags {@code SEMAPHORE_FLAGS}, changed by check-and-set.
 */
final class SemaphoreHolder extends KvHolder {
    private static final String FLAGS = "&flags=" + Long.toUnsignedString(KvLocks.SEMAPHORE_FLAGS);

    private final String prefix;
    private final String lockKey;
    private final int limit;

    SemaphoreHolder(LockSession session, String prefix, int limit, int monitorRetries) {
        super(session, monitorRetries, "semaphore-monitor");
        this.prefix = prefix;
        this.lockKey = KvLocks.key(prefix, ".lock");
        this.limit = limit;
    }

    @Override
    void enter(String id) {
        if (!ok(session.put(kv(KvLocks.key(prefix, id)) + "?acquire=" + id + FLAGS, new byte[0]))) {
            throw new KvLocks.LockException("failed to make contender entry");
        }
    }

    @Override
    long attempt(String id, long index, Duration left) {
        RawApi.Response r = session.block(prefixQuery(), index, min(WAIT, left));
        JsonNode pairs = r.status() == 404 ? JSON.createArrayNode() : read(r);
        JsonNode lockPair = lockPair(pairs);
        Map<String, Boolean> holders = liveHolders(pairs, lockPair);
        if (holders.size() >= limit) {
            return r.index();
        }
        holders.put(id, true);
        return casLock(lockPair, holders) ? HELD : 0;
    }

    private String prefixQuery() {
        return kv(KvLocks.key(prefix, "")) + "?recurse";
    }

    private JsonNode lockPair(JsonNode pairs) {
        for (JsonNode pair : pairs) {
            if (pair.path("Key").asText().equals(lockKey)) {
                return pair;
            }
        }
        return null;
    }

    /** The lock's holders whose contender keys still have a session (Go's pruneDeadHolders). */
    private Map<String, Boolean> liveHolders(JsonNode pairs, JsonNode lockPair) {
        Map<String, Boolean> holders = new LinkedHashMap<>();
        if (lockPair == null) {
            return holders;
        }
        if (!flagsAre(lockPair, KvLocks.SEMAPHORE_FLAGS)) {
            throw new KvLocks.LockException("Existing key does not match semaphore use");
        }
        JsonNode lock = read(value(lockPair));
        if (lock.path("Limit").asInt() != limit) {
            throw new KvLocks.LockException("semaphore limit conflict (lock: " + lock.path("Limit").asInt()
                    + ", local: " + limit + ")");
        }
        Set<String> alive = new HashSet<>();
        pairs.forEach(p -> {
            if (!p.path("Session").asText("").isEmpty()) {
                alive.add(p.path("Session").asText());
            }
        });
        lock.path("Holders").properties().forEach(e -> {
            if (alive.contains(e.getKey())) {
                holders.put(e.getKey(), true);
            }
        });
        return holders;
    }

    private boolean casLock(JsonNode lockPair, Map<String, Boolean> holders) {
        ObjectNode lock = JSON.createObjectNode().put("Limit", limit);
        lock.set("Holders", JSON.valueToTree(holders));
        long cas = lockPair == null ? 0 : lockPair.path("ModifyIndex").asLong();
        return ok(session.put(kv(lockKey) + "?cas=" + cas + FLAGS, bytes(lock)));
    }

    @Override
    long heldIndex(long index) {
        RawApi.Response r = session.block(prefixQuery(), index, WAIT);
        JsonNode lockPair = r.status() == 404 ? null : lockPair(read(r));
        boolean held = lockPair != null && read(value(lockPair)).path("Holders").has(session.id());
        return held ? r.index() : -1;
    }

    @Override
    void releaseKeys() {
        while (true) {
            RawApi.Response r = session.get(kv(lockKey));
            if (r.status() == 404) {
                break;
            }
            JsonNode lockPair = read(r).get(0);
            ObjectNode lock = (ObjectNode) read(value(lockPair));
            if (!lock.path("Holders").has(session.id())) {
                break;
            }
            ((ObjectNode) lock.get("Holders")).remove(session.id());
            if (ok(session.put(kv(lockKey) + "?cas=" + lockPair.path("ModifyIndex").asLong() + FLAGS, bytes(lock)))) {
                break;
            }
        }
        session.delete(kv(KvLocks.key(prefix, session.id())));
    }

    @Override
    public boolean cleanup() {
        RawApi.Response r = session.get(prefixQuery());
        JsonNode pairs = r.status() == 404 ? JSON.createArrayNode() : read(r);
        JsonNode lockPair = lockPair(pairs);
        if (lockPair == null) {
            return true;
        }
        if (!liveHolders(pairs, lockPair).isEmpty()) {
            return false;
        }
        session.delete(kv(lockKey) + "?cas=" + lockPair.path("ModifyIndex").asLong());
        return true;
    }
}
