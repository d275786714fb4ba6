package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope of one LAN message: AES-GCM (the JDK's {@code AES/GCM/NoPadding}) with a fresh 96-bit nonce per
 * message and a 128-bit tag. Laid out as {@code [version 1][nonce 12 bytes][ciphertext and tag]}; the message's
 * purpose (its path, and whether it is a request or a reply) is the associated data, so a sealed hello cannot be
 * replayed as a leave or reflected back as a reply. The key's size (16, 24 or 32 bytes) picks AES-128, -192 or -256,
 * as memberlist's does. Stateless and thread-safe; the random source comes from outside.
 */
final class GossipCipher {
    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random;

    GossipCipher(SecureRandom random) {
        this.random = requireNonNull(random, "random");
    }

    /** A message and the key that opened it. */
    record Opened(byte[] plain, byte[] key) {
    }

    /** Thrown when no installed key opens a message (wrong key, tampered or not an envelope). */
    static final class NoKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        NoKeyException(String message) {
            super(message);
        }
    }

    /** Seals {@code plain} with {@code key}, binding it to {@code purpose}. */
    byte[] seal(byte[] key, String purpose, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            // AES-GCM is in every JDK (a required algorithm) and the key was checked when installed.
            throw new IllegalStateException("AES-GCM refused a key of " + key.length + " bytes: " + e.getMessage(), e);
        }
    }

    /** Opens a sealed message with the first of {@code keys} that authenticates it (memberlist's decryptPayload). */
    Opened open(List<byte[]> keys, String purpose, byte[] sealed) throws NoKeyException {
        if (keys.isEmpty()) {
            throw new NoKeyException("no installed keys");
        }
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new NoKeyException("not an encrypted message of version " + VERSION);
        }
        for (byte[] key : keys) {
            Optional<byte[]> plain = tryOpen(key, purpose, sealed);
            if (plain.isPresent()) {
                return new Opened(plain.get(), key);
            }
        }
        throw new NoKeyException("No installed keys could decrypt the message");
    }

    private static Optional<byte[]> tryOpen(byte[] key, String purpose, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused a key of " + key.length + " bytes: " + e.getMessage(), e);
        }
    }
}
