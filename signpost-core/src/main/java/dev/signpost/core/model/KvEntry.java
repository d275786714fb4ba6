package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A key/value pair. The value is raw bytes (Consul stores anything up to 512 KiB); the array is never
 * shared with callers.
 */
public record KvEntry(String key, byte[] value, long flags, long lockIndex, String session,
                      long createIndex, long modifyIndex) {

    public KvEntry {
        requireNonNull(key, "key");
        value = requireNonNull(value, "value").clone();
        requireNonNull(session, "session");
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int size() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvEntry e && key.equals(e.key) && Arrays.equals(value, e.value) && flags == e.flags
                && lockIndex == e.lockIndex && session.equals(e.session) && createIndex == e.createIndex
                && modifyIndex == e.modifyIndex;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KvEntry[" + key + ", " + value.length + " bytes, flags=" + flags + ", modifyIndex=" + modifyIndex + "]";
    }
}
