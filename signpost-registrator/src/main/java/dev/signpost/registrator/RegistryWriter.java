package dev.signpost.registrator;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

import dev.signpost.client.ConsulException;
import dev.signpost.metrics.Metrics;

/**
 * Registry writes with the seed's log lines ({@code added: <id12> <serviceID>}, {@code removed: ...}) and retries:
 * a write that fails is logged in one line and tried again after {@link Pending}'s backoff until it succeeds or no
 * longer applies. Not thread-safe; owned by {@link Bridge}.
 */
final class RegistryWriter {

    private final Backend backend;
    private final Pending pending;
    private final Clock clock;
    private final LogSink log;
    private Metrics.Counter registrations = Metrics.none().counter("registrator.registrations");
    private Metrics.Counter deregistrations = registrations;
    private Metrics.Counter retries = registrations;
    private Metrics.Counter failures = registrations;

    /** Counts writes, retries and failed attempts (see {@link Registrator#meteredBy}); before the loop runs. */
    void meteredBy(Metrics metrics) {
        registrations = metrics.counter("registrator.registrations");
        deregistrations = metrics.counter("registrator.deregistrations");
        retries = metrics.counter("registrator.retries");
        failures = metrics.counter("registrator.failures");
    }

    RegistryWriter(Backend backend, Duration retryBase, Clock clock, LogSink log) {
        this.backend = backend;
        this.pending = new Pending(retryBase);
        this.clock = clock;
        this.log = log;
    }

    /** Registers now; {@code failure} prefixes the log line of a failure. Resync passes {@code logSuccess=false}. */
    void register(Service s, String failure, boolean logSuccess) {
        pending.cancel(s.id());
        attempt(s, true, 1, failure, logSuccess);
    }

    /** Deregisters now (a pending register of the same ID is dropped). */
    void deregister(Service s) {
        pending.cancel(s.id());
        attempt(s, false, 1, "deregister failed: ", true);
    }

    /** Forgets any pending write of this service ID. */
    void cancel(String serviceId) {
        pending.cancel(serviceId);
    }

    boolean registerPending(String serviceId) {
        return pending.has(Pending.Kind.REGISTER, serviceId);
    }

    /** Retries due writes: a register only while {@code wanted}, a deregister only while not. */
    void retryDue(Predicate<Service> wanted) {
        for (Pending.Op op : pending.takeDue(clock.instant())) {
            retries.increment();
            Service s = op.service();
            boolean want = wanted.test(s);
            if (op.kind() == Pending.Kind.REGISTER && want) {
                attempt(s, true, op.attempt() + 1, "register failed: ", true);
            } else if (op.kind() == Pending.Kind.DEREGISTER && !want) {
                attempt(s, false, op.attempt() + 1, "deregister failed: ", true);
            }
        }
    }

    private void attempt(Service s, boolean register, int attempt, String failure, boolean logSuccess) {
        try {
            if (register) {
                backend.register(s);
                registrations.increment();
                if (logSuccess) {
                    log.info("added: " + s.shortContainerId() + " " + s.id());
                }
            } else {
                backend.deregister(s);
                deregistrations.increment();
                log.info("removed: " + s.shortContainerId() + " " + s.id());
            }
        } catch (ConsulException e) {
            failures.increment();
            pending.schedule(register ? Pending.Kind.REGISTER : Pending.Kind.DEREGISTER, s, attempt, clock.instant());
            log.warn(failure + s.id() + " " + e.getMessage() + " (retry " + attempt + " in "
                    + pending.backoff(attempt).toMillis() + " ms)");
        }
    }
}
