package dev.signpost.template.watch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.ConsulException;
import dev.signpost.client.QueryOptions;
import dev.signpost.client.QueryResult;
import dev.signpost.client.RetryPolicy;
import dev.signpost.client.Sleeper;
import dev.signpost.client.Watch;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.Dependency.FileQuery;

import static java.util.Objects.requireNonNull;

/**
 * One blocking-query loop ({@link Watch}) per distinct dependency, however many templates use it, each on its own
 * virtual thread, retried as consul-template's views retry. Every answer that is news goes into the {@link DataStore} and then to the {@link Listener}; a loop
 * that fails after the client's retries reports once through {@link Listener#onError}. Files are polled once a
 * second. Thread-safe.
 */
public final class Watcher implements Dependencies {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    /** consul-template's viewLimit: past this many watches it warns about load on the servers. */
    static final int VIEW_LIMIT = 128;

    /** Hears about news; called from watch threads. */
    public interface Listener {
        void onData(Dependency dependency);

        void onError(Dependency dependency, ConsulException error);
    }

    private final Queries queries;
    private final DataStore store;
    private final Listener listener;
    private final Duration waitTime;
    private final Duration maxStale;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Dependency, Watch<Object>> watches = new ConcurrentHashMap<>();
    private boolean warned;

    /**
     * @param retry how failed reads are retried; the client given to {@code queries} must not retry itself
     *              ({@link dev.signpost.client.RetryPolicy#NONE})
     */
    public Watcher(Queries queries, DataStore store, Listener listener, Duration waitTime, Duration maxStale,
                   RetryPolicy retry, Sleeper sleeper) {
        this.queries = requireNonNull(queries, "queries");
        this.store = requireNonNull(store, "store");
        this.listener = requireNonNull(listener, "listener");
        this.waitTime = requireNonNull(waitTime, "waitTime");
        this.maxStale = requireNonNull(maxStale, "maxStale");
        this.retry = requireNonNull(retry, "retry");
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    @Override
    public synchronized void watch(Collection<Dependency> dependencies) {
        for (Dependency d : dependencies) {
            if (watches.containsKey(d)) {
                continue;
            }
            Watch.Builder<Object> b = Watch.builder(retrying(d, queries.forDependency(d))).waitTime(waitTime)
                    .maxStale(maxStale);
            if (d instanceof FileQuery) {
                b.minInterval(Duration.ofSeconds(1)).maxStale(Duration.ZERO);
            }
            Watch<Object> w = b.build();
            watches.put(d, w);
            LOG.debug("(watcher) adding {}", d);
            w.start(executor, new Watch.Listener<>() {
                @Override
                public void onChange(QueryResult<Object> result) {
                    if (watches.get(d) == w && store.put(d, result.value())) {
                        LOG.trace("(view) {} received data", d);
                        listener.onData(d);
                    }
                }

                @Override
                public void onError(ConsulException error) {
                    if (watches.get(d) == w) {
                        listener.onError(d, error);
                    }
                }
            });
        }
        if (watches.size() > VIEW_LIMIT && !warned) {
            warned = true;
            LOG.warn("(runner) watching {} dependencies - watching this many dependencies could DDoS your servers",
                    watches.size());
        }
    }

    /**
     * consul-template's view retry ({@code watch/view.go}): a transient failure (registry unreachable, 5xx) is
     * logged in one line and retried after the policy's backoff; when the attempts run out the error ends the
     * watch. The retry is a fresh non-blocking read reported with index 0, so the loop resets its index: the answer
     * may come from another or a restarted registry whose indexes say nothing about the old ones (a restarted -dev
     * agent can even reach the same index with other data). The client itself is built without retries, so this is
     * the only retry loop and an interrupt from {@link Watch#close()} ends the call quietly.
     */
    private Watch.Query<Object> retrying(Dependency d, Watch.Query<Object> query) {
        return options -> {
            QueryOptions o = options;
            for (int attempt = 0; ; attempt++) {
                try {
                    QueryResult<Object> r = query.fetch(o);
                    return attempt == 0 ? r : new QueryResult<>(r.value(), 0, r.knownLeader(), r.lastContactMillis());
                } catch (ConsulException e) {
                    if (!e.isTransient() || attempt >= retry.retries() || Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    Duration pause = retry.backoff(attempt + 1);
                    String of = retry.retries() == Integer.MAX_VALUE ? "" : "/" + retry.retries();
                    LOG.warn("(view) {}: {}; retry {}{} in {} ms", d, e.getMessage(), attempt + 1, of,
                            pause.toMillis());
                    try {
                        sleeper.sleep(pause);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    o = options.withIndex(0).withWait(Duration.ZERO);
                }
            }
        };
    }

    @Override
    public synchronized void retain(Collection<Dependency> keep) {
        Set<Dependency> wanted = new HashSet<>(keep);
        for (Iterator<Map.Entry<Dependency, Watch<Object>>> it = watches.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Dependency, Watch<Object>> e = it.next();
            if (!wanted.contains(e.getKey())) {
                LOG.debug("(watcher) removing {}", e.getKey());
                e.getValue().close();
                it.remove();
                store.remove(e.getKey());
            }
        }
    }

    @Override
    public int count() {
        return watches.size();
    }

    @Override
    public synchronized void close() {
        watches.values().forEach(Watch::close);
        watches.clear();
        executor.shutdownNow();
    }
}
