package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.signpost.core.StorageFullException;

/**
 * The free space a server keeps in its data directory. Once Ratis fails to write its log (ENOSPC), it closes the log
 * for good and the server can only be restarted; so a leader refuses new writes while the disk holds less than the
 * reserve, with a 500 that says so, and takes them again by itself once space returns. Hashicorp's Raft, under
 * Consul, steps down when its log store fails; the leader here hands its leadership over instead (see
 * {@link RaftRegistry}).
 *
 * <p>Thread-safe. The file system is asked at most once every {@code recheckNanos}: the check sits on every write.
 */
final class DiskReserve {
    /** Two of Ratis' preallocated log chunks (4 MB each) and room for a snapshot of a large catalog. */
    static final long DEFAULT_BYTES = 64L << 20;
    /**
     * Below this a server stops: Ratis' next write could meet ENOSPC, and Ratis 3.2 then leaves an empty
     * {@code raft-meta} behind (seen in DiskFaultsTest), which no restart can load.
     */
    static final long CRITICAL_BYTES = 16L << 20;
    private static final String MARK = "Raft log has no room: ";

    private final Path dir;
    private final long reserve;
    private final long critical;
    private final LongSupplier nanoTime;
    private final long recheckNanos;
    private final FreeSpace freeSpace;
    private volatile long checkedAt;
    private volatile long free = Long.MAX_VALUE;

    /** Usable bytes on the file system holding a directory. */
    interface FreeSpace {
        long usable(Path dir) throws IOException;
    }

    DiskReserve(Path dir, long reserve, long critical, LongSupplier nanoTime, long recheckNanos, FreeSpace freeSpace) {
        this.dir = requireNonNull(dir, "dir");
        this.reserve = reserve;
        this.critical = critical;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.recheckNanos = recheckNanos;
        this.freeSpace = requireNonNull(freeSpace, "freeSpace");
        this.checkedAt = nanoTime.getAsLong() - recheckNanos;
    }

    static DiskReserve of(Path dir) {
        return new DiskReserve(dir, DEFAULT_BYTES, CRITICAL_BYTES, System::nanoTime, 250_000_000L,
                d -> Files.getFileStore(d).getUsableSpace());
    }

    /** Whether the disk holds at least the reserve now. */
    boolean enough() {
        return free() >= reserve;
    }

    /** Whether the disk is so full that the server must stop before Ratis writes into it. */
    boolean critical() {
        return free() < critical;
    }

    /** What a server that stops for a full disk says. */
    IOException criticalFailure() {
        return new IOException("only " + (free >> 20) + " MB free, below the " + (critical >> 20) + " MB Raft needs "
                + "to write safely");
    }

    private long free() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= recheckNanos) {
            checkedAt = now;
            try {
                free = freeSpace.usable(dir);
            } catch (IOException e) {
                free = Long.MAX_VALUE; // cannot tell: let the write go and the log report what it finds
            }
        }
        return free;
    }

    /** The leader's refusal, as Ratis carries it back to the server that forwarded the write. */
    IOException refusal() {
        return new IOException(MARK + (free >> 20) + " MB free in " + dir + ", below the " + (reserve >> 20)
                + " MB this server keeps in reserve; free disk space there and retry");
    }

    /** The refusal within a Ratis failure's text (Ratis wraps it, and gRPC keeps only the text), if it is one. */
    static Optional<StorageFullException> refusalIn(String failure) {
        int at = failure == null ? -1 : failure.indexOf(MARK);
        return at < 0 ? Optional.empty() : Optional.of(new StorageFullException(failure.substring(at)));
    }
}
