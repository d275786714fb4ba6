package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotTimerTest {
    private static final long THRESHOLD = 100;
    private long applied;
    private long latestSnapshot;
    private final AtomicInteger taken = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private SnapshotTimer timer(SnapshotTimer.Snapshot snapshot) {
        return new SnapshotTimer(scheduler, new Random(1), Duration.ofMillis(10), THRESHOLD, () -> applied,
                () -> latestSnapshot, snapshot);
    }

    private SnapshotTimer counting() {
        return timer(() -> {
            taken.incrementAndGet();
            latestSnapshot = applied;
        });
    }

    @Test
    void fewerEntriesThanTheThresholdSinceTheLastSnapshot_takeNone() {
        SnapshotTimer timer = counting();
        latestSnapshot = 50;
        applied = 50 + THRESHOLD - 1;

        assertThat(timer.check()).isFalse();
        assertThat(taken).hasValue(0);
    }

    @Test
    void theThresholdOfEntriesSinceTheLastSnapshot_takesOne_thenNotAgainUntilMoreAreApplied() {
        SnapshotTimer timer = counting();
        applied = THRESHOLD;

        assertThat(timer.check()).isTrue();
        assertThat(timer.check()).isFalse();
        assertThat(taken).hasValue(1);
    }

    @Test
    void aFailedSnapshot_isNotThrown() {
        SnapshotTimer timer = timer(() -> {
            throw new TimeoutException("slow disk");
        });
        applied = THRESHOLD;

        assertThat(timer.check()).isFalse();
    }

    @Test
    void checksGoOnAfterAFailedSnapshot() {
        AtomicInteger attempts = new AtomicInteger();
        applied = THRESHOLD;
        timer(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first one fails");
            }
        }).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
    }
}
