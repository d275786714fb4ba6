package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import dev.signpost.core.model.Bytes;

/**
 * {@code PUT /v1/kv/KEY?acquire=SESSION} or {@code ?release=SESSION}: sets the value and takes or gives up
 * the key's lock. The apply result is false when the lock is held by another session, the key is in its
 * lock delay at {@code nowMillis}, or (release) the session does not hold it.
 */
public record KvLock(String key, Bytes value, long flags, String session, boolean acquire, long nowMillis)
        implements Command {

    public KvLock {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(session, "session");
    }

    @Override
    public String toString() {
        return "KvLock[" + key + ", " + (acquire ? "acquire " : "release ") + session + ", " + value + "]";
    }
}
