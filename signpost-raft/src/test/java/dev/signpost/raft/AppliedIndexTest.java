package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class AppliedIndexTest {
    private final AppliedIndex applied = new AppliedIndex();

    @Test
    void anIndexAlreadyApplied_completesAtOnce() {
        applied.advance(7);

        assertThat(applied.reached(7)).isDone();
        assertThat(applied.reached(3)).isDone();
        assertThat(applied.waiting()).isZero();
    }

    @Test
    void aWaiter_completesWhenItsIndexIsApplied_andNotBefore() {
        CompletableFuture<Void> waiter = applied.reached(5);

        applied.advance(4);
        assertThat(waiter).isNotDone();
        applied.advance(5);
        assertThat(waiter).isCompleted();
        assertThat(applied.waiting()).isZero();
    }

    @Test
    void oneAdvance_completesEveryWaiterUpToIt_andLeavesLaterOnesWaiting() {
        CompletableFuture<Void> two = applied.reached(2);
        CompletableFuture<Void> alsoTwo = applied.reached(2);
        CompletableFuture<Void> nine = applied.reached(9);
        CompletableFuture<Void> twelve = applied.reached(12);

        applied.advance(10); // a snapshot installed from the leader jumps ahead

        assertThat(two).isCompleted();
        assertThat(alsoTwo).isCompleted();
        assertThat(nine).isCompleted();
        assertThat(twelve).isNotDone();
        assertThat(applied.waiting()).isEqualTo(1);
    }

    @Test
    void theIndexNeverGoesBack() {
        applied.advance(10);
        applied.advance(4);

        assertThat(applied.applied()).isEqualTo(10);
        assertThat(applied.reached(8)).isDone();
    }

    @Test
    void await_returnsTrueOnceAnotherThreadAppliesTheIndex() throws Exception {
        try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> read = reader.submit(() -> applied.await(3, Duration.ofMinutes(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> applied.waiting() == 1);
            applied.advance(3);

            assertThat(read.get()).isTrue();
        }
    }

    @Test
    void await_timesOut_withFalse_andForgetsItsWaiter() throws InterruptedException {
        applied.advance(1);

        assertThat(applied.await(2, Duration.ofMillis(20))).isFalse();
        assertThat(applied.waiting()).isZero();
    }

    @Test
    void await_withNoTimeLeft_stillAnswersTrueForAnAppliedIndex() throws InterruptedException {
        applied.advance(5);

        assertThat(applied.await(5, Duration.ofMillis(-1))).isTrue();
    }
}
