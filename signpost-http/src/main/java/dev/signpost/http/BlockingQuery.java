package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.signpost.core.state.Indexed;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;

/**
 * Consul's blocking query, the one implementation for every endpoint (catalog reads and user events): run a
 * query, and while its index does not answer the caller, wait for a change of what it reads, up to a deadline;
 * at the deadline answer with the current result.
 *
 * <p>The calling thread blocks, so call it from a virtual thread (every request handler runs on one): thousands
 * of waiting queries then cost no platform threads.
 */
final class BlockingQuery {
    /** Consul's default_query_time and max_query_time. */
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** Where wake-ups come from: {@code Registry::watch} for the catalog, the agent's user events. */
    @FunctionalInterface
    interface Source {
        /** Calls {@code onChange} once, at the next change of what {@code scope} names; it must not block. */
        Watches.Subscription watch(Scope scope, Runnable onChange);
    }

    private final Source source;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    BlockingQuery(Source source) {
        this.source = requireNonNull(source, "source");
    }

    /** How many queries wait for a change right now. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Answers at once when {@code minIndex} is 0 or the result's index is past it; otherwise waits up
     * to {@code wait} for the index to pass it.
     */
    <T> Indexed<T> run(Scope scope, long minIndex, Duration wait, Supplier<Indexed<T>> query) {
        return run(scope, result -> minIndex <= 0 || result.index() > minIndex, wait, query);
    }

    /** Answers once {@code answered} holds for the result, or at the end of {@code wait}. */
    @SuppressWarnings("try") // the subscription is only closed, never read
    <T> T run(Scope scope, Predicate<T> answered, Duration wait, Supplier<T> query) {
        T result = query.get();
        if (answered.test(result)) {
            return result;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> changed = new CompletableFuture<>();
            try (Watches.Subscription ignored = source.watch(scope, () -> changed.complete(null))) {
                result = query.get(); // read after subscribing, so no change is missed
                if (answered.test(result)) {
                    return result;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return result;
                }
                waiting.incrementAndGet();
                try {
                    changed.get(left, TimeUnit.NANOSECONDS);
                } finally {
                    waiting.decrementAndGet();
                }
            } catch (TimeoutException e) {
                return query.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return query.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("wake-up failed", e.getCause());
            }
        }
    }
}
