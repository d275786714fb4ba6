package dev.signpost.core.command;

import static java.util.Objects.requireNonNull;

/**
 * Sets a key. With {@code casIndex} >= 0 it is a check-and-set: 0 creates only, N replaces only the
 * entry whose ModifyIndex is N; the apply result says whether it was written.
 */
public record KvPut(String key, byte[] value, long flags, long casIndex) implements Command {
    public static final long NO_CAS = -1;

    public KvPut {
        requireNonNull(key, "key");
        value = requireNonNull(value, "value").clone();
    }

    public static KvPut set(String key, byte[] value, long flags) {
        return new KvPut(key, value, flags, NO_CAS);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvPut p && key.equals(p.key) && java.util.Arrays.equals(value, p.value)
                && flags == p.flags && casIndex == p.casIndex;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "KvPut[" + key + ", " + value.length + " bytes, flags=" + flags + ", cas=" + casIndex + "]";
    }
}
