package dev.signpost.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import dev.signpost.client.GoDuration;
import dev.signpost.core.acl.AclToken;

/**
 * A token's {@code ExpirationTTL} and {@code ExpirationTime} as Consul's TokenWriter checks them on create: a TTL
 * becomes an expiration time counted from the create time, and the token's life must lie between the configured
 * minimum and maximum; on update neither may change. Every refusal is Consul's 400 text. The time is fixed here,
 * before replication, so every replica stores the same instant. Pure.
 */
final class TokenExpiry {
    private final Duration min;
    private final Duration max;

    TokenExpiry(Duration min, Duration max) {
        this.min = requireNonNull(min, "min");
        this.max = requireNonNull(max, "max");
    }

    /** The expiration time (RFC 3339, "" for none) of a token created at {@code created} from this body. */
    String of(Body body, Instant created) {
        Duration ttl = ttl(body);
        Instant expires = time(body);
        if (ttl.isNegative()) {
            throw ApiException.badRequest("Token Expiration TTL '" + GoDuration.format(ttl) + "' should be > 0");
        }
        if (!ttl.isZero()) {
            if (expires != null) {
                throw ApiException.badRequest("Token Expiration TTL and Expiration Time cannot both be set");
            }
            expires = created.plus(ttl);
        }
        if (expires == null) {
            return "";
        }
        if (expires.isBefore(created)) {
            throw ApiException.badRequest("ExpirationTime cannot be before CreateTime");
        }
        Duration life = Duration.between(created, expires);
        if (life.compareTo(max) > 0) {
            throw ApiException.badRequest("ExpirationTime cannot be more than " + GoDuration.format(max)
                    + " in the future (was " + GoDuration.format(life) + ")");
        }
        if (life.compareTo(min) < 0) {
            throw ApiException.badRequest("ExpirationTime cannot be less than " + GoDuration.format(min)
                    + " in the future (was " + GoDuration.format(life) + ")");
        }
        return expires.toString();
    }

    /** An update keeps the token's expiration: Consul refuses one that names another. */
    static void requireUnchanged(Body body, AclToken old) {
        Instant asked = time(body);
        boolean changed = !ttl(body).isZero() || asked != null && (old.expirationTime().isEmpty()
                || !asked.equals(Instant.parse(old.expirationTime())));
        if (changed) {
            throw ApiException.badRequest("Cannot change expiration time of " + old.accessorId());
        }
    }

    private static Duration ttl(Body body) {
        String text = body.duration("ExpirationTTL");
        return text.isEmpty() ? Duration.ZERO : GoDuration.parse(text);
    }

    private static Instant time(Body body) {
        String text = body.text("ExpirationTime", "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Request decode failed: parsing time \"" + text
                    + "\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }
    }
}
