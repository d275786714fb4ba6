package dev.signpost.dns;

import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;

/**
 * What a running server has seen, for tests, and the throttled log lines a flood must not multiply. Thread-safe.
 */
final class Counters {
    final LongAdder received = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder rejectedConnections = new LongAdder();
    final LongAdder unexpectedErrors = new LongAdder();

    /**
     * Counts one event and logs it on the 1st, 2nd, 4th, 8th... time, so a flood writes a few dozen lines instead
     * of millions while every line still says how many there were.
     */
    static void countAndLog(LongAdder counter, Logger log, String message, Object detail) {
        counter.increment();
        long count = counter.sum();
        if (Long.bitCount(count) == 1) {
            log.warn(message, detail, count);
        }
    }
}
