package dev.signpost.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.Command;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;

/**
 * A registry without Raft for unit tests of the front ends: writes are applied at once at increasing
 * indexes; {@link #loseLeader()} makes it answer as a cluster without a leader.
 */
public final class InMemoryRegistry implements Registry {
    private final CatalogStore store = new CatalogStore();
    private final AtomicLong index = new AtomicLong();
    private volatile boolean leader = true;

    @Override
    public synchronized WriteResult write(Command command) {
        if (!leader) {
            throw new NoLeaderException();
        }
        long at = index.incrementAndGet();
        return new WriteResult(store.apply(command, at).result(), at);
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        if (!leader && mode != ReadMode.STALE) {
            throw new NoLeaderException();
        }
        return store.read(query);
    }

    @Override
    public CatalogStore store() {
        return store;
    }

    @Override
    public ClusterView cluster() {
        return leader
                ? new ClusterView(Optional.of("127.0.0.1:8300"), Optional.of("test"), true, 0, List.of("127.0.0.1:8300"))
                : new ClusterView(Optional.empty(), Optional.empty(), false, 0, List.of("127.0.0.1:8300"));
    }

    /** From now on, writes and non-stale reads fail with "No cluster leader". */
    public void loseLeader() {
        leader = false;
    }
}
