package dev.signpost.core.command;

/**
 * Forgets the tombstones of keys deleted at or before a Raft index (Consul's tombstone reap). The leader
 * writes it once deletes are older than the tombstone TTL, so deleted keys do not accumulate for ever.
 */
public record KvReapTombstones(long upToIndex) implements Command {
}
