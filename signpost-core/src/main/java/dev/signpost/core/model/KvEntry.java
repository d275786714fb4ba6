package dev.signpost.core.model;

import static java.util.Objects.requireNonNull;

/** A key/value pair. The value is raw bytes (Consul stores anything up to 512 KiB). */
public record KvEntry(String key, Bytes value, long flags, long lockIndex, String session,
                      long createIndex, long modifyIndex) {

    public KvEntry {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(session, "session");
    }

    @Override
    public String toString() {
        return "KvEntry[" + key + ", " + value + ", flags=" + flags + ", modifyIndex=" + modifyIndex + "]";
    }
}
