package dev.signpost.testing.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a history of register operations for linearizability, key by key (a history is linearizable when each
 * key's is: Herlihy and Wing's locality). The search is Wing and Gong's, with Lowe's cache of (operations taken,
 * state) pairs already tried ("Testing for linearizability", 2016), the algorithm behind Knossos' and Porcupine's
 * checkers.
 *
 * <p>An operation whose answer was lost ({@link Op.Outcome#INFO}) may take effect at any point after its call, or
 * never. The search gives up after {@code budget} steps on one key and says so rather than guess.
 */
public final class Linearizability {
    private final long budget;

    public Linearizability(long budget) {
        this.budget = budget;
    }

    /** The verdict for a whole history. */
    public record Verdict(Result result, String key, List<Op> keyHistory, String detail) {
        public boolean linearizable() {
            return result == Result.LINEARIZABLE;
        }

        @Override
        public String toString() {
            return result == Result.LINEARIZABLE ? "linearizable"
                    : result + " on key " + key + ": " + detail;
        }
    }

    /** What the search found. */
    public enum Result { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    /** Checks every key; the first key that is not linearizable (or undecided) is the verdict. */
    public Verdict check(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        history.forEach(op -> byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op));
        for (Map.Entry<String, List<Op>> key : byKey.entrySet()) {
            Verdict verdict = checkKey(key.getKey(), key.getValue());
            if (!verdict.linearizable()) {
                return verdict;
            }
        }
        return new Verdict(Result.LINEARIZABLE, "", List.of(), "");
    }

    private Verdict checkKey(String key, List<Op> ops) {
        Search search = new Search(ops);
        Result result = search.run(budget);
        String detail = switch (result) {
            case LINEARIZABLE -> "";
            case UNKNOWN -> "gave up after " + budget + " steps over " + ops.size() + " operations";
            case NOT_LINEARIZABLE -> "no order explains " + search.stuckAt + " after " + search.deepest
                    + " operations were placed (register then " + search.deepestState.orElse("<none>") + ")";
        };
        List<Op> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingLong(Op::invoked));
        return new Verdict(result, key, sorted, detail);
    }

    /** One key's search over a doubly linked list of call and return events in time order. */
    private static final class Search {
        private final Op[] ops;
        // Entries 0..n-1 are calls, n..2n-1 returns; 2n is the head sentinel.
        private final int[] next;
        private final int[] prev;
        private final int head;
        private final int n;
        private int remainingOk;
        private int deepest;
        private Optional<String> deepestState = Optional.empty();
        private Op stuckAt;

        Search(List<Op> list) {
            n = list.size();
            ops = list.toArray(new Op[0]);
            head = 2 * n;
            next = new int[2 * n + 1];
            prev = new int[2 * n + 1];
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 2 * n; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingLong(this::time).thenComparingInt(e -> e < n ? 0 : 1));
            int last = head;
            for (int e : order) {
                next[last] = e;
                prev[e] = last;
                last = e;
            }
            next[last] = -1;
            for (Op op : ops) {
                if (op.outcome() == Op.Outcome.OK) {
                    remainingOk++;
                }
            }
        }

        private long time(int entry) {
            Op op = ops[entry % n];
            if (entry < n) {
                return op.invoked();
            }
            return op.outcome() == Op.Outcome.INFO ? Long.MAX_VALUE : op.completed();
        }

        private record Tried(BitSet taken, Optional<String> state) {
        }

        private record Frame(int call, Optional<String> state) {
        }

        Result run(long budget) {
            Optional<String> state = Optional.empty();
            BitSet taken = new BitSet(n);
            Set<Tried> cache = new HashSet<>();
            Deque<Frame> stack = new ArrayDeque<>();
            int entry = next[head];
            for (long steps = 0; ; steps++) {
                if (remainingOk == 0) {
                    return Result.LINEARIZABLE;
                }
                if (steps >= budget) {
                    return Result.UNKNOWN;
                }
                if (entry < 0) {
                    throw new IllegalStateException("walked past every return with " + remainingOk + " left");
                }
                if (entry < n) {
                    Optional<Optional<String>> after = ops[entry].step(state);
                    if (after.isPresent()) {
                        BitSet nowTaken = (BitSet) taken.clone();
                        nowTaken.set(entry);
                        if (cache.add(new Tried(nowTaken, after.get()))) {
                            stack.push(new Frame(entry, state));
                            state = after.get();
                            taken = nowTaken;
                            lift(entry);
                            if (stack.size() > deepest) {
                                deepest = stack.size();
                                deepestState = state;
                            }
                            entry = next[head];
                            continue;
                        }
                    }
                    entry = next[entry];
                } else {
                    // A return reached while its call is still in the list: that operation cannot be placed
                    // before everything that follows it, so undo the last choice.
                    if (stuckAt == null || stack.size() >= deepest) {
                        stuckAt = ops[entry - n];
                    }
                    if (stack.isEmpty()) {
                        return Result.NOT_LINEARIZABLE;
                    }
                    Frame frame = stack.pop();
                    state = frame.state();
                    taken = (BitSet) taken.clone();
                    taken.clear(frame.call());
                    unlift(frame.call());
                    entry = next[frame.call()];
                }
            }
        }

        private void lift(int call) {
            unlink(call);
            unlink(call + n);
            if (ops[call].outcome() == Op.Outcome.OK) {
                remainingOk--;
            }
        }

        private void unlift(int call) {
            relink(call + n);
            relink(call);
            if (ops[call].outcome() == Op.Outcome.OK) {
                remainingOk++;
            }
        }

        private void unlink(int e) {
            next[prev[e]] = next[e];
            if (next[e] >= 0) {
                prev[next[e]] = prev[e];
            }
        }

        private void relink(int e) {
            next[prev[e]] = e;
            if (next[e] >= 0) {
                prev[next[e]] = e;
            }
        }
    }
}
