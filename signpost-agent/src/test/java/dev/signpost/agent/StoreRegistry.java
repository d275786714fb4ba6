package dev.signpost.agent;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;

/**
 * A registry over an in-memory store for the leader's timed work: writes apply at increasing indexes whatever
 * {@link #leader} says (they stand for replicated state), and {@link #cluster()} reports whether this server leads.
 */
final class StoreRegistry implements Registry {
    final CatalogStore store = new CatalogStore();
    boolean leader = true;
    private long index;

    @Override
    public WriteResult write(Command command) {
        return new WriteResult(store.apply(command, ++index).result(), index);
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        return store.read(query);
    }

    @Override
    public CatalogStore store() {
        return store;
    }

    @Override
    public ClusterView cluster() {
        return new ClusterView(Optional.of("127.0.0.1:8300"), Optional.of("n1"), leader, 0, List.of());
    }
}
