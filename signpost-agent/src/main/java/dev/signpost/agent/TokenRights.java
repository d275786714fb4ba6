package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.NoLeaderException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.http.TokenAuthority;

/**
 * What one of the agent's own tokens may do right now: DNS answers with the default token's rights and
 * anti-entropy writes with the agent token's, as in Consul. Resolved at every call against this server's state, so
 * a token changed through {@code PUT /v1/agent/token/...} or a policy edited applies at once; an unknown token may
 * do nothing, and so may a token that cannot be looked up for want of a leader. With ACLs disabled, everything.
 */
final class TokenRights implements Supplier<Authorizer> {
    private final TokenAuthority authority;
    private final Supplier<String> secret;

    /** @param clock what token expiry is judged by: the agent's clock, which stamps expiry times too */
    TokenRights(Registry registry, AgentConfig config, java.time.Clock clock, Supplier<String> secret) {
        this.authority = new TokenAuthority(registry, config.acl(), config.datacenter(), config::nodeName,
                clock, config::server);
        this.secret = requireNonNull(secret, "secret");
    }

    @Override
    public Authorizer get() {
        return of(secret.get());
    }

    /** What another secret may do (a prepared query's own token), on the same terms. */
    Authorizer of(String other) {
        try {
            return authority.resolve(other).authorizer();
        } catch (AclNotFoundException | NoLeaderException e) {
            return Authorizer.of(Authorizer.DefaultPolicy.DENY);
        }
    }
}
