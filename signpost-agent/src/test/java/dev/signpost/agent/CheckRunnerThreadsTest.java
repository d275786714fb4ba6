package dev.signpost.agent;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guards the requirement that 5,000 checks on one agent do not need 5,000 platform threads: all
 * 5,000 probes are blocked at once, and the JVM's platform thread count stays small.
 */
class CheckRunnerThreadsTest {
    private static final int CHECKS = 5_000;

    @Test
    void fiveThousandBlockedChecks_needNoPlatformThreadEach() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
        Probe slow = () -> {
            blocked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Probe.Result(HealthStatus.PASSING, "");
        };
        CheckRunner runner = new CheckRunner(Scheduler.of(timers), probes, Clock.systemUTC(), c -> Optional.of(slow),
                new CheckRunner.Reporter() {
                    @Override
                    public boolean report(String checkId, HealthStatus status, String output) {
                        reported.incrementAndGet();
                        return true;
                    }

                    @Override
                    public void reap(String serviceId) {
                    }
                });
        try {
            CheckDefinition http = new CheckDefinition("http://127.0.0.1:1/", "", Map.of(), "", false, "", List.of(), "",
                    "10s", "", "");
            for (int i = 0; i < CHECKS; i++) {
                runner.start(new Check("n1", "c" + i, "c" + i, HealthStatus.CRITICAL, "", "", "", "", List.of(), http, 0, 0));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> blocked.get() == CHECKS);

            int during = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(during - before).as("platform threads added while %d probes block", CHECKS).isLessThan(50);

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> reported.get() == CHECKS);
        } finally {
            release.countDown();
            runner.close();
            timers.shutdownNow();
            probes.shutdownNow();
        }
    }
}
