package dev.signpost.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.command.Command;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * One anti-entropy round (Consul's agent/ae): reads this node's part of the catalog, asks {@link AntiEntropy} what
 * differs from what the agent holds, and writes the repairs the agent token may make. Apart from
 * {@link LocalServices} because it compares with the catalog rather than changing what the agent holds.
 *
 * <p>Not thread-safe on its own: {@link LocalServices} runs a round under its monitor, so nothing it holds changes
 * meanwhile.
 */
final class CatalogRepair {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRepair.class);

    private final Registry registry;
    private final Supplier<Authorizer> agentRights;

    /** @param agentRights what the agent token may write, asked at each round */
    CatalogRepair(Registry registry, Supplier<Authorizer> agentRights) {
        this.registry = registry;
        this.agentRights = agentRights;
    }

    /**
     * Puts back what a catalog write changed of this agent's node (a deregistered service, an overwritten check
     * status), leaving alone the services in {@code inFlight}. Returns how many writes it took; a failure is logged
     * and the next round tries again.
     */
    int round(Node self, Map<String, Service> services, AgentChecks checks, Set<String> inFlight) {
        try {
            var catalog = registry.read(Registry.ReadMode.STALE, s -> Map.entry(
                    s.node(self.name()).value().map(ns -> ns.services()).orElse(List.of()),
                    s.nodeChecks(self.name()).value()));
            // A service whose Raft write is under way may be in the catalog but not yet here (or the reverse):
            // leave it alone on both sides.
            List<Service> catalogServices = catalog.getKey().stream().filter(sv -> !inFlight.contains(sv.id())).toList();
            List<Check> catalogChecks = catalog.getValue().stream()
                    .filter(c -> !inFlight.contains(c.serviceId())).toList();
            Map<String, Service> localServices = new LinkedHashMap<>(services);
            localServices.keySet().removeAll(inFlight);
            Map<String, Check> localChecks = checks.copy();
            localChecks.values().removeIf(c -> inFlight.contains(c.serviceId()));
            Authorizer agentToken = agentRights.get();
            List<Command> writes = AntiEntropy.repairs(self, localServices, localChecks,
                    catalogServices, catalogChecks).stream().filter(c -> AgentTokenVet.vetted(agentToken, c)).toList();
            writes.forEach(registry::write);
            if (!writes.isEmpty()) {
                LOG.info("agent: Synced {} change(s) back to the catalog (anti-entropy)", writes.size());
            }
            return writes.size();
        } catch (RuntimeException e) {
            LOG.warn("agent: anti-entropy sync failed: {}; trying again next round", e.getMessage());
            return 0;
        }
    }
}
