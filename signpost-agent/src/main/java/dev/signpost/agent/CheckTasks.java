package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.model.Check;
import dev.signpost.core.state.ServiceInstance;

/**
 * The threads of the agent's timed work: one platform thread for the timers of health checks, session
 * TTLs and KV tombstones, virtual threads for the probes. Stopping it stops every check.
 */
final class CheckTasks implements AutoCloseable {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("checks").daemon().factory());
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    /** Consul's minimum anti-entropy interval (agent/ae: 1 min for clusters up to 128 nodes). */
    private static final java.time.Duration ANTI_ENTROPY = java.time.Duration.ofMinutes(1);

    /** @param clock what every timer here reads */
    CheckTasks(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** What makes the agent's check runner, with script checks on or off. */
    Function<CheckRunner.Reporter, CheckRunner> runners(boolean scriptsEnabled, String localNode, Registry registry) {
        Probes made = new Probes(scriptsEnabled, localNode, (node, serviceId) -> aliased(registry, node, serviceId));
        return reporter -> new CheckRunner(Scheduler.of(timers), probes, clock, made::of, reporter);
    }

    /** Starts the leader's session TTL expiry, once a second. */
    void reapSessions(Registry registry) {
        SessionReaper reaper = new SessionReaper(registry, clock);
        timers.scheduleWithFixedDelay(reaper::reap, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the leader's deletion of expired ACL tokens, every second. */
    void reapExpiredTokens(Registry registry) {
        ExpiredTokenReaper reaper = new ExpiredTokenReaper(registry, clock);
        timers.scheduleWithFixedDelay(reaper::reap, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the leader's KV tombstone reaping (Consul's TTL and granularity). */
    void reapTombstones(Registry registry) {
        TombstoneReaper reaper = new TombstoneReaper(registry, clock, TombstoneReaper.TTL);
        long every = TombstoneReaper.GRANULARITY.toMillis();
        timers.scheduleWithFixedDelay(reaper::reap, every, every, TimeUnit.MILLISECONDS);
    }

    /** Makes sure, every second while it is missing, that the leader has written the initial management token. */
    void keepInitialManagementToken(Registry registry, AclConfig acl) {
        InitialManagementToken token = new InitialManagementToken(registry,
                acl.enabled() ? acl.initialManagement() : "", clock);
        timers.scheduleWithFixedDelay(token::ensure, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts anti-entropy: the agent's services and checks are put back into the catalog every minute, with
     * up to 10% jitter so that agents started together do not sync together.
     */
    void antiEntropy(LocalServices local) {
        long delay = ANTI_ENTROPY.toMillis() + java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(ANTI_ENTROPY.toMillis() / 10);
        timers.schedule(() -> {
            try {
                local.syncWithCatalog();
            } finally {
                antiEntropy(local);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The checks counting for a service instance, read from this server's state. */
    private static Optional<List<Check>> aliased(Registry registry, String node, String serviceId) {
        return registry.read(Registry.ReadMode.STALE, s -> s.node(node).value()
                .flatMap(ns -> ns.services().stream().filter(svc -> svc.id().equals(serviceId)).findFirst())
                .flatMap(svc -> s.instances(svc.name()).value().stream()
                        .filter(i -> i.node().name().equals(node) && i.service().id().equals(serviceId)).findFirst())
                .map(ServiceInstance::checks));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        probes.shutdownNow();
    }
}
