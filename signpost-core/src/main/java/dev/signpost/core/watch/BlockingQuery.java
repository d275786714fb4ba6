package dev.signpost.core.watch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.signpost.core.state.Indexed;

/**
 * Consul's blocking query: run a query, and while its index is not past the caller's, wait for a change
 * of the topics it reads, up to a deadline; at the deadline answer with the current result.
 *
 * <p>The calling thread blocks, so call it from a virtual thread: thousands of waiting queries then cost
 * no platform threads.
 */
public final class BlockingQuery {
    /** Consul's default_query_time and max_query_time. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final Watches watches;

    public BlockingQuery(Watches watches) {
        this.watches = requireNonNull(watches, "watches");
    }

    /** What a query reads: exact topics and topic prefixes. */
    public record Scope(List<String> topics, List<String> prefixes) {
        public Scope {
            topics = List.copyOf(topics);
            prefixes = List.copyOf(prefixes);
        }

        public static Scope of(String... topics) {
            return new Scope(List.of(topics), List.of());
        }

        public static Scope prefix(String prefix) {
            return new Scope(List.of(), List.of(prefix));
        }
    }

    /**
     * Answers at once when {@code minIndex} is 0 or the result's index is past it; otherwise waits up
     * to {@code wait} for the index to pass it.
     */
    @SuppressWarnings("try") // the subscription is only closed, never read
    public <T> Indexed<T> run(Scope scope, long minIndex, Duration wait, Supplier<Indexed<T>> query) {
        Indexed<T> result = query.get();
        if (minIndex <= 0 || result.index() > minIndex) {
            return result;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> changed = new CompletableFuture<>();
            try (Watches.Subscription ignored = watches.subscribe(scope.topics(), scope.prefixes(),
                    () -> changed.complete(null))) {
                result = query.get(); // read after subscribing, so no change is missed
                if (result.index() > minIndex) {
                    return result;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return result;
                }
                changed.get(left, TimeUnit.NANOSECONDS);
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
