package dev.signpost.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A key/value entry; {@code Value} travels base64-encoded and a JSON null value reads as empty bytes. */
public record KvPair(
        @JsonProperty("LockIndex") long lockIndex,
        @JsonProperty("Key") String key,
        @JsonProperty("Flags") long flags,
        @JsonProperty("Value") byte[] value,
        @JsonProperty("Session") String session,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public KvPair {
        key = Wire.str(key);
        value = value == null ? new byte[0] : value.clone();
        session = Wire.str(session);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as UTF-8 text. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvPair p && lockIndex == p.lockIndex && flags == p.flags && createIndex == p.createIndex
                && modifyIndex == p.modifyIndex && key.equals(p.key) && session.equals(p.session)
                && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, modifyIndex, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "KvPair[key=" + key + ", flags=" + flags + ", value=" + valueAsString() + ", modifyIndex="
                + modifyIndex + "]";
    }
}
