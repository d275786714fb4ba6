package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Service;

/**
 * The agent endpoints' checks that need the agent's own services and checks (Consul's {@code vetServiceUpdate} and
 * {@code vetCheckUpdate}): a service by ID needs service:write on its name, a check service:write on its service or,
 * for a node check, node:write on this node. An unknown ID is left to the agent, which answers 404.
 */
final class AgentAcl {
    private final LocalAgent agent;

    AgentAcl(LocalAgent agent) {
        this.agent = requireNonNull(agent, "agent");
    }

    void requireServiceWrite(Caller caller, String serviceId) {
        Service service = agent.services().get(serviceId);
        if (service != null) {
            caller.require(Resource.SERVICE, Access.WRITE, service.name());
        }
    }

    void requireCheckWrite(Caller caller, String checkId) {
        Check check = agent.checks().get(checkId);
        if (check == null) {
            return;
        }
        if (check.isNodeCheck()) {
            caller.require(Resource.NODE, Access.WRITE, agent.identity().nodeName());
        } else {
            caller.require(Resource.SERVICE, Access.WRITE, check.serviceName());
        }
    }

    /** An agent-local answer with Consul's filtered-by-ACLs header when something was left out. */
    static ApiResponse json(ApiRequest request, Shown<?> shown, Object body) {
        ApiResponse response = ApiResponse.json(Json.write(body, request.has("pretty")));
        return shown.filtered() ? response.withHeaders(Map.of("X-Consul-Results-Filtered-By-ACLs", "true")) : response;
    }
}
