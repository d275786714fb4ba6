package dev.signpost.testing.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.signpost.testing.history.Linearizability.Result;
import dev.signpost.testing.history.Op.Outcome;

class LinearizabilityTest {
    private final Linearizability checker = new Linearizability(1_000_000);

    private static Optional<String> v(String value) {
        return Optional.of(value);
    }

    private Result check(Op... ops) {
        return checker.check(List.of(ops)).result();
    }

    @Test
    void sequentialWriteThenRead_isLinearizable() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.read(2, "k", v("a"), 20, 30))).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void readOfTheOldValueAfterAWriteCompleted_isNotLinearizable() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(1, "k", "b", Outcome.OK, 20, 30),
                Op.read(2, "k", v("a"), 40, 50))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void readConcurrentWithAWrite_mayReturnEitherValue() {
        Op first = Op.write(1, "k", "a", Outcome.OK, 0, 10);
        Op second = Op.write(1, "k", "b", Outcome.OK, 20, 60);
        assertThat(check(first, second, Op.read(2, "k", v("a"), 30, 40))).isEqualTo(Result.LINEARIZABLE);
        assertThat(check(first, second, Op.read(2, "k", v("b"), 30, 40))).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void readOfAValueNeverWritten_isNotLinearizable() {
        assertThat(check(Op.read(1, "k", v("ghost"), 0, 10))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void readOfAMissingKey_beforeAnyWrite_isLinearizable() {
        assertThat(check(Op.read(1, "k", Optional.empty(), 0, 10))).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void twoReadsSeeingTwoConcurrentWritesInOppositeOrders_isNotLinearizable() {
        // Two writes overlap; one reader sees a then b, the other b then a, each pair of reads in sequence.
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 100),
                Op.write(2, "k", "b", Outcome.OK, 0, 100),
                Op.read(3, "k", v("a"), 10, 20),
                Op.read(3, "k", v("b"), 30, 40),
                Op.read(4, "k", v("b"), 10, 20),
                Op.read(4, "k", v("a"), 30, 40))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void lostWrite_mayTakeEffectLater_orNever() {
        Op lost = Op.write(1, "k", "a", Outcome.INFO, 0, 0);
        assertThat(check(lost, Op.read(2, "k", v("a"), 1_000, 1_010))).isEqualTo(Result.LINEARIZABLE);
        assertThat(check(lost, Op.read(2, "k", Optional.empty(), 1_000, 1_010))).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void lostWrite_cannotTakeEffectBeforeItWasSent() {
        assertThat(check(
                Op.read(2, "k", v("a"), 0, 10),
                Op.write(1, "k", "a", Outcome.INFO, 20, 0))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void lostWrite_thatWasSeen_cannotBeUnseenAfterAnotherWrite() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.INFO, 0, 0),
                Op.read(2, "k", v("a"), 10, 20),
                Op.write(3, "k", "b", Outcome.OK, 30, 40),
                Op.read(2, "k", v("b"), 50, 60),
                Op.read(2, "k", v("a"), 70, 80))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void casSwapsOnlyFromTheExpectedValue() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.cas(1, "k", v("a"), "b", Outcome.OK, true, 20, 30),
                Op.read(2, "k", v("b"), 40, 50))).isEqualTo(Result.LINEARIZABLE);
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.cas(1, "k", v("x"), "b", Outcome.OK, true, 20, 30))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void casThatFailed_whileTheExpectedValueWasCurrent_isNotLinearizable() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.cas(2, "k", v("a"), "b", Outcome.OK, false, 20, 30))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void twoCasFromTheSameValue_cannotBothSwap() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.cas(2, "k", v("a"), "b", Outcome.OK, true, 20, 40),
                Op.cas(3, "k", v("a"), "c", Outcome.OK, true, 20, 40))).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void casOnAMissingKey_isConsulsCasZero() {
        assertThat(check(
                Op.cas(1, "k", Optional.empty(), "a", Outcome.OK, true, 0, 10),
                Op.cas(2, "k", Optional.empty(), "b", Outcome.OK, false, 20, 30),
                Op.read(2, "k", v("a"), 40, 50))).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void keysAreCheckedApart_andTheVerdictNamesTheBadKey() {
        Linearizability.Verdict verdict = checker.check(List.of(
                Op.write(1, "good", "a", Outcome.OK, 0, 10),
                Op.read(2, "good", v("a"), 20, 30),
                Op.write(1, "bad", "a", Outcome.OK, 0, 10),
                Op.read(2, "bad", v("zzz"), 20, 30)));
        assertThat(verdict.result()).isEqualTo(Result.NOT_LINEARIZABLE);
        assertThat(verdict.key()).isEqualTo("bad");
        assertThat(verdict.detail()).contains("read bad -> zzz");
    }

    @Test
    void aLargeConcurrentHistoryOfATrueRegister_isLinearizable_andOneCorruptReadIsCaught() {
        // A simulated atomic register: each operation takes effect at one random instant inside its interval.
        Random random = new Random(42);
        List<Op> history = new ArrayList<>();
        record Event(long at, int op) {
        }
        int clients = 6;
        long[] clientTime = new long[clients];
        List<long[]> spans = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int c = random.nextInt(clients);
            long start = clientTime[c] + random.nextInt(5);
            long end = start + 1 + random.nextInt(40);
            clientTime[c] = end + 1;
            spans.add(new long[] {start, end, start + random.nextInt((int) (end - start) + 1)});
            owners.add(c);
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            events.add(new Event(spans.get(i)[2], i));
        }
        events.sort((a, b) -> Long.compare(a.at(), b.at()));
        Op[] ops = new Op[spans.size()];
        Optional<String> value = Optional.empty();
        for (Event e : events) {
            long[] s = spans.get(e.op());
            int c = owners.get(e.op());
            int kind = random.nextInt(3);
            if (kind == 0) {
                ops[e.op()] = Op.read(c, "k", value, s[0], s[1]);
            } else if (kind == 1) {
                value = Optional.of("w" + e.op());
                ops[e.op()] = Op.write(c, "k", value.get(), Outcome.OK, s[0], s[1]);
            } else {
                boolean hit = random.nextBoolean();
                Optional<String> expected = hit ? value : Optional.of("nope" + e.op());
                ops[e.op()] = Op.cas(c, "k", expected, "c" + e.op(), Outcome.OK, hit, s[0], s[1]);
                if (hit) {
                    value = Optional.of("c" + e.op());
                }
            }
        }
        history.addAll(List.of(ops));
        assertThat(checker.check(history).result()).isEqualTo(Result.LINEARIZABLE);

        // The last read returns a value from long before: a stale read the checker must find.
        int lastRead = -1;
        for (int i = 0; i < ops.length; i++) {
            if (ops[i].kind() == Op.Kind.READ) {
                lastRead = i;
            }
        }
        Op stale = Op.read(ops[lastRead].process(), "k", Optional.of("w-never"), ops[lastRead].invoked(),
                ops[lastRead].completed());
        history.set(lastRead, stale);
        assertThat(checker.check(history).result()).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void aHistoryIsCutWhereNothingIsInFlight_andALostWriteKeepsItsSegmentOpenToTheEnd() {
        List<List<Op>> segments = Linearizability.segments(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.read(2, "k", v("a"), 5, 20),
                Op.write(1, "k", "b", Outcome.OK, 21, 30),
                Op.write(2, "k", "c", Outcome.INFO, 31, 0),
                Op.read(1, "k", v("b"), 40, 50)));
        assertThat(segments).extracting(List::size).containsExactly(2, 1, 2);
    }

    @Test
    void theNextSegmentStartsFromAnyValueTheLastCouldEndWith() {
        // Two concurrent writes end the first segment; either may be the value a later read sees, but not both.
        List<Op> first = List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(2, "k", "b", Outcome.OK, 0, 10));
        for (String seen : List.of("a", "b")) {
            List<Op> history = new ArrayList<>(first);
            history.add(Op.read(1, "k", v(seen), 20, 30));
            history.add(Op.read(2, "k", v(seen), 40, 50));
            assertThat(checker.check(history).result()).as(seen).isEqualTo(Result.LINEARIZABLE);
        }
        List<Op> history = new ArrayList<>(first);
        history.add(Op.read(1, "k", v("a"), 20, 30));
        history.add(Op.read(2, "k", v("b"), 40, 50));
        assertThat(checker.check(history).result()).isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void aStaleReadSegmentsAfterTheOverwrite_isCaught_andTheVerdictNamesItsSegment() {
        Linearizability.Verdict verdict = checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(1, "k", "b", Outcome.OK, 20, 30),
                Op.read(2, "k", v("b"), 40, 50),
                Op.read(2, "k", v("a"), 60, 70)));
        assertThat(verdict.result()).isEqualTo(Result.NOT_LINEARIZABLE);
        assertThat(verdict.detail()).contains("read k -> a").contains("segment 4 of 4").contains("[b]");
    }

    @Test
    void aLongHistoryWithPausesBetweenBursts_isDecidedWithinASmallBudgetPerSegment() {
        // 24,000 operations of six clients in bursts: one search over all of it would give up after 200,000 steps
        // (and hold a cache the size of the history per step); a search per burst does not.
        Random random = new Random(7);
        List<Op> history = new ArrayList<>();
        Optional<String> value = Optional.empty();
        long t = 0;
        for (int burst = 0; burst < 4_000; burst++) {
            for (int c = 0; c < 6; c++) {
                boolean write = random.nextBoolean();
                long start = t + random.nextInt(3);
                // each operation takes effect at its start; the intervals of a burst all overlap
                if (write) {
                    value = Optional.of("w" + burst + "-" + c);
                    history.add(Op.write(c, "k", value.get(), Outcome.OK, start, t + 20));
                } else {
                    history.add(Op.read(c, "k", value, start, t + 20));
                }
            }
            t += 30;
        }
        Linearizability small = new Linearizability(200_000);
        assertThat(history).hasSize(24_000);
        assertThat(small.check(history).result()).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void aSearchOverItsBudget_saysUnknown() {
        List<Op> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(Op.write(i, "k", "v" + i, Outcome.OK, 0, 100));
        }
        history.add(Op.read(99, "k", v("v0"), 200, 210));
        assertThat(new Linearizability(5).check(history).result()).isEqualTo(Result.UNKNOWN);
    }

    @Test
    void aFailedCasAfterALostWriteNobodySaw_isExplainedByThatWrite() {
        // The 30-minute fault run's false alarm: the lost write took effect unseen, so the CAS from the value read
        // before it failed. Without the lost write no order explains the failure.
        List<Op> history = List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.read(2, "k", v("a"), 20, 30),
                Op.write(3, "k", "lost", Outcome.INFO, 35, 0),
                Op.cas(2, "k", v("a"), "b", Outcome.OK, false, 40, 50));
        assertThat(checker.check(history).result()).isEqualTo(Result.LINEARIZABLE);
        assertThat(checker.check(List.of(history.get(0), history.get(1), history.get(3))).result())
                .as("without the lost write").isEqualTo(Result.NOT_LINEARIZABLE);
    }

    @Test
    void aFailedCasWithNoLostWriteBeforeIt_isStillChecked() {
        assertThat(check(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.cas(2, "k", v("a"), "b", Outcome.OK, false, 20, 30),
                Op.write(3, "k", "lost", Outcome.INFO, 35, 0))).isEqualTo(Result.NOT_LINEARIZABLE);
    }
}
