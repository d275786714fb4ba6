package dev.signpost.core.state;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.Restore;
import dev.signpost.core.command.RestorePart;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Watches;

/**
 * The thread-safe home of a {@link CatalogState}: one writer (the Raft apply thread) and any number of
 * readers, with blocking-query wake-ups fired after each write is visible.
 *
 * <p>Reads run a function under a read lock; the function must copy what it returns (the state's query
 * methods do) and must not block.
 */
public final class CatalogStore {
    private final CatalogState state;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Watches watches = new Watches();

    /** A store that cannot take restores in parts ({@link CatalogState#CatalogState()}). */
    public CatalogStore() {
        this(new CatalogState());
    }

    /** @param restoreDecoder what turns the bytes of a restore sent in parts back into a snapshot */
    public CatalogStore(java.util.function.Function<byte[], CatalogSnapshot> restoreDecoder) {
        this(new CatalogState(restoreDecoder));
    }

    private CatalogStore(CatalogState state) {
        this.state = state;
    }

    /** Applies a write at a Raft index and wakes the queries waiting on what it changed. */
    public CatalogState.Applied apply(Command command, long index) {
        CatalogState.Applied applied;
        lock.writeLock().lock();
        try {
            applied = state.apply(command, index);
        } finally {
            lock.writeLock().unlock();
        }
        if (command instanceof Restore || command instanceof RestorePart && !applied.changed().isEmpty()) {
            watches.fireAll(); // prefix watchers too, whatever the snapshot held
        } else {
            watches.fire(applied.changed());
        }
        return applied;
    }

    /** Runs a query against a consistent view of the state. */
    public <T> T read(Function<CatalogState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    public CatalogSnapshot snapshot() {
        return read(CatalogState::snapshot);
    }

    /** Replaces the whole state and wakes every waiting query, whose indexes may have moved either way. */
    public void restore(CatalogSnapshot snapshot) {
        lock.writeLock().lock();
        try {
            state.restore(snapshot);
        } finally {
            lock.writeLock().unlock();
        }
        watches.fireAll();
    }

    public long lastIndex() {
        return read(CatalogState::lastIndex);
    }

    public Watches watches() {
        return watches;
    }

    /** A one-shot wake-up at the next write that changes something in scope (what {@code Registry.watch} is). */
    public Watches.Subscription watch(Scope scope, Runnable onChange) {
        return watches.subscribe(scope.topics(), scope.prefixes(), onChange);
    }
}
