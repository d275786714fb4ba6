package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.GoDuration;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;

/**
 * Runs the agent's health checks (Consul's agent/checks): each check with a probe runs every Interval on
 * the probe executor (virtual threads), one run at a time per check; TTL checks turn critical when no
 * update came within their TTL; services whose check stayed critical past DeregisterCriticalServiceAfter
 * are reaped.
 *
 * <p>A result goes to the {@link Reporter} only when it changes the status, or changes the output and the
 * last output update is older than {@link #OUTPUT_INTERVAL}: a check that keeps passing writes nothing.
 *
 * <p>Threading: timers run on the {@link Scheduler} (one thread, never blocked), probes on the executor;
 * 5,000 checks cost 5,000 timers and, while running, virtual threads, not platform threads.
 */
final class CheckRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Consul's MinInterval: shorter intervals are raised to it. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Consul's check_update_interval: output-only changes are written at most this often. */
    static final Duration OUTPUT_INTERVAL = Duration.ofMinutes(5);
    /** Consul's minimum DeregisterCriticalServiceAfter, and how often the reaper looks. */
    static final Duration MIN_REAP_AFTER = Duration.ofMinutes(1);
    static final Duration REAP_EVERY = Duration.ofSeconds(30);

    /** Where results and reaping go: the agent's own services. */
    interface Reporter {
        /** The check's status or output changed; write it. False when it could not be written (retried later). */
        boolean report(String checkId, HealthStatus status, String output);

        /** The service's check stayed critical too long; deregister the service. */
        void reap(String serviceId);
    }

    private final Scheduler scheduler;
    private final Executor executor;
    private final Clock clock;
    private final Function<Check, Optional<Probe>> probes;
    private final Reporter reporter;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param probes makes the probe of a check; empty for checks that are not run (TTL, externally set)
     */
    CheckRunner(Scheduler scheduler, Executor executor, Clock clock, Function<Check, Optional<Probe>> probes,
                Reporter reporter) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.executor = requireNonNull(executor, "executor");
        this.clock = requireNonNull(clock, "clock");
        this.probes = requireNonNull(probes, "probes");
        this.reporter = requireNonNull(reporter, "reporter");
        scheduleReap();
    }

    /** Starts running a check, replacing a running one with the same ID. */
    void start(Check check) {
        stop(check.checkId());
        Running r = new Running(check, probes.apply(check));
        running.put(check.checkId(), r);
        r.begin();
    }

    /** Stops a check; a run in progress finishes but reports nothing. */
    void stop(String checkId) {
        Running r = running.remove(checkId);
        if (r != null) {
            r.stop();
        }
    }

    /** A TTL check was updated from outside: its TTL starts again; a status in hand counts for reaping. */
    void ttlUpdated(String checkId, HealthStatus status) {
        Running r = running.get(checkId);
        if (r != null && r.ttl.isPresent()) {
            r.observed(status);
            r.armTtl();
        }
    }

    /** How many checks are running. */
    int size() {
        return running.size();
    }

    private void reapRound() {
        if (closed) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (Running r : running.values()) {
                Optional<String> service = r.reapable(now);
                if (service.isPresent()) {
                    LOG.info("agent: Check '{}' for service '{}' has been critical for too long; deregistered service",
                            r.check.checkId(), service.get());
                    reporter.reap(service.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("agent: reaping critical services failed: {}; trying again in {}", e.getMessage(),
                    GoDuration.format(REAP_EVERY));
        } finally {
            scheduleReap();
        }
    }

    private void scheduleReap() {
        try {
            scheduler.schedule(this::reapRound, REAP_EVERY);
        } catch (RejectedExecutionException e) {
            closed = true; // the agent is stopping: its timers are gone
        }
    }

    @Override
    public void close() {
        closed = true;
        running.keySet().forEach(this::stop);
    }

    private static Duration duration(String text, Duration defaultValue) {
        if (text.isEmpty()) {
            return defaultValue;
        }
        Duration d = GoDuration.parse(text);
        return d.isZero() || d.isNegative() ? defaultValue : d;
    }

    /** One check being run. Its fields are guarded by its monitor; reporting happens outside it. */
    private final class Running {
        private final Check check;
        private final Optional<Probe> probe;
        private final Optional<Duration> ttl;
        private final Duration interval;
        private final Optional<Duration> reapAfter;
        private final StatusThresholds thresholds;
        private volatile boolean stopped;
        private Scheduler.Cancellable timer = () -> { };
        private HealthStatus lastStatus;
        private String lastOutput;
        private Instant lastOutputReport = Instant.MIN;
        private Instant criticalSince;

        Running(Check check, Optional<Probe> probe) {
            this.check = check;
            this.probe = probe;
            CheckDefinition d = check.definition();
            this.ttl = d.ttl().isEmpty() ? Optional.empty() : Optional.of(duration(d.ttl(), Duration.ZERO))
                    .filter(t -> !t.isZero());
            Duration asked = duration(d.interval(), MIN_INTERVAL);
            this.interval = asked.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : asked;
            this.reapAfter = d.deregisterCriticalServiceAfter().isEmpty() || check.serviceId().isEmpty()
                    ? Optional.empty()
                    : Optional.of(max(duration(d.deregisterCriticalServiceAfter(), MIN_REAP_AFTER), MIN_REAP_AFTER));
            this.thresholds = new StatusThresholds(d.successBeforePassing(), d.failuresBeforeCritical());
            this.lastStatus = check.status();
            this.lastOutput = check.output();
            this.criticalSince = check.status() == HealthStatus.CRITICAL ? clock.instant() : null;
        }

        void begin() {
            if (ttl.isPresent()) {
                armTtl();
            } else if (probe.isPresent()) {
                schedule(Duration.ZERO);
            }
        }

        synchronized void stop() {
            stopped = true;
            timer.cancel();
        }

        private void schedule(Duration delay) {
            schedule(delay, this::fire);
        }

        private synchronized void schedule(Duration delay, Runnable task) {
            if (!stopped && !closed) {
                try {
                    timer = scheduler.schedule(task, delay);
                } catch (RejectedExecutionException e) {
                    stopped = true; // the agent is stopping: its timers are gone
                }
            }
        }

        synchronized void armTtl() {
            timer.cancel();
            schedule(ttl.orElseThrow(), this::expire);
        }

        private void expire() {
            if (stopped) {
                return;
            }
            observed(HealthStatus.CRITICAL);
            if (!reporter.report(check.checkId(), HealthStatus.CRITICAL, "TTL expired")) {
                schedule(MIN_INTERVAL, this::expire); // try again until it is written or the TTL is renewed
            }
        }

        private void fire() {
            if (stopped) {
                return;
            }
            try {
                executor.execute(this::runOnce);
            } catch (RejectedExecutionException e) {
                stopped = true; // the agent is stopping
            } catch (RuntimeException e) {
                LOG.warn("agent: check '{}' could not start: {}; next try in {}", check.checkId(), e.getMessage(),
                        GoDuration.format(interval));
                schedule(interval);
            }
        }

        private void runOnce() {
            try {
                Probe.Result result = probe.orElseThrow().run();
                Optional<Probe.Result> publish = decide(result);
                if (publish.isPresent() && !stopped
                        && !reporter.report(check.checkId(), publish.get().status(), publish.get().output())) {
                    forget(); // not written: the next result reports again
                }
            } catch (RuntimeException e) {
                LOG.warn("agent: check '{}' failed to run: {}", check.checkId(), e.toString());
            } finally {
                schedule(interval);
            }
        }

        /** The result to write, if it changes something worth a Raft entry. */
        private synchronized Optional<Probe.Result> decide(Probe.Result result) {
            Optional<HealthStatus> status = thresholds.accept(result.status());
            if (status.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            boolean statusChanged = status.get() != lastStatus;
            boolean outputDue = !result.output().equals(lastOutput)
                    && !now.isBefore(lastOutputReport.plus(OUTPUT_INTERVAL));
            observed(status.get());
            if (!statusChanged && !outputDue) {
                return Optional.empty();
            }
            lastOutput = result.output();
            lastOutputReport = now;
            return Optional.of(new Probe.Result(status.get(), result.output()));
        }

        private synchronized void forget() {
            lastStatus = null;
            lastOutputReport = Instant.MIN;
        }

        synchronized void observed(HealthStatus status) {
            if (status == HealthStatus.CRITICAL && lastStatus != HealthStatus.CRITICAL) {
                criticalSince = clock.instant();
            } else if (status != HealthStatus.CRITICAL) {
                criticalSince = null;
            }
            lastStatus = status;
        }

        synchronized Optional<String> reapable(Instant now) {
            if (reapAfter.isEmpty() || criticalSince == null || stopped) {
                return Optional.empty();
            }
            return now.isAfter(criticalSince.plus(reapAfter.get())) ? Optional.of(check.serviceId()) : Optional.empty();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
