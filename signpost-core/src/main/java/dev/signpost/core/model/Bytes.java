package dev.signpost.core.model;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable run of bytes, equal by content: a KV value. Records holding a {@code byte[]} needed a copy in
 * the constructor, a copy in the accessor and hand-written equals/hashCode (a record compares arrays by
 * identity); holding this instead, their generated members are right. The array is copied once on the way in
 * and never handed out: readers that only pass the bytes on use {@link #asInputStream} or {@link #toBase64}
 * and copy nothing.
 */
public final class Bytes {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}: later changes to the array do not show. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A fresh copy of the bytes, the caller's to change. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** The bytes as standard base64 (Consul's JSON form of a KV value). */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A stream over the bytes themselves, no copy. */
    public InputStream asInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length + " bytes";
    }
}
