package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.command.AclTokenDelete;

/**
 * Deletes ACL tokens past their ExpirationTime (Consul's leader reaps expired tokens). Only the leader decides,
 * against its own clock, and deletes through Raft; every agent already treats an expired token as unknown from
 * the moment it expires, so the reaping only cleans up. Called periodically from one thread; a failed round is
 * logged and the next one tries again.
 */
final class ExpiredTokenReaper {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredTokenReaper.class);

    private final Registry registry;
    private final Clock clock;

    ExpiredTokenReaper(Registry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One round; returns how many tokens were deleted. */
    int reap() {
        try {
            if (!registry.cluster().isLeader()) {
                return 0;
            }
            Instant now = clock.instant();
            List<String> expired = registry.read(Registry.ReadMode.STALE, s -> s.acl().tokens().value().stream()
                    .filter(t -> t.expiredAt(now)).map(AclToken::accessorId).toList());
            for (String accessor : expired) {
                registry.write(new AclTokenDelete(accessor));
                LOG.info("acl: deleted expired token {}", accessor);
            }
            return expired.size();
        } catch (RuntimeException e) {
            LOG.warn("acl: reaping expired tokens failed: {}; trying again", e.getMessage());
            return 0;
        }
    }
}
