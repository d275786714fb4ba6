package dev.signpost.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import dev.signpost.client.ConsulClient;

/**
 * The Go API client's lock and semaphore over KV and sessions, the protocol {@code consul lock} speaks, so a
 * {@code signpost lock} and a {@code consul lock} on one prefix exclude each other: a session with a 15 s TTL renewed
 * every half TTL; a lock is the key {@code PREFIX/.lock} acquired with flags {@code 0x2ddccbc058a50c18}; a semaphore is
 * one contender key {@code PREFIX/<session>} per contender plus {@code PREFIX/.lock} holding
 * {@code {"Limit":n,"Holders":{"<session>":true}}} under flags {@code 0xe0f69a2baa414de0}, changed by check-and-set.
 * Not thread-safe except {@link Holder#lost()}, which the monitor thread completes. The holds are {@link LockHolder}
 * and {@link SemaphoreHolder}, on a {@link LockSession}.
 */
final class KvLocks {
    static final long LOCK_FLAGS = 0x2ddccbc058a50c18L;
    static final long SEMAPHORE_FLAGS = 0xe0f69a2baa414de0L;

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
        return new LockHolder(new LockSession(client, sessionName, renewer), key(prefix, ".lock"), monitorRetries);
    }

    static Holder semaphore(ConsulClient client, String prefix, int limit, String sessionName, int monitorRetries,
                            ScheduledExecutorService renewer) {
        return new SemaphoreHolder(new LockSession(client, sessionName, renewer), prefix, limit, monitorRetries);
    }

    /** Go's path.Join for a KV prefix and a name. */
    static String key(String prefix, String name) {
        String p = prefix.replaceAll("/+$", "");
        return p.isEmpty() ? name : p + "/" + name;
    }
}
