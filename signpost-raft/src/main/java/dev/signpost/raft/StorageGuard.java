package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a server does about a filling disk. Below the reserve, the leader refuses new writes (the 500 says why) and
 * hands its leadership to a server with room; below the critical floor any server stops, before Ratis' own writes
 * meet a full disk. Both clear by themselves, or on a restart, once space returns.
 *
 * <p>Thread-safe: {@link #admit} runs on Ratis' request threads, {@link #check} on a timer.
 */
final class StorageGuard {
    private final DiskReserve disk;
    private final Consumer<String> handOver;
    private volatile Consumer<Throwable> onFailure = cause -> { };

    /** @param handOver asked (with the reason) to give the leadership to another server; returns at once */
    StorageGuard(DiskReserve disk, Consumer<String> handOver) {
        this.disk = requireNonNull(disk, "disk");
        this.handOver = requireNonNull(handOver, "handOver");
    }

    void onFailure(Consumer<Throwable> action) {
        this.onFailure = requireNonNull(action, "action");
    }

    /** Before the leader appends a write: refused while the disk is below the reserve. */
    void admit() throws IOException {
        Optional<IOException> refusal = shortOfRoom();
        if (refusal.isPresent()) {
            handOver.accept("the data dir is nearly full");
            throw refusal.get();
        }
    }

    /** The refusal a write gets while the disk is below the reserve; empty while there is room. */
    Optional<IOException> shortOfRoom() {
        return disk.enough() ? Optional.empty() : Optional.of(disk.refusal());
    }

    /** Every few hundred milliseconds: a disk below the critical floor stops the server. */
    void check() {
        if (disk.critical()) {
            onFailure.accept(disk.criticalFailure());
        }
    }
}
