package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.NotFoundException;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.http.LocalAgent.CheckSpec;

/**
 * Consul's maintenance mode (agent/agent.go EnableNodeMaintenance, EnableServiceMaintenance): a critical check
 * registered on the node or a service takes it out of healthy answers until the check is removed again.
 *
 * <p>Thread-safe: changes are serialised on this object, and each is one check change of {@link LocalServices}.
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final String NODE_MAINTENANCE = "_node_maintenance";
    private static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";

    private final LocalServices local;

    Maintenance(LocalServices local) {
        this.local = requireNonNull(local, "local");
    }

    /** Puts the whole node in maintenance or takes it out; taking out a node not in maintenance does nothing. */
    synchronized void node(boolean enable, String reason) {
        if (!enable) {
            if (local.hasCheck(NODE_MAINTENANCE)) {
                local.deregisterCheck(NODE_MAINTENANCE);
                LOG.info("agent: Node left maintenance mode");
            }
            return;
        }
        String notes = reason.isEmpty()
                ? "Maintenance mode is enabled for this node, but no reason was provided. This is a default message."
                : reason;
        local.registerCheck(new CheckSpec(NODE_MAINTENANCE, "Node Maintenance Mode", notes, HealthStatus.CRITICAL,
                true, "", CheckDefinition.NONE));
        LOG.info("agent: Node entered maintenance mode");
    }

    /**
     * Puts one service in maintenance or takes it out.
     *
     * @throws NotFoundException when this agent has no such service
     */
    synchronized void service(String serviceId, boolean enable, String reason) {
        if (!local.hasService(serviceId)) {
            throw new NotFoundException("Unknown service ID \"" + serviceId + "\"");
        }
        String checkId = SERVICE_MAINTENANCE_PREFIX + serviceId;
        if (!enable) {
            if (local.hasCheck(checkId)) {
                local.deregisterCheck(checkId);
                LOG.info("agent: Service '{}' left maintenance mode", serviceId);
            }
            return;
        }
        String notes = reason.isEmpty()
                ? "Maintenance mode is enabled for this service, but no reason was provided. This is a default message."
                : reason;
        local.registerCheck(new CheckSpec(checkId, "Service Maintenance Mode", notes, HealthStatus.CRITICAL, true,
                serviceId, CheckDefinition.NONE));
        LOG.info("agent: Service '{}' entered maintenance mode", serviceId);
    }
}
