package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;
import dev.signpost.metrics.Metrics;

/**
 * The registry as the HTTP API uses it, timing each write as Consul times the RPC endpoint that makes it
 * ({@code consul.catalog.register}, {@code consul.catalog.deregister}, {@code consul.kvs.apply},
 * {@code consul.txn.apply}, {@code consul.session.apply}) and counting every read and write as
 * {@code consul.rpc.request}. Thread-safe; the handles are made once.
 */
public final class MeteredRegistry implements Registry {
    private final Registry delegate;
    private final Metrics.Counter requests;
    private final Metrics.Sample register;
    private final Metrics.Sample deregister;
    private final Metrics.Sample kvs;
    private final Metrics.Sample txn;
    private final Metrics.Sample session;

    public MeteredRegistry(Registry delegate, Metrics metrics) {
        this.delegate = requireNonNull(delegate, "delegate");
        requests = metrics.counter("rpc.request");
        register = metrics.sample("catalog.register");
        deregister = metrics.sample("catalog.deregister");
        kvs = metrics.sample("kvs.apply");
        txn = metrics.sample("txn.apply");
        session = metrics.sample("session.apply");
    }

    @Override
    public WriteResult write(Command command) {
        requests.increment();
        long started = System.nanoTime();
        try {
            return delegate.write(command);
        } finally {
            Metrics.Sample time = timeOf(command);
            if (time != null) {
                time.since(started);
            }
        }
    }

    /** Which of Consul's endpoint timers a write counts under; null for writes Consul does not time so. */
    private Metrics.Sample timeOf(Command command) {
        return switch (command) {
            case Register r -> register;
            case UpdateCheck u -> register; // Consul's agents update checks through Catalog.Register
            case DeregisterService d -> deregister;
            case DeregisterCheck d -> deregister;
            case DeregisterNode d -> deregister;
            case KvPut k -> kvs;
            case KvDelete k -> kvs;
            case KvDeleteTree k -> kvs;
            case KvLock k -> kvs;
            case Txn t -> txn;
            case SessionCreate s -> session;
            case SessionDestroy s -> session;
            default -> null;
        };
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        requests.increment();
        return delegate.read(mode, query);
    }

    @Override
    public Watches.Subscription watch(Scope scope, Runnable onChange) {
        return delegate.watch(scope, onChange);
    }

    @Override
    public ClusterView cluster() {
        return delegate.cluster();
    }
}
