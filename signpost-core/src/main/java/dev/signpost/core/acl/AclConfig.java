package dev.signpost.core.acl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The agent's {@code acl} settings as Consul reads them.
 *
 * @param enabled whether tokens are asked for at all; without ACLs every request may do everything
 * @param defaultPolicy what applies where no rule does ({@code allow} or {@code deny})
 * @param downPolicy Consul's {@code down_policy}: what a client agent does with tokens while it is cut off from the
 *                   leader (see {@link DownPolicy})
 * @param enableTokenPersistence keep tokens set through {@code /v1/agent/token} in the data dir
 * @param initialManagement the secret of a management token the leader creates if it is missing; "" for none
 * @param tokenTtl Consul's {@code acl.token_ttl}: how long a client agent out of touch with the leader still trusts
 *                 its replica as it is before {@code down_policy} applies
 * @param minExpirationTtl the shortest life a token may be given ({@code acl.token_min_expiration_ttl})
 * @param maxExpirationTtl the longest ({@code acl.token_max_expiration_ttl})
 */
public record AclConfig(boolean enabled, Authorizer.DefaultPolicy defaultPolicy, String downPolicy,
                        boolean enableTokenPersistence, String initialManagement, AgentTokens tokens,
                        Duration tokenTtl, Duration minExpirationTtl, Duration maxExpirationTtl) {
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MIN_EXPIRATION_TTL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_EXPIRATION_TTL = Duration.ofHours(24);

    public AclConfig {
        requireNonNull(defaultPolicy, "defaultPolicy");
        if (defaultPolicy == Authorizer.DefaultPolicy.MANAGE) {
            throw new IllegalArgumentException("default_policy is allow or deny");
        }
        requireNonNull(downPolicy, "downPolicy");
        requireNonNull(initialManagement, "initialManagement");
        requireNonNull(tokens, "tokens");
        DownPolicy.of(downPolicy);
        requireNonNull(tokenTtl, "tokenTtl");
        requireNonNull(minExpirationTtl, "minExpirationTtl");
        requireNonNull(maxExpirationTtl, "maxExpirationTtl");
    }

    /** Consul's defaults for the token TTL and the expiration bounds. */
    public AclConfig(boolean enabled, Authorizer.DefaultPolicy defaultPolicy, String downPolicy,
                     boolean enableTokenPersistence, String initialManagement, AgentTokens tokens) {
        this(enabled, defaultPolicy, downPolicy, enableTokenPersistence, initialManagement, tokens, DEFAULT_TOKEN_TTL,
                DEFAULT_MIN_EXPIRATION_TTL, DEFAULT_MAX_EXPIRATION_TTL);
    }

    public DownPolicy down() {
        return DownPolicy.of(downPolicy);
    }

    /** ACLs off: Consul's default. */
    public static AclConfig disabled() {
        return new AclConfig(false, Authorizer.DefaultPolicy.ALLOW, "extend-cache", false, "",
                new AgentTokens("", "", ""));
    }
}
