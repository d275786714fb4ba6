package dev.signpost.core.acl;

import java.util.Optional;

/**
 * Consul's {@code acl.down_policy}: what an agent does with a token when it cannot check it with the servers.
 *
 * <p>In Signpost every agent resolves tokens against its own Raft replica. A server's replica is the ACL state
 * itself (as a Consul server's state store is), so a server is never "down". A client agent's replica stands in for
 * Consul's client-side token cache: while the client has heard from the leader within {@code acl.token_ttl}, its
 * replica is fresh and decides; past that, or with no leader known, the client is down and this policy decides:
 * <ul>
 *   <li>{@code allow}: everything is allowed;</li>
 *   <li>{@code deny}: everything is denied;</li>
 *   <li>{@code extend-cache} and {@code async-cache} (Consul's default): the replica's tokens keep working as they
 *       were last replicated; a secret the replica does not know is denied, as Consul denies a token it never
 *       cached. The two differ in Consul only in whether a refresh blocks; a replica is refreshed by replication
 *       either way.</li>
 * </ul>
 * Pure.
 */
public enum DownPolicy {
    ALLOW, DENY, EXTEND_CACHE, ASYNC_CACHE;

    /** The policy named as Consul names it; anything else is an {@link IllegalArgumentException}. */
    public static DownPolicy of(String name) {
        return switch (name) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            case "extend-cache" -> EXTEND_CACHE;
            case "async-cache" -> ASYNC_CACHE;
            default -> throw new IllegalArgumentException("acl.down_policy must be one of allow, deny, extend-cache"
                    + " or async-cache, not \"" + name + "\"");
        };
    }

    /** Whether an agent is down: a client out of touch with the leader for longer than the token TTL. */
    public static boolean isDown(boolean server, long millisSinceLeaderContact, long tokenTtlMillis) {
        return !server && millisSinceLeaderContact > tokenTtlMillis;
    }

    /** While down, for a token the replica knows: the authorizer to use instead of the token's, if any. */
    public Optional<Authorizer> instead() {
        return switch (this) {
            case ALLOW -> Optional.of(Authorizer.of(Authorizer.DefaultPolicy.MANAGE));
            case DENY -> Optional.of(Authorizer.of(Authorizer.DefaultPolicy.DENY));
            case EXTEND_CACHE, ASYNC_CACHE -> Optional.empty();
        };
    }

    /** While down, for a secret the replica does not know. */
    public Authorizer unknown() {
        return this == ALLOW ? Authorizer.of(Authorizer.DefaultPolicy.MANAGE)
                : Authorizer.of(Authorizer.DefaultPolicy.DENY);
    }
}
