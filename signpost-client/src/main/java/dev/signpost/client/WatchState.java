package dev.signpost.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The decisions of a blocking-query loop, following consul-template's {@code watch/view.go}: which options the next
 * call sends and whether an answer is news. Rules: the first call is non-blocking (index 0); an index below 1 counts
 * as 1; an index that went backwards resets to 0 (snapshot restore, deleted max key); the same index is no news; a
 * stale answer whose leader contact is older than {@code maxStale} is asked again without stale; an equal value under
 * a new index is no news. No I/O, no clock; not thread-safe (one loop owns it).
 */
final class WatchState<T> {

    private final QueryOptions base;
    private final Duration wait;
    private final boolean staleWanted;
    private final Duration maxStale;
    private long lastIndex;
    private boolean allowStale;
    private boolean received;
    private T lastValue;

    WatchState(QueryOptions base, Duration wait, Duration maxStale) {
        this.base = base;
        this.wait = wait;
        this.maxStale = maxStale;
        this.staleWanted = base.stale() || maxStale.isPositive();
        this.allowStale = staleWanted;
    }

    /** Options for the next call. */
    QueryOptions next() {
        QueryOptions o = base.withIndex(lastIndex).withWait(lastIndex > 0 ? wait : Duration.ZERO);
        return allowStale ? o.withStale(true) : o.withStale(false);
    }

    /** Takes an answer; returns it when it is news for the listener. */
    Optional<QueryResult<T>> accept(QueryResult<T> result) {
        if (allowStale && maxStale.isPositive() && result.lastContactMillis() > maxStale.toMillis()) {
            allowStale = false;
            return Optional.empty();
        }
        allowStale = staleWanted;
        long index = Math.max(1, result.index());
        if (index < lastIndex) {
            lastIndex = 0;
            return Optional.empty();
        }
        if (received && index == lastIndex) {
            return Optional.empty();
        }
        lastIndex = index;
        if (received && Objects.equals(lastValue, result.value())) {
            return Optional.empty();
        }
        received = true;
        lastValue = result.value();
        return Optional.of(result);
    }

    long lastIndex() {
        return lastIndex;
    }
}
