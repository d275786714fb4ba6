package dev.signpost.agent;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;
import dev.signpost.raft.RaftRegistry;

/**
 * The registry of a server whose Raft group may not exist yet (waiting for {@code -bootstrap-expect}
 * peers or a join). Until it does, writes and leader reads answer "No cluster leader", as Consul does,
 * and stale reads see an empty catalog.
 */
final class DeferredRegistry implements Registry {
    private final CatalogStore empty = new CatalogStore();
    private volatile RaftRegistry delegate;

    /** The Raft group now exists: queries waiting on the empty state wake and read again from it. */
    void set(RaftRegistry registry) {
        delegate = registry;
        empty.watches().fireAll();
    }

    Optional<RaftRegistry> current() {
        return Optional.ofNullable(delegate);
    }

    private RaftRegistry required() {
        RaftRegistry r = delegate;
        if (r == null) {
            throw new NoLeaderException();
        }
        return r;
    }

    @Override
    public WriteResult write(Command command) {
        return required().write(command);
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        RaftRegistry r = delegate;
        if (r == null && mode == ReadMode.STALE) {
            return empty.read(query);
        }
        return required().read(mode, query);
    }

    /** A stale read of whatever state this server has now (what DNS uses). */
    <T> T readLocal(Function<CatalogState, T> query) {
        return store().read(query);
    }

    /**
     * Until the Raft group exists, a query waits on the empty state, which changes once: when the group appears
     * (the agent's listeners open before Raft starts), and the query then reads again from the group's state.
     */
    @Override
    public Watches.Subscription watch(Scope scope, Runnable onChange) {
        RaftRegistry r = delegate;
        if (r != null) {
            return r.store().watch(scope, onChange);
        }
        Watches.Subscription subscription = empty.watch(scope, onChange);
        if (delegate != null) {
            onChange.run(); // the group appeared while we subscribed: its wake-up may have gone before us
        }
        return subscription;
    }

    private CatalogStore store() {
        RaftRegistry r = delegate;
        return r == null ? empty : r.store();
    }

    @Override
    public ClusterView cluster() {
        RaftRegistry r = delegate;
        return r == null ? new ClusterView(Optional.empty(), Optional.empty(), false, 0, List.of()) : r.cluster();
    }
}
