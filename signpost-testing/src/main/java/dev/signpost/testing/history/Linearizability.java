package dev.signpost.testing.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
 * never. A key's history is searched a segment at a time, cut where no operation is in flight. The search gives
 * up after {@code budget} steps on one segment and says so rather than guess.
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
        return checkSegments(key, settleLostWrites(ops));
    }

    /**
     * Checks one key's history a segment at a time. A segment ends where every operation called so far has
     * returned before the next one is called: every linearization places all of the segment before all that
     * follows, so the next segment starts from any register value the segment can end with. A long history of
     * short operations thus never needs a search (or a cache of tried states) over all of it at once.
     */
    private Verdict checkSegments(String key, List<Op> ops) {
        Set<Optional<String>> starts = Set.of(Optional.empty());
        List<List<Op>> segments = segments(ops);
        for (int i = 0; i < segments.size(); i++) {
            List<Op> segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            Search search = new Search(segment);
            Set<Optional<String>> ends = new HashSet<>();
            Result result = Result.NOT_LINEARIZABLE;
            for (Optional<String> start : starts) {
                if (!search.run(start, !last, ends, budget)) {
                    result = Result.UNKNOWN;
                    break;
                }
                if (last && !ends.isEmpty()) {
                    break;
                }
            }
            if (result == Result.UNKNOWN || ends.isEmpty()) {
                String where = segments.size() == 1 ? "" : " in segment " + (i + 1) + " of " + segments.size()
                        + " (the register entering it: " + starts.stream().map(s -> s.orElse("<none>")).sorted()
                        .toList() + ")";
                String detail = result == Result.UNKNOWN
                        ? "gave up after " + budget + " steps over " + segment.size() + " operations" + where
                                + "; the deepest order placed " + search.deepest + ", then found nothing for "
                                + search.stuckAt
                        : "no order explains " + search.stuckAt + " after " + search.deepest
                                + " operations were placed" + where + " (register then "
                                + search.deepestState.orElse("<none>") + ")";
                List<Op> sorted = new ArrayList<>(segment);
                sorted.sort(Comparator.comparingLong(Op::invoked));
                return new Verdict(result, key, sorted, detail);
            }
            starts = ends;
        }
        return new Verdict(Result.LINEARIZABLE, "", List.of(), "");
    }

    /** The history cut where nothing is in flight; an unanswered operation is in flight to the end. */
    static List<List<Op>> segments(List<Op> ops) {
        List<Op> byCall = new ArrayList<>(ops);
        byCall.sort(Comparator.comparingLong(Op::invoked));
        List<List<Op>> segments = new ArrayList<>();
        List<Op> current = new ArrayList<>();
        long lastReturn = Long.MIN_VALUE;
        for (Op op : byCall) {
            if (!current.isEmpty() && op.invoked() > lastReturn) {
                segments.add(current);
                current = new ArrayList<>();
            }
            current.add(op);
            lastReturn = Math.max(lastReturn, op.outcome() == Op.Outcome.INFO ? Long.MAX_VALUE : op.completed());
        }
        if (!current.isEmpty() || segments.isEmpty()) {
            segments.add(current);
        }
        return segments;
    }

    /**
     * The history with each lost write settled where it can be: one whose value nobody saw (no read returned it, no
     * compare-and-set swapped from it) is left out, and one whose value was seen is made an answered write that
     * ended when the first operation that saw it ended. A lost write left out could still have taken effect unseen,
     * which only a failed compare-and-set can notice (it sees that the value is not the one it expected): so the
     * failed compare-and-sets that ended after such a write was sent are left out too.
     *
     * <p>So settled, the history is linearizable when the whole one is (a failed compare-and-set changes nothing, and
     * an unseen write explains no read), so a verdict of not linearizable on it holds for the whole one; the other
     * way, failed compare-and-sets after the first unseen lost write are not checked. A lost write is otherwise
     * pending to the end of the history, and a few hundred of them make a long history undecidable in any budget.
     */
    static List<Op> settleLostWrites(List<Op> ops) {
        Map<String, Long> firstSeenEnd = new HashMap<>();
        for (Op op : ops) {
            Optional<String> seen = op.kind() == Op.Kind.READ ? op.value()
                    : op.kind() == Op.Kind.CAS && op.outcome() == Op.Outcome.OK && op.swapped() ? op.expected()
                    : Optional.empty();
            seen.ifPresent(v -> firstSeenEnd.merge(v, op.completed(), Math::min));
        }
        List<Op> settled = new ArrayList<>(ops.size());
        long firstUnseenSent = Long.MAX_VALUE;
        for (Op op : ops) {
            if (op.kind() == Op.Kind.READ || op.outcome() == Op.Outcome.OK) {
                settled.add(op);
                continue;
            }
            Long end = firstSeenEnd.get(op.value().orElseThrow());
            if (end != null && end >= op.invoked()) {
                settled.add(new Op(op.process(), op.kind(), op.key(), op.value(), op.expected(), Op.Outcome.OK,
                        true, op.invoked(), end));
            } else if (end != null) {
                settled.add(op); // seen before it was sent: leave it to the search to refuse
            } else {
                firstUnseenSent = Math.min(firstUnseenSent, op.invoked());
            }
        }
        long unseenFrom = firstUnseenSent;
        settled.removeIf(op -> op.kind() == Op.Kind.CAS && op.outcome() == Op.Outcome.OK && !op.swapped()
                && op.completed() > unseenFrom);
        return settled;
    }

    /** One key's search over a doubly linked list of call and return events in time order. */
    private static final class Search {
        private final Op[] ops;
        // Entries 0..n-1 are calls, n..2n-1 returns; 2n is the head sentinel.
        private final int[] next;
        private final int[] prev;
        private final int head;
        private final int n;
        private final Set<Tried> cache = new HashSet<>();
        private long steps;
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

        /**
         * Searches for orders of the operations that explain every answer, starting from the register holding
         * {@code start}; adds the register's value after each order found to {@code ends}, and stops at the first
         * unless {@code all}. Returns false when the search went over {@code budget} steps (over all runs of this
         * segment). Configurations tried are remembered across runs: one reached again from another start has
         * the same futures, whose ends are already counted.
         */
        boolean run(Optional<String> start, boolean all, Set<Optional<String>> ends, long budget) {
            Optional<String> state = start;
            BitSet taken = new BitSet(n);
            Deque<Frame> stack = new ArrayDeque<>();
            int entry = next[head];
            while (true) {
                if (steps++ >= budget) {
                    return false;
                }
                if (remainingOk == 0) {
                    ends.add(state);
                    if (!all) {
                        return true;
                    }
                    // and look for the other orders: undo the last choice
                } else if (entry < 0) {
                    throw new IllegalStateException("walked past every return with " + remainingOk + " left");
                } else if (entry < n) {
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
                    continue;
                } else {
                    // A return reached while its call is still in the list: that operation cannot be placed
                    // before everything that follows it, so undo the last choice.
                    if (stuckAt == null || stack.size() >= deepest) {
                        stuckAt = ops[entry - n];
                    }
                }
                if (stack.isEmpty()) {
                    return true;
                }
                Frame frame = stack.pop();
                state = frame.state();
                taken = (BitSet) taken.clone();
                taken.clear(frame.call());
                unlift(frame.call());
                entry = next[frame.call()];
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
