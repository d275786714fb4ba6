package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

/**
 * The agent's {@code acl} settings as Consul reads them.
 *
 * @param enabled whether tokens are asked for at all; without ACLs every request may do everything
 * @param defaultPolicy what applies where no rule does ({@code allow} or {@code deny})
 * @param downPolicy Consul's {@code down_policy}; kept for what it says (servers here always hold the tokens)
 * @param initialManagement the secret of a management token the leader creates if it is missing; "" for none
 */
public record AclConfig(boolean enabled, Authorizer.DefaultPolicy defaultPolicy, String downPolicy,
                        boolean enableTokenPersistence, String initialManagement, AgentTokens tokens) {
    public AclConfig {
        requireNonNull(defaultPolicy, "defaultPolicy");
        if (defaultPolicy == Authorizer.DefaultPolicy.MANAGE) {
            throw new IllegalArgumentException("default_policy is allow or deny");
        }
        requireNonNull(downPolicy, "downPolicy");
        requireNonNull(initialManagement, "initialManagement");
        requireNonNull(tokens, "tokens");
    }

    /** ACLs off: Consul's default. */
    public static AclConfig disabled() {
        return new AclConfig(false, Authorizer.DefaultPolicy.ALLOW, "extend-cache", false, "",
                new AgentTokens("", "", ""));
    }
}
