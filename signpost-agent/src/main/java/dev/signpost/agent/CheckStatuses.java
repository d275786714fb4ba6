package dev.signpost.agent;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;

/**
 * The status of this agent's checks as it reaches the catalog: a runner's result or a TTL update is written only when
 * status or output changed, and a service critical past its {@code deregister_critical_service_after} is reaped. The
 * check runner's way back to {@link LocalServices}, apart from it because results arrive on the runner's threads, one
 * check at a time, and a failed write is retried by the runner rather than thrown to an API caller.
 *
 * <p>Thread-safe: a status write holds {@link LocalServices}' monitor, which guards every change of its checks.
 */
final class CheckStatuses implements CheckRunner.Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(CheckStatuses.class);

    private final LocalServices local;
    private final AgentChecks checks;
    private final Registry registry;
    private final Supplier<Node> node;
    private final LocalJournal journal;

    CheckStatuses(LocalServices local, AgentChecks checks, Registry registry, Supplier<Node> node,
                  LocalJournal journal) {
        this.local = local;
        this.checks = checks;
        this.registry = registry;
        this.node = node;
        this.journal = journal;
    }

    /** Writes a check's status and output, only when they changed; the caller holds {@link LocalServices}' monitor. */
    void write(String checkId, HealthStatus status, String output) {
        Check existing = checks.get(checkId);
        if (existing.status() == status && existing.output().equals(output)) {
            return; // no change, no Raft entry
        }
        registry.write(new UpdateCheck(node.get().name(), checkId, status, output));
        Check updated = existing.withStatus(status, output);
        checks.put(updated);
        journal.save(store -> store.saveCheck(updated));
        if (existing.status() != status) {
            LOG.info("agent: Check '{}' is now {}", checkId, status.wireName());
        }
    }

    @Override
    public boolean report(String checkId, HealthStatus status, String output) {
        try {
            synchronized (local) {
                if (!checks.contains(checkId)) {
                    return true; // deregistered meanwhile: nothing to write
                }
                write(checkId, status, output);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("agent: Check '{}' status {} not written: {}; will retry", checkId, status.wireName(), e.getMessage());
            return false;
        }
    }

    @Override
    public void reap(String serviceId) {
        try {
            // Not under LocalServices' monitor: deregisterService takes the service's ID lock first (lock order).
            if (local.hasService(serviceId)) {
                local.deregisterService(serviceId);
            }
        } catch (NotFoundException e) {
            LOG.debug("agent: service '{}' was gone before it was reaped", serviceId);
        } catch (RuntimeException e) {
            LOG.warn("agent: reaping service '{}' failed: {}; will retry", serviceId, e.getMessage());
        }
    }
}
