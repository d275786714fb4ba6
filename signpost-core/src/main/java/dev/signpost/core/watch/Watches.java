package dev.signpost.core.watch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One-shot wake-ups for blocking queries. A waiter subscribes to exact topics and topic prefixes; the
 * first write that changes one of them runs its callback once and forgets it.
 *
 * <p>Thread-safe. Callbacks run on the thread that calls {@link #fire}, so they must only complete a
 * future or similar; they must not block. Subscribing before reading the state, then reading, then
 * waiting, never misses a change.
 */
public final class Watches {
    private final Map<String, Set<Waiter>> byTopic = new ConcurrentHashMap<>();
    private final Set<Waiter> byPrefix = ConcurrentHashMap.newKeySet();

    /** A registration; cancel it when the query stops waiting for another reason. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Calls {@code onChange} once, at the first change of any of the topics or of a topic with one of the prefixes. */
    public Subscription subscribe(List<String> topics, List<String> prefixes, Runnable onChange) {
        Waiter waiter = new Waiter(topics, prefixes, onChange);
        for (String topic : topics) {
            // Add inside compute: a concurrent cancel may drop an emptied set from the map between a
            // computeIfAbsent and a later add, and a waiter added to that set would never be woken.
            byTopic.compute(topic, (t, set) -> {
                Set<Waiter> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
                waiters.add(waiter);
                return waiters;
            });
        }
        if (!prefixes.isEmpty()) {
            byPrefix.add(waiter);
        }
        return waiter::cancel;
    }

    /** Wakes the waiters of the changed topics. */
    public void fire(Set<String> changed) {
        for (String topic : changed) {
            Set<Waiter> waiters = byTopic.get(topic);
            if (waiters != null) {
                for (Waiter waiter : waiters) {
                    waiter.wake();
                }
            }
        }
        for (Waiter waiter : byPrefix) {
            if (waiter.matchesPrefix(changed)) {
                waiter.wake();
            }
        }
    }

    /** Wakes every waiter, e.g. after a snapshot replaced the whole state. */
    public void fireAll() {
        byTopic.values().forEach(set -> set.forEach(Waiter::wake));
        byPrefix.forEach(Waiter::wake);
    }

    /** The number of waiting subscriptions, for tests and metrics. */
    public int waiting() {
        Set<Waiter> all = ConcurrentHashMap.newKeySet();
        byTopic.values().forEach(all::addAll);
        all.addAll(byPrefix);
        return all.size();
    }

    private final class Waiter {
        private final List<String> topics;
        private final List<String> prefixes;
        private final Runnable onChange;
        private final AtomicBoolean done = new AtomicBoolean();

        Waiter(List<String> topics, List<String> prefixes, Runnable onChange) {
            this.topics = List.copyOf(topics);
            this.prefixes = List.copyOf(prefixes);
            this.onChange = onChange;
        }

        boolean matchesPrefix(Set<String> changed) {
            for (String topic : changed) {
                for (String prefix : prefixes) {
                    if (topic.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        }

        void wake() {
            if (cancel()) {
                onChange.run();
            }
        }

        /** Unregisters; true only for the first call. */
        boolean cancel() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            for (String topic : topics) {
                byTopic.computeIfPresent(topic, (t, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
            if (!prefixes.isEmpty()) {
                byPrefix.remove(this);
            }
            return true;
        }
    }
}
