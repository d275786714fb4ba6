package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Resource;

/**
 * {@code PUT /v1/agent/token/:kind} (agent/agent_endpoint.go AgentToken): changes the tokens this agent uses while
 * it runs. Kinds are Consul's ({@code default}, {@code agent}, {@code agent_recovery}) and their legacy names. The
 * new value holds until the agent restarts, or beyond when {@code acl.enable_token_persistence} is on (the agent
 * then writes it to its data dir before answering).
 */
final class AgentTokenEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTokenEndpoints.class);

    private final AclConfig config;
    private final Supplier<String> nodeName;
    private final java.util.function.Consumer<AgentTokens> persist;

    AgentTokenEndpoints(AclConfig config, Supplier<String> nodeName, java.util.function.Consumer<AgentTokens> persist) {
        this.config = requireNonNull(config, "config");
        this.nodeName = requireNonNull(nodeName, "nodeName");
        this.persist = requireNonNull(persist, "persist");
    }

    void addTo(Routes routes) {
        routes.prefix("PUT", "/v1/agent/token/", Guard.filters(Resource.AGENT, "agent:write on this agent"),
                this::set);
    }

    private ApiResponse set(ApiRequest request) {
        new AclChecks(config).requireEnabled();
        request.caller().require(Resource.AGENT, Access.WRITE, nodeName.get());
        String token = Json.read(request.body()).requireObject().text("Token", "");
        AgentTokens tokens = config.tokens();
        String kind = request.pathRest();
        switch (kind) {
            case "default", "acl_token" -> tokens.setDefaultToken(token);
            case "agent", "acl_agent_token" -> tokens.setAgentToken(token);
            case "agent_recovery", "agent_master", "acl_agent_master_token" -> tokens.setRecoveryToken(token);
            case "replication", "acl_replication_token", "config_file_service_registration" -> {
                // accepted as Consul accepts them; one datacenter replicates nothing and registers no config files
            }
            default -> throw ApiException.notFound("Token \"" + kind + "\" is unknown");
        }
        if (config.enableTokenPersistence()) {
            try {
                persist.accept(tokens);
            } catch (RuntimeException e) {
                throw new ApiException(500, "Failed to persist tokens - " + e.getMessage());
            }
        }
        LOG.info("agent: Updated agent's ACL token \"{}\"", kind);
        return ApiResponse.empty();
    }
}
