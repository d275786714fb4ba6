package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The state machine's applied index, and the readers waiting for it to reach an index (a read-index read on a
 * follower waits to apply as much as the leader had). The state machine {@link #advance advances} it after each
 * entry is in the store; a waiter is completed then, never by polling.
 *
 * <p>Ratis' {@code BaseStateMachine.queryStale} keeps such futures too, but does not complete them when a
 * snapshot installed from the leader moves the index, and keeps the future of a read that gave up.
 *
 * <p>Thread-safe: advanced from Ratis' apply thread, awaited from request threads.
 */
final class AppliedIndex {
    private long applied = -1; // guarded by this; Ratis' index before the first entry
    private final NavigableMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>(); // guarded by this

    /** The highest index applied, -1 before the first. */
    synchronized long applied() {
        return applied;
    }

    /** Completes once the index is applied: at once when it already is. */
    CompletableFuture<Void> reached(long index) {
        synchronized (this) {
            if (index > applied) {
                CompletableFuture<Void> waiter = new CompletableFuture<>();
                waiters.computeIfAbsent(index, i -> new ArrayList<>()).add(waiter);
                return waiter;
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Waits until the index is applied; false when the timeout passed first (its waiter is then forgotten).
     */
    boolean await(long index, Duration timeout) throws InterruptedException {
        requireNonNull(timeout, "timeout");
        CompletableFuture<Void> waiter = reached(index);
        try {
            waiter.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            forget(index, waiter);
            return false;
        } catch (InterruptedException e) {
            forget(index, waiter);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never: a waiter is only ever completed normally", e);
        }
    }

    /** Notes that every entry up to this index is applied, and completes the waiters it satisfies. */
    void advance(long index) {
        List<CompletableFuture<Void>> due = new ArrayList<>();
        synchronized (this) {
            if (index <= applied) {
                return;
            }
            applied = index;
            NavigableMap<Long, List<CompletableFuture<Void>>> reachedNow = waiters.headMap(index, true);
            reachedNow.values().forEach(due::addAll);
            reachedNow.clear();
        }
        // Outside the lock: a completion may run the waiter's dependants on this thread.
        due.forEach(waiter -> waiter.complete(null));
    }

    /** How many waiters are registered; for tests. */
    synchronized int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private synchronized void forget(long index, CompletableFuture<Void> waiter) {
        List<CompletableFuture<Void>> atIndex = waiters.get(index);
        if (atIndex != null && atIndex.remove(waiter) && atIndex.isEmpty()) {
            waiters.remove(index);
        }
    }
}
