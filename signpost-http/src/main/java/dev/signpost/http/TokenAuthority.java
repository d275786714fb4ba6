package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.AclNotFoundException;
import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.DownPolicy;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.acl.Rule;
import dev.signpost.core.acl.Rules;
import dev.signpost.core.state.CatalogState;

/**
 * Turns the secret a request presents into a {@link Caller}. The secret comes from {@code ?token=}, else
 * {@code X-Consul-Token}, else {@code Authorization: Bearer}, else the agent's default token, else the anonymous
 * token (Consul's {@code parseToken} order). Tokens are resolved against this server's replicated state, so a
 * token written or deleted is seen here as soon as the write is applied here. A token past its ExpirationTime is
 * unknown ("ACL not found") from that moment, on every agent, before the leader deletes it. On a client agent cut
 * off from the leader for longer than {@code acl.token_ttl}, {@code acl.down_policy} decides (see
 * {@link DownPolicy}).
 *
 * <p>With ACLs disabled every caller may do everything. Thread-safe.
 */
public final class TokenAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthority.class);
    /** At most this many callers are kept resolved ({@link #find}). */
    private static final int RESOLVED_LIMIT = 4096;

    private final Registry registry;
    private final AclConfig config;
    private final String datacenter;
    private final Supplier<String> nodeName;
    private final Clock clock;
    private final BooleanSupplier server;
    /** Callers by secret, each valid for the ACL state's index it was resolved at. */
    private final Map<String, Caller> resolved = new ConcurrentHashMap<>();
    /** When this agent last knew it was in touch with the leader (clock millis). */
    private volatile long inTouchAt;
    private volatile boolean down;

    /** @param nodeName this agent's node name, which the agent recovery token may act as */
    public TokenAuthority(Registry registry, AclConfig config, String datacenter, Supplier<String> nodeName) {
        this(registry, config, datacenter, nodeName, Clock.systemUTC(), () -> true);
    }

    /**
     * @param clock what token expiry and leader contact are measured with
     * @param server whether this agent is a server (never down) or a client agent
     */
    public TokenAuthority(Registry registry, AclConfig config, String datacenter, Supplier<String> nodeName,
                          Clock clock, BooleanSupplier server) {
        this.registry = requireNonNull(registry, "registry");
        this.config = requireNonNull(config, "config");
        this.datacenter = requireNonNull(datacenter, "datacenter");
        this.nodeName = requireNonNull(nodeName, "nodeName");
        this.clock = requireNonNull(clock, "clock");
        this.server = requireNonNull(server, "server");
        this.inTouchAt = clock.millis();
    }

    /** ACLs off: everyone may do everything. */
    public static TokenAuthority disabled(Registry registry) {
        return new TokenAuthority(registry, AclConfig.disabled(), "", () -> "");
    }

    public AclConfig config() {
        return config;
    }

    /** The secret a request presents, or the agent's default token when it presents none. */
    public String secretOf(ApiRequest request) {
        Optional<String> secret = request.param("token").filter(t -> !t.isEmpty())
                .or(() -> request.header("X-Consul-Token").filter(t -> !t.isEmpty()))
                .or(() -> request.header("Authorization").flatMap(TokenAuthority::bearer));
        return secret.orElseGet(() -> config.tokens().defaultToken());
    }

    private static Optional<String> bearer(String header) {
        String[] parts = header.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") ? Optional.of(parts[1].trim())
                : Optional.empty();
    }

    /** Who sent a request; an unknown secret is {@link AclNotFoundException}. */
    public Caller caller(ApiRequest request) {
        if (!config.enabled()) {
            return Caller.UNRESTRICTED;
        }
        return resolve(secretOf(request));
    }

    /** The caller a secret makes ("" is the anonymous token). */
    public Caller resolve(String secret) {
        if (!config.enabled()) {
            return Caller.UNRESTRICTED;
        }
        String presented = secret.isEmpty() ? Acls.ANONYMOUS_SECRET : secret;
        String recovery = config.tokens().recoveryToken();
        if (!recovery.isEmpty() && recovery.equals(presented)) {
            // Consul's agent recovery token: this agent's own API and its node, nothing else.
            return new Caller(presented, Optional.empty(), Authorizer.of(List.of(new Rules(List.of(
                    Rule.exact(Resource.AGENT, nodeName.get(), Access.WRITE),
                    Rule.prefix(Resource.NODE, "", Access.READ)))), Authorizer.DefaultPolicy.DENY));
        }
        boolean cutOff = down();
        Optional<Caller> known = registry.read(Registry.ReadMode.STALE, state -> find(state, presented));
        if (known.isPresent()) {
            Caller caller = known.get();
            return cutOff ? config.down().instead().map(a -> new Caller(presented, caller.token(), a)).orElse(caller)
                    : caller;
        }
        if (!config.initialManagement().isEmpty() && config.initialManagement().equals(presented)) {
            // Written by the leader once it leads; until then the configured secret already manages.
            return new Caller(presented, Optional.empty(), Authorizer.of(Authorizer.DefaultPolicy.MANAGE));
        }
        if (cutOff) {
            // Nobody to ask whether the secret was written elsewhere a moment ago.
            return new Caller(presented, Optional.empty(), config.down().unknown());
        }
        // A secret this server does not know may have been written a moment ago through another server: look again
        // once this server has caught up with the leader (a DEFAULT read waits for that).
        return registry.read(Registry.ReadMode.DEFAULT, state -> find(state, presented))
                .orElseThrow(AclNotFoundException::new);
    }

    /**
     * The caller a secret names in this state. A token's rights only change when the ACL state's index moves, so the
     * caller (its authorizer above all, a quarter of what a catalog read with a token allocated) is kept per secret
     * for that index; expiry is looked at on every request.
     */
    private Optional<Caller> find(CatalogState state, String secret) {
        long index = state.acl().index();
        Caller kept = resolved.get(secret);
        if (kept != null && kept.rightsIndex() == index) {
            return kept.token().filter(token -> !token.expiredAt(clock.instant())).map(token -> kept);
        }
        Optional<Caller> found = state.acl().tokenBySecret(secret).filter(token -> !token.expiredAt(clock.instant()))
                .map(token -> new Caller(secret, Optional.of(token),
                        state.acl().authorizer(token, datacenter, config.defaultPolicy()), index));
        found.ifPresent(caller -> {
            if (resolved.size() >= RESOLVED_LIMIT) {
                resolved.clear(); // many secrets in turn: start again rather than grow
            }
            resolved.put(secret, caller);
        });
        return found;
    }

    /** Whether down_policy applies now: a client agent that has not heard from the leader for the token TTL. */
    private boolean down() {
        if (server.getAsBoolean()) {
            return false;
        }
        long now = clock.millis();
        Registry.ClusterView view = registry.cluster();
        if (view.knownLeader()) {
            inTouchAt = Math.max(inTouchAt, now - view.lastContactMillis());
        }
        boolean cutOff = DownPolicy.isDown(false, now - inTouchAt, config.tokenTtl().toMillis());
        if (cutOff != down) {
            down = cutOff;
            if (cutOff) {
                LOG.warn("agent.acl: no contact with the leader for {} ms (acl.token_ttl {} ms): down_policy \"{}\" "
                        + "applies to tokens until it is back", now - inTouchAt, config.tokenTtl().toMillis(),
                        config.downPolicy());
            } else {
                LOG.info("agent.acl: in touch with the leader again: tokens are resolved as usual");
            }
        }
        return cutOff;
    }
}
