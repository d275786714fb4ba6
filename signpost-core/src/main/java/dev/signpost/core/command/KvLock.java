package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * {@code PUT /v1/kv/KEY?acquire=SESSION} or {@code ?release=SESSION}: sets the value and takes or gives up
 * the key's lock. The apply result is false when the lock is held by another session, the key is in its
 * lock delay at {@code nowMillis}, or (release) the session does not hold it.
 */
public record KvLock(String key, byte[] value, long flags, String session, boolean acquire, long nowMillis)
        implements Command {

    public KvLock {
        requireNonNull(key, "key");
        value = requireNonNull(value, "value").clone();
        requireNonNull(session, "session");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvLock l && key.equals(l.key) && Arrays.equals(value, l.value) && flags == l.flags
                && session.equals(l.session) && acquire == l.acquire && nowMillis == l.nowMillis;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + session.hashCode();
    }

    @Override
    public String toString() {
        return "KvLock[" + key + ", " + (acquire ? "acquire " : "release ") + session + ", " + value.length + " bytes]";
    }
}
