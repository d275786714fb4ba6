package dev.signpost.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

import dev.signpost.testing.FakeClock;

/** A {@link Scheduler} on a fake clock: {@link #advance} moves time and runs, in order, what came due. */
final class FakeScheduler implements Scheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final FakeClock clock = new FakeClock();
    private long sequence;

    private final class Task implements Comparable<Task> {
        final Instant due;
        final long order = sequence++;
        final Runnable action;
        boolean cancelled;

        Task(Instant due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int byDue = due.compareTo(o.due);
            return byDue != 0 ? byDue : Long.compare(order, o.order);
        }
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(clock.instant().plus(delay), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves the clock forward, running every task due by then at its own time. */
    void advance(Duration by) {
        Instant until = clock.instant().plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(until)) {
                    clock.set(until);
                    return;
                }
                tasks.poll();
                clock.set(next.due);
            }
            if (!next.cancelled) {
                next.action.run();
            }
        }
    }

    /** The clock the tasks run by. */
    Clock clock() {
        return clock;
    }
}
