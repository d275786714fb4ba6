package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.Acls;
import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AclTokenSet;

/**
 * Writes the configured {@code acl.tokens.initial_management} token once this server leads, if no token has that
 * secret yet (Consul's leader {@code initializeACLs}): a management token with the global-management policy, written
 * as the cluster's bootstrap when there has been none. Runs
 * on the leader only; a round that fails is logged and retried at the next.
 */
final class InitialManagementToken {
    private static final Logger LOG = LoggerFactory.getLogger(InitialManagementToken.class);

    private final Registry registry;
    private final String secret;
    private final Clock clock;
    private volatile boolean done;

    InitialManagementToken(Registry registry, String secret, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.secret = requireNonNull(secret, "secret");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One round: true once the token exists. */
    boolean ensure() {
        if (done || secret.isEmpty()) {
            return true;
        }
        try {
            if (!registry.cluster().isLeader()) {
                return false;
            }
            boolean exists = registry.read(Registry.ReadMode.STALE, s -> s.acl().tokenBySecret(secret).isPresent());
            if (!exists) {
                AclToken token = new AclToken(UUID.randomUUID().toString(), secret, "Initial Management Token",
                        List.of(Acls.GLOBAL_MANAGEMENT_ID), List.of(), List.of(), List.of(), false,
                        clock.instant().truncatedTo(ChronoUnit.MICROS).toString(), 0, 0);
                // As Consul's leader does: the configured token is the bootstrap while there has been none, so
                // /v1/acl/bootstrap then refuses; after a bootstrap it is one more token.
                boolean unbootstrapped = registry.read(Registry.ReadMode.STALE, s -> s.acl().bootstrapIndex() == 0);
                if (!unbootstrapped || !registry.write(new AclBootstrap(token)).result()) {
                    registry.write(new AclTokenSet(token));
                }
                LOG.info("acl: Created ACL 'initial_management' token from configuration");
            }
            done = true;
            return true;
        } catch (RuntimeException e) {
            LOG.warn("acl: creating the initial management token failed: {}; trying again", e.getMessage());
            return false;
        }
    }
}
