package dev.signpost.agent;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NoLeaderException;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * The agent's first sync with the catalog, once a leader is known: this node with its {@code serfHealth} check (and
 * the {@code consul} service on servers), then the services and checks it holds from an earlier run, then those of
 * its config files, which a reload applies again. Apart from {@link Agent} because it is the one job that waits for
 * Raft; the agent only decides when to try (each gossip round, or at once on a single server).
 *
 * <p>Thread-safe: a sync holds the agent's monitor, so it never overlaps a Raft start or the shutdown.
 */
final class NodeSync {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSync.class);
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    private final Object agentLock;
    private final AgentConfig config;
    private final DeferredRegistry registry;
    private final Node node;
    private final LocalServices local;
    private final ConfiguredDefinitions configured;
    private volatile boolean synced;

    NodeSync(Object agentLock, AgentConfig config, DeferredRegistry registry, Node node, LocalServices local) {
        this.agentLock = agentLock;
        this.config = config;
        this.registry = registry;
        this.node = node;
        this.local = local;
        this.configured = new ConfiguredDefinitions(local);
    }

    /** Whether this node and its local definitions are in the catalog. */
    boolean synced() {
        return synced;
    }

    /** A single server registers itself as soon as it leads, instead of at the next gossip round. */
    void syncOnceLeader() {
        try {
            awaitLeader();
            syncSelf();
        } catch (IllegalStateException e) {
            LOG.warn("agent: {}; will sync when a leader is known", e.getMessage());
        }
    }

    /** Syncs unless done already; without a leader it stays unsynced and the next try goes on. */
    void syncSelf() {
        synchronized (agentLock) {
            if (synced) {
                return;
            }
            try {
                registerSelf();
                local.restore();
                configured.apply(config.services(), config.checks());
                synced = true;
            } catch (NoLeaderException e) {
                LOG.debug("agent: not synced yet: {}", e.getMessage());
            }
        }
    }

    /** A reload's services and checks; before the first sync they wait for it (which applies the start's). */
    void reapply(AgentConfig fresh) {
        if (synced) {
            configured.apply(fresh.services(), fresh.checks());
        }
    }

    private void awaitLeader() {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (!registry.cluster().knownLeader()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Raft leader after " + LEADER_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a leader", e);
            }
        }
    }

    /** This node in the catalog, with its serfHealth check and, on servers, the consul service. */
    private void registerSelf() {
        List<Service> services = config.server()
                ? List.of(Service.of("consul", "consul", "", config.serverPort(), List.of()))
                : List.of();
        registry.write(new Register(node, services, List.of(Check.serfHealth(config.nodeName(), HealthStatus.PASSING)),
                false));
        LOG.info("agent: Synced node info");
    }
}
