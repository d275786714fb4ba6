package dev.signpost.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Service;

/**
 * Whether the agent token may make one anti-entropy write (Consul's {@code vetRegisterWithACL} as the agent's sync
 * meets it): a service needs service:write on its name; the node itself, a node check and a deregistration need
 * node:write on the node. A refused write is skipped and logged, and tried again next round.
 */
final class AgentTokenVet {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTokenVet.class);

    private AgentTokenVet() {
    }

    /** {@link #allowed}, logging a refusal. */
    static boolean vetted(Authorizer agent, Command command) {
        boolean allowed = allowed(agent, command);
        if (!allowed) {
            LOG.warn("agent: Sync blocked by ACLs: the agent token may not make {}", command);
        }
        return allowed;
    }

    static boolean allowed(Authorizer agent, Command command) {
        return switch (command) {
            case Register r -> {
                boolean nodeLevel = r.services().isEmpty() || r.checks().stream().anyMatch(Check::isNodeCheck);
                yield (!nodeLevel || agent.canWrite(Resource.NODE, r.node().name()))
                        && r.services().stream().map(Service::name).allMatch(n -> agent.canWrite(Resource.SERVICE, n));
            }
            case DeregisterService d -> agent.canWrite(Resource.NODE, d.node());
            case DeregisterCheck d -> agent.canWrite(Resource.NODE, d.node());
            default -> true;
        };
    }
}
