package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

/**
 * The tokens an agent uses for itself, changeable while it runs ({@code PUT /v1/agent/token/...}): the default
 * token answers requests that carry none (and DNS), the agent token signs the agent's own catalog writes (and
 * falls back to the default token, as in Consul). Thread-safe: each is a volatile read.
 */
public final class AgentTokens {
    private volatile String defaultToken;
    private volatile String agentToken;
    private volatile String recoveryToken;

    /** @param recoveryToken Consul's {@code agent_recovery}: may always use this agent's own API; "" for none */
    public AgentTokens(String defaultToken, String agentToken, String recoveryToken) {
        this.defaultToken = requireNonNull(defaultToken, "defaultToken");
        this.agentToken = requireNonNull(agentToken, "agentToken");
        this.recoveryToken = requireNonNull(recoveryToken, "recoveryToken");
    }

    public String recoveryToken() {
        return recoveryToken;
    }

    public void setRecoveryToken(String token) {
        recoveryToken = requireNonNull(token, "token");
    }

    /** The default ("user") token; "" means the anonymous token. */
    public String defaultToken() {
        return defaultToken;
    }

    /** The agent token; the default token when none is set. */
    public String agentToken() {
        String agent = agentToken;
        return agent.isEmpty() ? defaultToken : agent;
    }

    /** The agent token as set ("" when none is, though {@link #agentToken()} then falls back). */
    public String agentTokenAsSet() {
        return agentToken;
    }

    public void setDefaultToken(String token) {
        defaultToken = requireNonNull(token, "token");
    }

    public void setAgentToken(String token) {
        agentToken = requireNonNull(token, "token");
    }
}
