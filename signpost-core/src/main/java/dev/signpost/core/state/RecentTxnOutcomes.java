package dev.signpost.core.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the latest transactions did, by the index they were applied at: the latest 256, enough for the writer that
 * waits on its transaction's index to read its outcome. Not replicated state: a server that restarts answers from
 * its own applies only. Not thread-safe (the store's lock guards it, as the rest of the state).
 */
final class RecentTxnOutcomes {
    private static final int KEPT = 256;

    private final Map<Long, TxnOutcome> byIndex = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TxnOutcome> eldest) {
            return size() > KEPT;
        }
    };

    void record(long index, TxnOutcome outcome) {
        byIndex.put(index, outcome);
    }

    Optional<TxnOutcome> get(long index) {
        return Optional.ofNullable(byIndex.get(index));
    }
}
