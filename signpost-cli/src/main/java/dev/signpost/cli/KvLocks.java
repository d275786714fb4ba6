package dev.signpost.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.ConsulUnreachableException;
import dev.signpost.client.RawApi;

/**
 * The Go API client's lock and semaphore over KV and sessions, the protocol {@code consul lock} speaks, so a
 * {@code signpost lock} and a {@code consul lock} on one prefix exclude each other: a session with a 15 s TTL renewed
 * every half TTL; a lock is the key {@code PREFIX/.lock} acquired with flags {@code 0x2ddccbc058a50c18}; a semaphore is
 * one contender key {@code PREFIX/<session>} per contender plus {@code PREFIX/.lock} holding
 * {@code {"Limit":n,"Holders":{"<session>":true}}} under flags {@code 0xe0f69a2baa414de0}, changed by check-and-set.
 * Not thread-safe except {@link Holder#lost()}, which the monitor thread completes.
 */
final class KvLocks {
    static final long LOCK_FLAGS = 0x2ddccbc058a50c18L;
    static final long SEMAPHORE_FLAGS = 0xe0f69a2baa414de0L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration MONITOR_RETRY = Duration.ofSeconds(1);

    private KvLocks() {
    }

    /** A lock or semaphore slot: acquire, watch for its loss, release, and clean up its keys when unused. */
    interface Holder {
        /** Blocks until held; false when {@code timeout} (zero: none) passed first. */
        boolean acquire(Duration timeout) throws InterruptedException;

        /** Completes when the hold is lost (another session took it, or the agent stayed unreachable). */
        CompletableFuture<Void> lost();

        void release();

        /** Deletes the lock key when nobody holds it; false when it is still in use. */
        boolean cleanup();
    }

    /** Consul's errors, texts as the Go API client words them. */
    static final class LockException extends RuntimeException {
        LockException(String message) {
            super(message);
        }
    }

    static Holder lock(ConsulClient client, String prefix, String sessionName, int monitorRetries,
                       ScheduledExecutorService renewer) {
        return new Lock(new Session(client, sessionName, renewer), key(prefix, ".lock"), monitorRetries);
    }

    static Holder semaphore(ConsulClient client, String prefix, int limit, String sessionName, int monitorRetries,
                            ScheduledExecutorService renewer) {
        return new Semaphore(new Session(client, sessionName, renewer), prefix, limit, monitorRetries);
    }

    /** Go's path.Join for a KV prefix and a name. */
    static String key(String prefix, String name) {
        String p = prefix.replaceAll("/+$", "");
        return p.isEmpty() ? name : p + "/" + name;
    }

    /** A session renewed every half TTL until destroyed. */
    private static final class Session {
        final ConsulClient client;
        final String name;
        final ScheduledExecutorService renewer;
        String id = "";

        Session(ConsulClient client, String name, ScheduledExecutorService renewer) {
            this.client = client;
            this.name = name;
            this.renewer = renewer;
        }

        String create() {
            ObjectNode body = JSON.createObjectNode().put("Name", name).put("TTL", TTL.toSeconds() + "s");
            id = read(put(client, "/v1/session/create", bytes(body))).path("ID").asText();
            long every = TTL.toMillis() / 2;
            renewer.scheduleAtFixedRate(() -> {
                try {
                    client.raw().call("PUT", "/v1/session/renew/" + id, new byte[0]);
                } catch (ConsulException e) {
                    // The monitor sees a lost hold; a renewal that fails is retried at the next period.
                }
            }, every, every, TimeUnit.MILLISECONDS);
            return id;
        }

        void destroy() {
            renewer.shutdownNow();
            if (!id.isEmpty()) {
                put(client, "/v1/session/destroy/" + id, new byte[0]);
            }
        }
    }

    private static final class Lock implements Holder {
        private final Session session;
        private final String key;
        private final int monitorRetries;
        private final CompletableFuture<Void> lost = new CompletableFuture<>();

        Lock(Session session, String key, int monitorRetries) {
            this.session = session;
            this.key = key;
            this.monitorRetries = monitorRetries;
        }

        @Override
        public boolean acquire(Duration timeout) throws InterruptedException {
            String id = session.create();
            Instant deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
            long index = 0;
            while (true) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                RawApi.Response r = session.client.raw().block("/v1/kv/" + ApiCommand.encode(key), index, min(WAIT, left));
                JsonNode pair = r.status() == 404 ? null : read(r).get(0);
                if (pair != null && !flagsAre(pair, LOCK_FLAGS)) {
                    throw new LockException("Existing key does not match lock use");
                }
                String holder = pair == null ? "" : pair.path("Session").asText("");
                if (holder.equals(id)) {
                    break;
                }
                if (!holder.isEmpty()) {
                    index = r.index();
                    continue;
                }
                if (ok(put(session.client, "/v1/kv/" + ApiCommand.encode(key) + "?acquire=" + id + "&flags="
                        + Long.toUnsignedString(LOCK_FLAGS), new byte[0]))) {
                    break;
                }
                Thread.sleep(min(RETRY, left).toMillis()); // the lock-delay after a holder's session ended
            }
            Thread.ofVirtual().name("lock-monitor").start(this::monitor);
            return true;
        }

        private void monitor() {
            monitorUntilLost(lost, monitorRetries, index -> {
                RawApi.Response r = session.client.raw().block("/v1/kv/" + ApiCommand.encode(key), index, WAIT);
                boolean held = r.status() != 404 && read(r).get(0).path("Session").asText("").equals(session.id);
                return held ? r.index() : -1;
            });
        }

        @Override
        public CompletableFuture<Void> lost() {
            return lost;
        }

        @Override
        public void release() {
            lost.cancel(false);
            if (session.id.isEmpty()) {
                return;
            }
            put(session.client, "/v1/kv/" + ApiCommand.encode(key) + "?release=" + session.id + "&flags="
                    + Long.toUnsignedString(LOCK_FLAGS), new byte[0]);
            session.destroy();
        }

        @Override
        public boolean cleanup() {
            RawApi.Response r = session.client.raw().call("GET", "/v1/kv/" + ApiCommand.encode(key), new byte[0]);
            if (r.status() == 404) {
                return true;
            }
            JsonNode pair = read(r).get(0);
            if (!flagsAre(pair, LOCK_FLAGS)) {
                throw new LockException("Existing key does not match lock use");
            }
            if (!pair.path("Session").asText("").isEmpty()) {
                return false;
            }
            session.client.raw().call("DELETE", "/v1/kv/" + ApiCommand.encode(key) + "?cas="
                    + pair.path("ModifyIndex").asLong(), new byte[0]);
            return true;
        }
    }

    private static final class Semaphore implements Holder {
        private final Session session;
        private final String prefix;
        private final String lockKey;
        private final int limit;
        private final int monitorRetries;
        private final CompletableFuture<Void> lost = new CompletableFuture<>();

        Semaphore(Session session, String prefix, int limit, int monitorRetries) {
            this.session = session;
            this.prefix = prefix;
            this.lockKey = key(prefix, ".lock");
            this.limit = limit;
            this.monitorRetries = monitorRetries;
        }

        @Override
        public boolean acquire(Duration timeout) throws InterruptedException {
            String id = session.create();
            if (!ok(put(session.client, "/v1/kv/" + ApiCommand.encode(key(prefix, id)) + "?acquire=" + id + "&flags="
                    + Long.toUnsignedString(SEMAPHORE_FLAGS), new byte[0]))) {
                throw new LockException("failed to make contender entry");
            }
            Instant deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
            long index = 0;
            while (true) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                RawApi.Response r = session.client.raw().block(prefixQuery(), index, min(WAIT, left));
                JsonNode pairs = r.status() == 404 ? JSON.createArrayNode() : read(r);
                JsonNode lockPair = lockPair(pairs);
                Map<String, Boolean> holders = liveHolders(pairs, lockPair);
                if (holders.size() >= limit) {
                    index = r.index();
                    continue;
                }
                holders.put(id, true);
                if (casLock(lockPair, holders)) {
                    break;
                }
                index = 0;
            }
            Thread.ofVirtual().name("semaphore-monitor").start(this::monitor);
            return true;
        }

        private String prefixQuery() {
            return "/v1/kv/" + ApiCommand.encode(key(prefix, "")) + "?recurse";
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
            if (!flagsAre(lockPair, SEMAPHORE_FLAGS)) {
                throw new LockException("Existing key does not match semaphore use");
            }
            JsonNode lock = read(value(lockPair));
            if (lock.path("Limit").asInt() != limit) {
                throw new LockException("semaphore limit conflict (lock: " + lock.path("Limit").asInt() + ", local: "
                        + limit + ")");
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
            return ok(put(session.client, "/v1/kv/" + ApiCommand.encode(lockKey) + "?cas=" + cas + "&flags="
                    + Long.toUnsignedString(SEMAPHORE_FLAGS), bytes(lock)));
        }

        private void monitor() {
            monitorUntilLost(lost, monitorRetries, index -> {
                RawApi.Response r = session.client.raw().block(prefixQuery(), index, WAIT);
                JsonNode lockPair = r.status() == 404 ? null : lockPair(read(r));
                boolean held = lockPair != null && read(value(lockPair)).path("Holders").has(session.id);
                return held ? r.index() : -1;
            });
        }

        @Override
        public CompletableFuture<Void> lost() {
            return lost;
        }

        @Override
        public void release() {
            lost.cancel(false);
            if (session.id.isEmpty()) {
                return;
            }
            while (true) {
                RawApi.Response r = session.client.raw().call("GET", "/v1/kv/" + ApiCommand.encode(lockKey),
                        new byte[0]);
                if (r.status() == 404) {
                    break;
                }
                JsonNode lockPair = read(r).get(0);
                ObjectNode lock = (ObjectNode) read(value(lockPair));
                if (!lock.path("Holders").has(session.id)) {
                    break;
                }
                ((ObjectNode) lock.get("Holders")).remove(session.id);
                if (ok(put(session.client, "/v1/kv/" + ApiCommand.encode(lockKey) + "?cas="
                        + lockPair.path("ModifyIndex").asLong() + "&flags=" + Long.toUnsignedString(SEMAPHORE_FLAGS),
                        bytes(lock)))) {
                    break;
                }
            }
            session.client.raw().call("DELETE", "/v1/kv/" + ApiCommand.encode(key(prefix, session.id)), new byte[0]);
            session.destroy();
        }

        @Override
        public boolean cleanup() {
            RawApi.Response r = session.client.raw().call("GET", prefixQuery(), new byte[0]);
            JsonNode pairs = r.status() == 404 ? JSON.createArrayNode() : read(r);
            JsonNode lockPair = lockPair(pairs);
            if (lockPair == null) {
                return true;
            }
            if (!liveHolders(pairs, lockPair).isEmpty()) {
                return false;
            }
            session.client.raw().call("DELETE", "/v1/kv/" + ApiCommand.encode(lockKey) + "?cas="
                    + lockPair.path("ModifyIndex").asLong(), new byte[0]);
            return true;
        }
    }

    /** One blocking read: the next index while still held, or -1 once lost. */
    private interface HeldCheck {
        long next(long index);
    }

    /**
     * Blocking reads until the hold is gone; a 5xx or an unreachable agent is retried {@code retries} times a second
     * apart (consul lock's -monitor-retry) before the hold counts as lost.
     */
    private static void monitorUntilLost(CompletableFuture<Void> lost, int retries, HeldCheck check) {
        long index = 0;
        int left = retries;
        while (!lost.isDone()) {
            try {
                index = check.next(index);
                if (index < 0) {
                    break;
                }
            } catch (ConsulException e) {
                boolean retryable = e instanceof ConsulUnreachableException || e.statusCode() >= 500;
                if (!retryable || left-- <= 0) {
                    break;
                }
                try {
                    Thread.sleep(MONITOR_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        lost.complete(null);
    }

    private static RawApi.Response put(ConsulClient client, String path, byte[] body) {
        RawApi.Response r = client.raw().call("PUT", path, body);
        if (r.status() == 404) {
            throw new ConsulException("404", 404, new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    private static boolean ok(RawApi.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8).strip().equals("true");
    }

    private static boolean flagsAre(JsonNode pair, long flags) {
        return new BigInteger(pair.path("Flags").asText("0")).longValue() == flags;
    }

    private static byte[] value(JsonNode pair) {
        return pair.path("Value").isTextual() ? Base64.getDecoder().decode(pair.get("Value").asText()) : new byte[0];
    }

    private static JsonNode read(RawApi.Response r) {
        return read(r.body());
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
