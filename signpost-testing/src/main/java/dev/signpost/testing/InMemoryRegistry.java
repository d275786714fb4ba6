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
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;

/**
 * A registry without Raft for unit tests of the front ends and the leader's timed work: writes are applied at
 * once at increasing indexes. It starts as the leader; {@link #followAnotherLeader()} makes it a follower whose
 * writes and reads still succeed (as if forwarded), {@link #loseLeader()} a server in a cluster without a leader.
 */
public final class InMemoryRegistry implements Registry {
    private enum Role { LEADER, FOLLOWER, NO_LEADER }

    private final CatalogStore store = new CatalogStore();
    private final AtomicLong index = new AtomicLong();
    private volatile Role role = Role.LEADER;

    @Override
    public synchronized WriteResult write(Command command) {
        if (role == Role.NO_LEADER) {
            throw new NoLeaderException();
        }
        long at = index.incrementAndGet();
        return new WriteResult(store.apply(command, at).result(), at);
    }

    @Override
    public <T> T read(ReadMode mode, Function<CatalogState, T> query) {
        if (role == Role.NO_LEADER && mode != ReadMode.STALE) {
            throw new NoLeaderException();
        }
        return store.read(query);
    }

    @Override
    public Watches.Subscription watch(Scope scope, Runnable onChange) {
        return store.watch(scope, onChange);
    }


    @Override
    public ClusterView cluster() {
        return switch (role) {
            case LEADER -> new ClusterView(Optional.of("127.0.0.1:8300"), Optional.of("test"), true, 0,
                    List.of("127.0.0.1:8300"));
            case FOLLOWER -> new ClusterView(Optional.of("127.0.0.2:8300"), Optional.of("other"), false, 0,
                    List.of("127.0.0.1:8300", "127.0.0.2:8300"));
            case NO_LEADER -> new ClusterView(Optional.empty(), Optional.empty(), false, 0, List.of("127.0.0.1:8300"));
        };
    }

    /** From now on, writes and non-stale reads fail with "No cluster leader". */
    public void loseLeader() {
        role = Role.NO_LEADER;
    }

    /** From now on another server leads: writes and reads still succeed, but this one does not lead. */
    public void followAnotherLeader() {
        role = Role.FOLLOWER;
    }

    /** From now on this server leads again. */
    public void lead() {
        role = Role.LEADER;
    }

    /** The state itself, for tests that apply writes at chosen indexes. */
    public CatalogStore store() {
        return store;
    }
}
