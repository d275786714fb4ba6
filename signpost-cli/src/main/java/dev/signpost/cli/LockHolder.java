package dev.signpost.cli;

import static dev.signpost.cli.LockSession.kv;
import static dev.signpost.cli.LockSession.ok;
import static dev.signpost.cli.LockSession.read;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.client.RawApi;

/** The Go API client's lock: the key {@code PREFIX/.lock} acquired by the session, flags {@code LOCK_FLAGS}. */
final class LockHolder extends KvHolder {
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final String FLAGS = "&flags=" + Long.toUnsignedString(KvLocks.LOCK_FLAGS);

    private final String key;

    LockHolder(LockSession session, String key, int monitorRetries) {
        super(session, monitorRetries, "lock-monitor");
        this.key = key;
    }

    @Override
    long attempt(String id, long index, Duration left) throws InterruptedException {
        RawApi.Response r = session.block(kv(key), index, min(WAIT, left));
        JsonNode pair = r.status() == 404 ? null : read(r).get(0);
        if (pair != null && !flagsAre(pair, KvLocks.LOCK_FLAGS)) {
            throw new KvLocks.LockException("Existing key does not match lock use");
        }
        String holder = pair == null ? "" : pair.path("Session").asText("");
        if (holder.equals(id)) {
            return HELD;
        }
        if (!holder.isEmpty()) {
            return r.index();
        }
        if (ok(session.put(kv(key) + "?acquire=" + id + FLAGS, new byte[0]))) {
            return HELD;
        }
        Thread.sleep(min(RETRY, left).toMillis()); // the lock-delay after a holder's session ended
        return index;
    }

    @Override
    long heldIndex(long index) {
        RawApi.Response r = session.block(kv(key), index, WAIT);
        boolean held = r.status() != 404 && read(r).get(0).path("Session").asText("").equals(session.id());
        return held ? r.index() : -1;
    }

    @Override
    void releaseKeys() {
        session.put(kv(key) + "?release=" + session.id() + FLAGS, new byte[0]);
    }

    @Override
    public boolean cleanup() {
        RawApi.Response r = session.get(kv(key));
        if (r.status() == 404) {
            return true;
        }
        JsonNode pair = read(r).get(0);
        if (!flagsAre(pair, KvLocks.LOCK_FLAGS)) {
            throw new KvLocks.LockException("Existing key does not match lock use");
        }
        if (!pair.path("Session").asText("").isEmpty()) {
            return false;
        }
        session.delete(kv(key) + "?cas=" + pair.path("ModifyIndex").asLong());
        return true;
    }
}
