package dev.signpost.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.signpost.testing.history.Op;
import dev.signpost.testing.history.Op.Outcome;

/**
 * How stale reads that are allowed to be stale (Consul's default and {@code ?stale} modes) got during faults. A read
 * is stale by the time since its value was surely replaced: since a write that began after the value's write ended
 * had completed, before the read began. A value that no client ever tried to write is an anomaly in any mode.
 * Thread-safe recording; {@link #report} after the clients stopped.
 */
final class Staleness {
    /** One read in a mode other than consistent. */
    record Read(String mode, String key, Optional<String> value, long invoked) {
    }

    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();

    void record(Read read) {
        reads.add(read);
    }

    /** Per mode: reads, how many were stale and the stalest, against the writes of the register history. */
    String report(List<Op> history, List<String> anomalies) {
        Map<String, Op> writerOf = new HashMap<>();
        for (Op op : history) {
            if (op.kind() != Op.Kind.READ) {
                writerOf.put(op.key() + "=" + op.value().orElseThrow(), op);
            }
        }
        Map<String, long[]> byMode = new HashMap<>(); // reads, stale, worst nanos
        for (Read read : reads) {
            long[] figures = byMode.computeIfAbsent(read.mode(), m -> new long[3]);
            figures[0]++;
            Op writer = read.value().map(v -> writerOf.get(read.key() + "=" + v)).orElse(null);
            if (read.value().isPresent() && writer == null) {
                anomalies.add(read.mode() + " read of " + read.key() + " returned " + read.value().get()
                        + ", which no client wrote");
                continue;
            }
            long replaced = replacedAt(history, read, writer);
            if (replaced < read.invoked()) {
                figures[1]++;
                figures[2] = Math.max(figures[2], read.invoked() - replaced);
            }
        }
        List<String> lines = new ArrayList<>();
        byMode.forEach((mode, f) -> lines.add(String.format("%s reads: %d, %d stale, the stalest %.1f s behind",
                mode.isEmpty() ? "default" : mode, f[0], f[1], f[2] / 1e9)));
        return String.join("; ", lines);
    }

    /** When the value read was surely replaced (Long.MAX_VALUE when it may still have been current). */
    private static long replacedAt(List<Op> history, Read read, Op writer) {
        long writtenBy = writer == null ? Long.MIN_VALUE
                : writer.outcome() == Outcome.OK ? writer.completed() : Long.MAX_VALUE;
        long replaced = Long.MAX_VALUE;
        for (Op op : history) {
            boolean applied = op.kind() == Op.Kind.WRITE || op.kind() == Op.Kind.CAS && op.swapped();
            if (applied && op.outcome() == Outcome.OK && op.key().equals(read.key()) && op != writer
                    && (writer == null || op.invoked() > writtenBy)) {
                replaced = Math.min(replaced, op.completed());
            }
        }
        return replaced;
    }
}
