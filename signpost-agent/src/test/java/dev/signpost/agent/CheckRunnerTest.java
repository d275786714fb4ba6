package dev.signpost.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CheckRunner} on a fake clock, with scripted probe results and probes run inline. */
class CheckRunnerTest {
    private final FakeScheduler scheduler = new FakeScheduler();
    private final Map<String, Deque<Probe.Result>> scripted = new ConcurrentHashMap<>();
    private final List<String> reports = new ArrayList<>();
    private final List<String> reaped = new ArrayList<>();
    private boolean writable = true;

    private final CheckRunner runner = new CheckRunner(scheduler, Runnable::run, scheduler.clock(),
            check -> check.definition().type().equals("http") ? Optional.of(() -> next(check.checkId())) : Optional.empty(),
            new CheckRunner.Reporter() {
                @Override
                public boolean report(String checkId, HealthStatus status, String output) {
                    if (writable) {
                        reports.add(checkId + "=" + status.wireName() + ":" + output);
                    }
                    return writable;
                }

                @Override
                public void reap(String serviceId) {
                    reaped.add(serviceId);
                }
            });

    private Probe.Result next(String checkId) {
        Deque<Probe.Result> queue = scripted.get(checkId);
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private void results(String checkId, HealthStatus... statuses) {
        Deque<Probe.Result> queue = new ArrayDeque<>();
        for (HealthStatus s : statuses) {
            queue.add(new Probe.Result(s, s.wireName() + " output"));
        }
        scripted.put(checkId, queue);
    }

    private static Check check(String id, String serviceId, CheckDefinition definition) {
        return new Check("n1", id, id, HealthStatus.CRITICAL, "", "", serviceId, "", List.of(), definition, 0, 0);
    }

    private static CheckDefinition http(String interval, int successBefore, int failuresBefore, String reapAfter) {
        return new CheckDefinition("http://x", "", Map.of(), "", false, "", List.of(), "", interval, "", reapAfter,
                successBefore, failuresBefore, "", "", "");
    }

    private static CheckDefinition ttl(String ttl) {
        return new CheckDefinition("", "", Map.of(), "", false, "", List.of(), ttl, "", "", "");
    }

    @Test
    void aCheckThatKeepsPassing_reportsOnce() {
        results("web", HealthStatus.PASSING);
        runner.start(check("web", "", http("10s", 0, 0, "")));

        scheduler.advance(Duration.ofMinutes(1));

        assertThat(reports).containsExactly("web=passing:passing output");
    }

    @Test
    void everyStatusChange_isReported_onTheInterval() {
        results("web", HealthStatus.PASSING, HealthStatus.CRITICAL, HealthStatus.WARNING, HealthStatus.WARNING);
        runner.start(check("web", "", http("5s", 0, 0, "")));

        scheduler.advance(Duration.ofSeconds(4));
        assertThat(reports).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(reports).hasSize(2);
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(reports).containsExactly("web=passing:passing output", "web=critical:critical output",
                "web=warning:warning output");
    }

    @Test
    void successBeforePassing_andFailuresBeforeCritical_holdTheStatus() {
        results("web", HealthStatus.PASSING, HealthStatus.PASSING, HealthStatus.CRITICAL, HealthStatus.PASSING,
                HealthStatus.CRITICAL, HealthStatus.CRITICAL, HealthStatus.CRITICAL);
        runner.start(check("web", "", http("1s", 2, 3, "")));

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(reports).containsExactly("web=passing:passing output"); // after the second pass
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(reports).containsExactly("web=passing:passing output", "web=critical:critical output");
    }

    @Test
    void outputOnlyChanges_areRateLimited() {
        Deque<Probe.Result> queue = new ArrayDeque<>();
        for (int i = 0; i < 400; i++) {
            queue.add(new Probe.Result(HealthStatus.PASSING, "run " + i));
        }
        scripted.put("web", queue);
        runner.start(check("web", "", http("1s", 0, 0, "")));

        scheduler.advance(Duration.ofSeconds(299));
        assertThat(reports).containsExactly("web=passing:run 0");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(reports).hasSize(2);
    }

    @Test
    void ttlCheck_turnsCritical_whenNotUpdatedInTime() {
        runner.start(check("ttl", "", ttl("30s")));
        scheduler.advance(Duration.ofSeconds(20));
        runner.ttlUpdated("ttl", HealthStatus.PASSING);
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(reports).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(reports).containsExactly("ttl=critical:TTL expired");
    }

    @Test
    void aStoppedCheck_reportsNothingMore() {
        results("web", HealthStatus.PASSING, HealthStatus.CRITICAL);
        runner.start(check("web", "", http("1s", 0, 0, "")));
        scheduler.advance(Duration.ZERO);
        runner.stop("web");
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(reports).containsExactly("web=passing:passing output");
        assertThat(runner.size()).isZero();
    }

    @Test
    void aResultThatCouldNotBeWritten_isReportedAgain() {
        results("web", HealthStatus.PASSING);
        writable = false;
        runner.start(check("web", "", http("1s", 0, 0, "")));
        scheduler.advance(Duration.ofSeconds(3));
        writable = true;
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(reports).containsExactly("web=passing:passing output");
    }

    @Test
    void stoppedTimers_endTheChecksQuietly() {
        CheckRunner stopping = new CheckRunner((task, delay) -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, Runnable::run, scheduler.clock(), c -> Optional.of(() -> new Probe.Result(HealthStatus.PASSING, "")),
                new CheckRunner.Reporter() {
                    @Override
                    public boolean report(String checkId, HealthStatus status, String output) {
                        return true;
                    }

                    @Override
                    public void reap(String serviceId) {
                    }
                });
        stopping.start(check("web", "", http("1s", 0, 0, "")));
        stopping.start(check("ttl", "", ttl("10s")));
        assertThat(stopping.size()).isEqualTo(2);
    }

    @Test
    void deregisterCriticalServiceAfter_reapsTheService_notBeforeAMinute() {
        results("web", HealthStatus.CRITICAL);
        results("ok", HealthStatus.PASSING);
        runner.start(check("web", "web-1", http("10s", 0, 0, "10s")));
        runner.start(check("ok", "ok-1", http("10s", 0, 0, "10s")));

        scheduler.advance(Duration.ofSeconds(59));
        assertThat(reaped).isEmpty();
        scheduler.advance(Duration.ofSeconds(32));

        assertThat(reaped).containsExactly("web-1");
    }
}
