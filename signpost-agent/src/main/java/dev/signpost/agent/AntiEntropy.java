package dev.signpost.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

/**
 * Consul's anti-entropy (agent/ae, agent/local): the agent's own services and checks are authoritative,
 * so the writes that put this node's catalog entries back as the agent has them. Pure: it compares and
 * says what to write; {@link CatalogRepair} writes. The server's own {@code consul} service and the
 * {@code serfHealth} check belong to the cluster, not to the agent, and are left alone.
 */
final class AntiEntropy {
    private AntiEntropy() {
    }

    /**
     * The writes that make the catalog's view of the node match the agent's.
     *
     * @param catalogServices the node's services in the catalog
     * @param catalogChecks the node's checks in the catalog
     */
    static List<Command> repairs(Node node, Map<String, Service> services, Map<String, Check> checks,
                                 List<Service> catalogServices, List<Check> catalogChecks) {
        Map<String, Service> storedServices = new HashMap<>();
        catalogServices.forEach(s -> storedServices.put(s.id(), s));
        Map<String, Check> storedChecks = new HashMap<>();
        catalogChecks.forEach(c -> storedChecks.put(c.checkId(), c));
        Map<String, List<Check>> checksOfService = new HashMap<>();
        checks.values().forEach(c -> checksOfService.computeIfAbsent(c.serviceId(), id -> new ArrayList<>()).add(c));

        List<Command> writes = new ArrayList<>();
        for (Service service : services.values()) {
            Service stored = storedServices.get(service.id());
            List<Check> own = checksOfService.getOrDefault(service.id(), List.of());
            boolean checksDiffer = own.stream().anyMatch(c -> differs(c, storedChecks.get(c.checkId())));
            if (stored == null || !stored.sameAs(service) || checksDiffer) {
                writes.add(Register.service(node, service, List.copyOf(own)));
            }
        }
        for (Check check : checks.values()) {
            if (check.isNodeCheck() && differs(check, storedChecks.get(check.checkId()))) {
                writes.add(new Register(node, List.of(), List.of(check), true));
            }
        }
        for (Service stored : catalogServices) {
            if (!services.containsKey(stored.id()) && !stored.id().equals("consul")) {
                writes.add(new DeregisterService(node.name(), stored.id()));
            }
        }
        for (Check stored : catalogChecks) {
            boolean ownService = stored.serviceId().isEmpty() || services.containsKey(stored.serviceId());
            if (!checks.containsKey(stored.checkId()) && !stored.checkId().equals(Check.SERF_HEALTH) && ownService
                    && !stored.serviceId().equals("consul")) {
                writes.add(new DeregisterCheck(node.name(), stored.checkId()));
            }
        }
        return writes;
    }

    /**
     * True when the catalog lacks the check ({@code stored} is null) or holds it otherwise in what the agent
     * decides (status, output, definition...); the service name and tags a check carries are the catalog's.
     */
    private static boolean differs(Check check, Check stored) {
        return stored == null || !(stored.name().equals(check.name()) && stored.status() == check.status()
                && stored.notes().equals(check.notes()) && stored.output().equals(check.output())
                && stored.serviceId().equals(check.serviceId()) && stored.definition().equals(check.definition()));
    }
}
