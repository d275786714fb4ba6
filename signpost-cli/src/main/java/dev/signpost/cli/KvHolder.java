package dev.signpost.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.client.ConsulException;
import dev.signpost.client.ConsulUnreachableException;

/**
 * What a lock and a semaphore hold share, as the Go API client's: acquire is a loop of blocking reads and attempts
 * until held or out of time, then a monitor thread reads on until the hold is gone; release gives the keys back and
 * destroys the session. Subclasses say what one attempt, one monitor read and giving back the keys are.
 */
abstract class KvHolder implements KvLocks.Holder {
    /** What {@link #attempt} returns once the hold is ours. */
    static final long HELD = -1;
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration MONITOR_RETRY = Duration.ofSeconds(1);

    final LockSession session;
    private final int monitorRetries;
    private final String monitorName;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();

    KvHolder(LockSession session, int monitorRetries, String monitorName) {
        this.session = session;
        this.monitorRetries = monitorRetries;
        this.monitorName = monitorName;
    }

    /** Work before the first attempt, with the new session's ID (the semaphore's contender key). */
    void enter(String id) {
    }

    /**
     * One blocking read at {@code index} and, when the hold looks free, one try to take it: {@link #HELD}, else the
     * index to block on next; {@code left} bounds the blocking read and any pause.
     */
    abstract long attempt(String id, long index, Duration left) throws InterruptedException;

    /** One blocking read at {@code index}: the next index while still held, or -1 once lost. */
    abstract long heldIndex(long index);

    /** Gives the hold's keys back (the session still exists). */
    abstract void releaseKeys();

    @Override
    public final boolean acquire(Duration timeout) throws InterruptedException {
        String id = session.create();
        enter(id);
        Instant deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
        long index = 0;
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            index = attempt(id, index, left);
            if (index == HELD) {
                break;
            }
        }
        Thread.ofVirtual().name(monitorName).start(this::monitor);
        return true;
    }

    @Override
    public final CompletableFuture<Void> lost() {
        return lost;
    }

    @Override
    public final void release() {
        lost.cancel(false);
        if (session.id().isEmpty()) {
            return;
        }
        releaseKeys();
        session.destroy();
    }

    /**
     * Blocking reads until the hold is gone; a 5xx or an unreachable agent is retried {@code monitorRetries} times a
     * second apart (consul lock's -monitor-retry) before the hold counts as lost.
     */
    private void monitor() {
        long index = 0;
        int left = monitorRetries;
        while (!lost.isDone()) {
            try {
                index = heldIndex(index);
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

    static boolean flagsAre(JsonNode pair, long flags) {
        return new BigInteger(pair.path("Flags").asText("0")).longValue() == flags;
    }

    /** A KV pair's value, decoded from base64. */
    static byte[] value(JsonNode pair) {
        return pair.path("Value").isTextual() ? Base64.getDecoder().decode(pair.get("Value").asText()) : new byte[0];
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
