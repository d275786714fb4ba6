package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consul's snapshot rule: every snapshot interval, randomised up to twice it so that servers do not snapshot
 * together, a check takes a snapshot when at least the threshold of entries were applied since the last one;
 * Ratis then compacts the log behind it. (Ratis' own trigger is off, see {@link RatisProperties}.)
 *
 * <p>Checks run on the scheduler passed in, one at a time; a failed snapshot is logged in one line and the next
 * check runs as usual. Shutting the scheduler down stops the checks.
 */
final class SnapshotTimer {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTimer.class);

    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final Duration interval;
    private final long threshold;
    private final LongSupplier appliedIndex;
    private final LongSupplier snapshotIndex;
    private final Snapshot snapshot;

    /** Takes a snapshot now, waiting for it to be written. */
    @FunctionalInterface
    interface Snapshot {
        void take() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * @param appliedIndex the index this server has applied
     * @param snapshotIndex the index of its latest snapshot, 0 before the first
     */
    SnapshotTimer(ScheduledExecutorService scheduler, RandomGenerator random, Duration interval, long threshold,
                  LongSupplier appliedIndex, LongSupplier snapshotIndex, Snapshot snapshot) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.random = requireNonNull(random, "random");
        this.interval = requireNonNull(interval, "interval");
        this.threshold = threshold;
        this.appliedIndex = requireNonNull(appliedIndex, "appliedIndex");
        this.snapshotIndex = requireNonNull(snapshotIndex, "snapshotIndex");
        this.snapshot = requireNonNull(snapshot, "snapshot");
    }

    /** Schedules the first check; each check schedules the next. */
    void start() {
        long millis = interval.toMillis();
        long delay = millis + random.nextLong(millis);
        try {
            scheduler.schedule(() -> {
                try {
                    check();
                } finally {
                    start();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("raft: snapshot timer stopped");
        }
    }

    /** One check: takes a snapshot when one is due; true when it took one. */
    boolean check() {
        try {
            if (appliedIndex.getAsLong() - snapshotIndex.getAsLong() < threshold) {
                return false;
            }
            snapshot.take();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("raft: snapshot failed: {}; trying again in {} s", e.toString(), interval.toSeconds());
        }
        return false;
    }
}
