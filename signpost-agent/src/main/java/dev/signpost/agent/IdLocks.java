package dev.signpost.agent;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks striped by service ID: changes of one service ID wait for each other, others rarely do. A
 * lock is held across a Raft write, so with 64 locks and 64 concurrent registrations many waited for an unrelated
 * registration's write; with 1024 few do.
 *
 * <p>Thread-safe.
 */
final class IdLocks {
    private final ReentrantLock[] locks = new ReentrantLock[1024];

    IdLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of this service ID. */
    ReentrantLock of(String serviceId) {
        return locks[Math.floorMod(serviceId.hashCode(), locks.length)];
    }
}
