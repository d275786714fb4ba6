package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.ratis.server.DivisionInfo;

/**
 * When this server last heard from a leader (Consul's X-Consul-LastContact): Ratis' count while it follows a
 * leader; once there is none (Ratis then reports 0), the time since the last contact noted, which keeps growing
 * until a leader is elected. The owner notes the division a few times a second, so the time keeps counting
 * while nobody asks. Thread-safe.
 */
final class LeaderContact {
    private final LongSupplier nanoTime;
    private volatile long lastContactNanos;

    /** @param nanoTime the clock, {@link System#nanoTime} outside tests */
    LeaderContact(LongSupplier nanoTime) {
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.lastContactNanos = nanoTime.getAsLong();
    }

    /** Notes what this server's Raft division knows now: it leads, or when its leader was last heard from. */
    void note(DivisionInfo info) {
        if (info.isLeader()) {
            heard(0);
            return;
        }
        var role = info.getRoleInfoProto();
        if (info.getLeaderId() != null && role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            heard(role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs());
        }
    }

    /** Notes that a leader was heard from this many milliseconds ago (0: now, or this server leads). */
    void heard(long millisAgo) {
        lastContactNanos = nanoTime.getAsLong() - TimeUnit.MILLISECONDS.toNanos(millisAgo);
    }

    /** Milliseconds since a leader was last heard from. */
    long millisSince() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - lastContactNanos);
    }
}
