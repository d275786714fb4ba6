package dev.signpost.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.signpost.client.GoDuration;
import dev.signpost.core.Registry.ReadMode;

/**
 * The read parameters every catalog, health and KV read takes, checked as Consul checks them
 * (agent/http.go parseConsistency, parseWait): {@code stale}, {@code consistent}, {@code index},
 * {@code wait}, and the {@code dc} they are for ({@link DatacenterRouter} has already refused any other
 * datacenter).
 *
 * @param maxWait how long a blocking query may wait, already capped and with Consul's jitter added
 */
record QueryOptions(ReadMode mode, long index, Duration maxWait, String datacenter) {

    static QueryOptions parse(ApiRequest request, String localDatacenter) {
        boolean stale = request.has("stale");
        boolean consistent = request.has("consistent");
        if (stale && consistent) {
            throw ApiException.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        ReadMode mode = stale ? ReadMode.STALE : consistent ? ReadMode.CONSISTENT : ReadMode.DEFAULT;
        long index = request.unsigned("index", 0, "Invalid index");
        Duration wait = BlockingQuery.DEFAULT_WAIT;
        String waitText = request.param("wait").orElse("");
        if (!waitText.isEmpty()) {
            wait = parseWait(waitText);
            if (wait.isZero()) {
                wait = BlockingQuery.DEFAULT_WAIT;
            }
        }
        if (wait.compareTo(BlockingQuery.MAX_WAIT) > 0) {
            wait = BlockingQuery.MAX_WAIT;
        }
        // Consul adds up to wait/16 so that many watchers of one change do not all return at once.
        long jitter = wait.toNanos() / 16;
        if (jitter > 0) {
            wait = wait.plusNanos(ThreadLocalRandom.current().nextLong(jitter));
        }
        // An unknown ?dc= never gets here: DatacenterRouter answers it before any endpoint runs.
        String dc = request.param("dc").orElse("");
        return new QueryOptions(mode, index, wait, dc.isEmpty() ? localDatacenter : dc);
    }

    String effectiveConsistency() {
        return switch (mode) {
            case DEFAULT -> "leader";
            case STALE -> "stale";
            case CONSISTENT -> "consistent";
        };
    }

    /** A {@code ?wait=} value, refused as Consul's {@code parseWait} refuses it. */
    static Duration parseWait(String text) {
        Duration wait;
        try {
            wait = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid wait time");
        }
        if (wait.isNegative()) {
            throw ApiException.badRequest("Invalid wait time");
        }
        return wait;
    }
}
