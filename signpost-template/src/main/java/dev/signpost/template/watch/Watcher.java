package dev.signpost.template.watch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.ConsulException;
import dev.signpost.client.QueryResult;
import dev.signpost.client.Watch;
import dev.signpost.template.funcs.Dependency;
import dev.signpost.template.funcs.Dependency.FileQuery;

import static java.util.Objects.requireNonNull;

/**
 * One blocking-query loop ({@link Watch}) per distinct dependency, however many templates use it, each on its own
 * virtual thread. Every answer that is news goes into the {@link DataStore} and then to the {@link Listener}; a loop
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
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Dependency, Watch<Object>> watches = new ConcurrentHashMap<>();
    private boolean warned;

    public Watcher(Queries queries, DataStore store, Listener listener, Duration waitTime, Duration maxStale) {
        this.queries = requireNonNull(queries, "queries");
        this.store = requireNonNull(store, "store");
        this.listener = requireNonNull(listener, "listener");
        this.waitTime = requireNonNull(waitTime, "waitTime");
        this.maxStale = requireNonNull(maxStale, "maxStale");
    }

    @Override
    public synchronized void watch(Collection<Dependency> dependencies) {
        for (Dependency d : dependencies) {
            if (watches.containsKey(d)) {
                continue;
            }
            Watch.Builder<Object> b = Watch.builder(detached(queries.forDependency(d))).waitTime(waitTime)
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
     * Runs each fetch on a thread of its own that {@link Watch#close()} does not interrupt: the client retries an
     * interrupted call as a transient failure and logs a misleading "retry" line, so a stopped watch abandons its
     * call in flight instead (it ends by itself within the blocking wait) and its answer is dropped.
     */
    private Watch.Query<Object> detached(Watch.Query<Object> query) {
        return options -> {
            CompletableFuture<QueryResult<Object>> answer = new CompletableFuture<>();
            executor.execute(() -> {
                try {
                    answer.complete(query.fetch(options));
                } catch (RuntimeException | Error e) {
                    answer.completeExceptionally(e);
                }
            });
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsulException("watch stopped", 0, "");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) e.getCause();
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
        // shutdown, not shutdownNow: interrupting calls in flight would make the client log retries.
        executor.shutdown();
    }
}
