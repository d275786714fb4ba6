package dev.signpost.template.dependency;

import dev.signpost.template.lang.GoRecord;

import static java.util.Objects.requireNonNull;

/**
 * A key/value entry as {@code ls} and {@code tree} return it ({@code *dependency.KeyPair}): {@code .Path} is the full
 * key, {@code .Key} the part after the queried prefix, {@code .Value} the value as a string. Immutable.
 */
public record KeyPair(String path, String key, String value, long createIndex, long modifyIndex, long lockIndex,
                      long flags, String session) implements GoRecord<KeyPair> {

    private static final Fields<KeyPair> GO = Fields.<KeyPair>struct("*dependency.KeyPair")
            .field("Path", KeyPair::path)
            .field("Key", KeyPair::key)
            .field("Value", KeyPair::value)
            .field("CreateIndex", KeyPair::createIndex)
            .field("ModifyIndex", KeyPair::modifyIndex)
            .field("LockIndex", KeyPair::lockIndex)
            .field("Flags", KeyPair::flags)
            .field("Session", KeyPair::session)
            .build();

    public KeyPair {
        requireNonNull(path, "path");
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        requireNonNull(session, "session");
    }

    /** A pair with only a full key and a value, as tests and simple data sources need. */
    public static KeyPair of(String path, String value) {
        return new KeyPair(path, path, value, 0, 0, 0, 0, "");
    }

    /** This pair with Key made relative to prefix, as consul-template's kv.list does. */
    public KeyPair relativeTo(String prefix) {
        String k = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        int i = 0;
        while (i < k.length() && k.charAt(i) == '/') {
            i++;
        }
        return new KeyPair(path, k.substring(i), value, createIndex, modifyIndex, lockIndex, flags, session);
    }

    /** This pair with another Key, as byKey's nested maps need. */
    public KeyPair withKey(String newKey) {
        return new KeyPair(path, newKey, value, createIndex, modifyIndex, lockIndex, flags, session);
    }

    @Override
    public Fields<KeyPair> goFields() {
        return GO;
    }
}
