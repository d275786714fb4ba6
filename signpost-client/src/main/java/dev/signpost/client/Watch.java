package dev.signpost.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * A blocking-query loop over one read, with consul-template's rules (see {@link WatchState}): index handling,
 * {@code stale} with a max-stale re-query, and at least {@code minInterval} plus a small random jitter between
 * calls so a server that never blocks cannot be flooded.
 *
 * <p>Usage, e.g. for the template runner:
 * <pre>{@code
 * Watch<List<ServiceEntry>> w = Watch
 *         .builder((QueryOptions o) -> client.health().service("webapp", List.of(), true, o))
 *         .waitTime(Duration.ofSeconds(60)).maxStale(Duration.ofSeconds(2)).build();
 * w.start(executor, listener);   // or w.run(listener) on the calling thread
 * ...
 * w.close();
 * }</pre>
 * The listener hears every answer that is news ({@code onChange}, the first answer always) and at most one
 * {@code onError}: a {@link ConsulException} the client threw after its own retries, after which the loop ends.
 * A listener that throws is logged in one line and the loop goes on. Listener calls come from the loop's thread, one
 * at a time. {@link #close()} may be called from any thread; it interrupts a call in flight.
 */
public final class Watch<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    /** One read with the given options, e.g. {@code o -> client.catalog().services(o)}. */
    @FunctionalInterface
    public interface Query<T> {
        QueryResult<T> fetch(QueryOptions options);
    }

    /** Receives the loop's news. */
    public interface Listener<T> {
        void onChange(QueryResult<T> result);

        void onError(ConsulException error);
    }

    private final Query<T> query;
    private final WatchState<T> state;
    private final Duration minInterval;
    private final Duration jitter;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private volatile boolean closed;
    private volatile Thread thread;

    private Watch(Builder<T> b) {
        this.query = b.query;
        this.state = new WatchState<>(b.options, b.waitTime, b.maxStale);
        this.minInterval = b.minInterval;
        this.jitter = b.jitter;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
    }

    public static <T> Builder<T> builder(Query<T> query) {
        return new Builder<>(query);
    }

    /** Runs the loop as one task on {@code executor}. */
    public void start(Executor executor, Listener<T> listener) {
        requireNonNull(listener, "listener");
        executor.execute(() -> run(listener));
    }

    /** Runs the loop on the calling thread until {@link #close()}, an interrupt, or an error. */
    public void run(Listener<T> listener) {
        thread = Thread.currentThread();
        Instant lastStart = Instant.MIN;
        try {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                Duration since = lastStart == Instant.MIN ? minInterval : Duration.between(lastStart, clock.instant());
                if (since.compareTo(minInterval) < 0) {
                    long dither = jitter.isPositive() ? random.nextLong(jitter.toMillis() + 1) : 0;
                    sleeper.sleep(minInterval.minus(since).plusMillis(dither));
                }
                lastStart = clock.instant();
                QueryResult<T> result;
                try {
                    result = query.fetch(state.next());
                } catch (ConsulException e) {
                    if (!closed) {
                        listener.onError(e);
                    }
                    return;
                }
                if (closed) {
                    return;
                }
                state.accept(result).ifPresent(r -> deliver(listener, r));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread = null;
        }
    }

    private void deliver(Listener<T> listener, QueryResult<T> result) {
        try {
            listener.onChange(result);
        } catch (RuntimeException e) {
            LOG.warn("watch listener failed at index {}: {}", result.index(), e.toString());
        }
    }

    /** Stops the loop; a call in flight is interrupted. */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    /** Builder; defaults: no options, wait 60 s, max-stale 2 s (consul-template's), 100 ms + up to 20 ms apart. */
    public static final class Builder<T> {
        private final Query<T> query;
        private QueryOptions options = QueryOptions.DEFAULT;
        private Duration waitTime = Duration.ofSeconds(60);
        private Duration maxStale = Duration.ofSeconds(2);
        private Duration minInterval = Duration.ofMillis(100);
        private Duration jitter = Duration.ofMillis(20);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(Query<T> query) {
            this.query = requireNonNull(query, "query");
        }

        /** Base options (dc, token, node-meta, stale/consistent); index and wait are the loop's. */
        public Builder<T> options(QueryOptions o) {
            options = requireNonNull(o, "options");
            return this;
        }

        public Builder<T> waitTime(Duration d) {
            waitTime = requireNonNull(d, "waitTime");
            return this;
        }

        /** Reads are {@code ?stale} unless the leader contact is older than this; zero for default consistency. */
        public Builder<T> maxStale(Duration d) {
            maxStale = requireNonNull(d, "maxStale");
            return this;
        }

        public Builder<T> minInterval(Duration d) {
            minInterval = requireNonNull(d, "minInterval");
            return this;
        }

        public Builder<T> jitter(Duration d) {
            jitter = requireNonNull(d, "jitter");
            return this;
        }

        public Builder<T> clock(Clock c) {
            clock = requireNonNull(c, "clock");
            return this;
        }

        public Builder<T> sleeper(Sleeper s) {
            sleeper = requireNonNull(s, "sleeper");
            return this;
        }

        public Builder<T> random(RandomGenerator r) {
            random = requireNonNull(r, "random");
            return this;
        }

        public Watch<T> build() {
            return new Watch<>(this);
        }
    }
}
