package dev.signpost.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * says what to write; {@link LocalServices} writes. The server's own {@code consul} service and the
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
        List<Command> writes = new ArrayList<>();
        for (Service service : services.values()) {
            Optional<Service> stored = catalogServices.stream().filter(s -> s.id().equals(service.id())).findFirst();
            List<Check> own = checks.values().stream().filter(c -> c.serviceId().equals(service.id())).toList();
            boolean checksDiffer = own.stream().anyMatch(c -> differs(c, catalogChecks));
            if (stored.isEmpty() || !stored.get().sameAs(service) || checksDiffer) {
                writes.add(Register.service(node, service, own));
            }
        }
        for (Check check : checks.values()) {
            if (check.isNodeCheck() && differs(check, catalogChecks)) {
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
     * True when the catalog lacks the check or holds it otherwise in what the agent decides (status, output,
     * definition...); the service name and tags a check carries are the catalog's to fill in.
     */
    private static boolean differs(Check check, List<Check> catalogChecks) {
        return catalogChecks.stream().noneMatch(c -> c.checkId().equals(check.checkId()) && c.name().equals(check.name())
                && c.status() == check.status() && c.notes().equals(check.notes()) && c.output().equals(check.output())
                && c.serviceId().equals(check.serviceId()) && c.definition().equals(check.definition()));
    }
}
