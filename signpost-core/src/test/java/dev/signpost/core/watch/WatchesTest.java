package dev.signpost.core.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchesTest {
    private final Watches watches = new Watches();
    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void exactTopic_wakesOnItsChange() {
        watches.subscribe(List.of(Topic.service("web")), List.of(), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.service("web"), Topic.SERVICES));

        assertThat(wakes).hasValue(1);
    }

    @Test
    void exactTopic_isNotWokenByUnrelatedTopics() {
        watches.subscribe(List.of(Topic.service("web")), List.of(), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.service("db"), Topic.service("web-admin"), Topic.node("web"), Topic.key("web")));

        assertThat(wakes).hasValue(0);
        assertThat(watches.waiting()).isEqualTo(1);
    }

    @Test
    void anyOfSeveralTopics_wakes() {
        watches.subscribe(List.of(Topic.service("web"), Topic.node("n1")), List.of(), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.node("n1")));

        assertThat(wakes).hasValue(1);
    }

    @Test
    void prefix_wakesOnAnyTopicUnderIt() {
        watches.subscribe(List.of(), List.of(Topic.key("app/")), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.key("app/db/url")));

        assertThat(wakes).hasValue(1);
    }

    @Test
    void prefix_isNotWokenOutsideIt() {
        watches.subscribe(List.of(), List.of(Topic.key("app/")), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.key("apple"), Topic.key("other/app/x"), Topic.service("app/")));

        assertThat(wakes).hasValue(0);
    }

    @Test
    void wakeUp_isOneShot() {
        watches.subscribe(List.of(Topic.CHECKS), List.of(), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.CHECKS));
        watches.fire(Set.of(Topic.CHECKS));

        assertThat(wakes).hasValue(1);
        assertThat(watches.waiting()).isZero();
    }

    @Test
    void waiterMatchingTopicAndPrefixInOneWrite_wakesOnce() {
        watches.subscribe(List.of(Topic.key("app/x")), List.of(Topic.key("app/")), wakes::incrementAndGet);

        watches.fire(Set.of(Topic.key("app/x"), Topic.key("app/y")));

        assertThat(wakes).hasValue(1);
        assertThat(watches.waiting()).isZero();
    }

    @Test
    void everyWaiterOnATopic_wakes() {
        AtomicInteger other = new AtomicInteger();
        watches.subscribe(List.of(Topic.NODES), List.of(), wakes::incrementAndGet);
        watches.subscribe(List.of(Topic.NODES), List.of(), other::incrementAndGet);

        watches.fire(Set.of(Topic.NODES));

        assertThat(wakes).hasValue(1);
        assertThat(other).hasValue(1);
    }

    @Test
    void cancelledSubscription_isNotWoken() {
        Watches.Subscription subscription = watches.subscribe(List.of(Topic.NODES), List.of(Topic.key("")),
                wakes::incrementAndGet);

        subscription.close();
        watches.fire(Set.of(Topic.NODES, Topic.key("k")));
        watches.fireAll();

        assertThat(wakes).hasValue(0);
        assertThat(watches.waiting()).isZero();
    }

    @Test
    void cancelTwiceOrAfterWakeUp_isHarmless() {
        Watches.Subscription subscription = watches.subscribe(List.of(Topic.NODES), List.of(), wakes::incrementAndGet);
        watches.fire(Set.of(Topic.NODES));

        subscription.close();
        subscription.close();

        assertThat(wakes).hasValue(1);
    }

    @Test
    void cancel_leavesOtherWaitersOnTheSameTopic() {
        Watches.Subscription gone = watches.subscribe(List.of(Topic.NODES), List.of(), () -> { });
        watches.subscribe(List.of(Topic.NODES), List.of(), wakes::incrementAndGet);

        gone.close();
        watches.fire(Set.of(Topic.NODES));

        assertThat(wakes).hasValue(1);
    }

    @Test
    void fireAll_wakesEveryWaiterOnce() {
        AtomicInteger byPrefix = new AtomicInteger();
        watches.subscribe(List.of(Topic.NODES, Topic.CHECKS), List.of(), wakes::incrementAndGet);
        watches.subscribe(List.of(), List.of(Topic.key("app/")), byPrefix::incrementAndGet);

        watches.fireAll();

        assertThat(wakes).hasValue(1);
        assertThat(byPrefix).hasValue(1);
        assertThat(watches.waiting()).isZero();
    }

    @Test
    void waiting_countsEachSubscriptionOnce() {
        watches.subscribe(List.of(Topic.NODES, Topic.CHECKS), List.of(Topic.key("a")), () -> { });
        watches.subscribe(List.of(), List.of(Topic.key("b")), () -> { });

        assertThat(watches.waiting()).isEqualTo(2);
    }

    /**
     * Regression: subscribing while another waiter on the same topic cancelled could add the new waiter to a
     * set already dropped from the map, so the next change never woke it and its blocking query slept to
     * the deadline.
     */
    @Test
    void subscribeRacingCancelOnSameTopic_neverLosesTheWaiter() throws InterruptedException {
        int rounds = 200;
        int perRound = 200;
        for (int round = 0; round < rounds; round++) {
            Watches shared = new Watches();
            AtomicInteger woken = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perRound; i++) {
                    shared.subscribe(List.of(Topic.NODES), List.of(), () -> { }).close();
                }
            }));
            threads.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perRound; i++) {
                    shared.subscribe(List.of(Topic.NODES), List.of(), woken::incrementAndGet);
                }
            }));
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }

            shared.fire(Set.of(Topic.NODES));

            assertThat(woken).as("waiters woken in round %d", round).hasValue(perRound);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
