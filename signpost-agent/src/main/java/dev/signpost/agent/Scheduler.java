package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay. The agent backs it with one small {@link ScheduledExecutorService} whose
 * thread only hands work on; tests use a fake clock that runs what is due when time is advanced.
 */
interface Scheduler {

    /** Runs the task once after the delay; the task must be quick (hand blocking work to an executor). */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    static Scheduler of(ScheduledExecutorService executor) {
        requireNonNull(executor, "executor");
        return (task, delay) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
