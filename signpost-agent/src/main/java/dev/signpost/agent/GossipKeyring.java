package dev.signpost.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This agent's gossip keys, as memberlist's keyring holds them: the first is the primary (it seals what this agent
 * sends), every one is tried on what it receives. Changes are written at once to the keyring file (Consul's
 * {@code serf/local.keyring} in the data dir: a JSON list of base64 keys, primary first, mode 0600), so a restarted
 * agent keeps the keys it was last given. Errors carry memberlist's and Go's words. Thread-safe.
 */
final class GossipKeyring {
    static final String FILE = "serf/local.keyring";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private List<String> keys; // base64, primary first

    private GossipKeyring(List<String> keys, Optional<Path> file) {
        this.keys = List.copyOf(keys);
        this.file = file;
    }

    /** A new keyring of one key, written to {@code file} when there is one (Consul's initKeyring). */
    static GossipKeyring create(String key, Optional<Path> file) throws IOException {
        validate(key);
        GossipKeyring keyring = new GossipKeyring(List.of(key), file);
        keyring.save();
        return keyring;
    }

    /**
     * The keyring an agent starts with (Consul's setupKeyrings): the keyring file in the data dir when there is one
     * (it holds what keyring operations last installed, so it wins over {@code -encrypt}, with Consul's warnings),
     * else a new keyring of the {@code -encrypt} key, written there; none without either.
     *
     * @param dataDir where the keyring file lives; empty for a keyring kept in memory
     */
    static Optional<GossipKeyring> open(Optional<String> encrypt, Optional<Path> dataDir,
                                        java.util.function.Consumer<String> warn) throws IOException {
        Optional<Path> file = dataDir.map(d -> d.resolve(FILE));
        if (file.isPresent() && Files.exists(file.get())) {
            GossipKeyring keyring = load(file.get());
            if (encrypt.isPresent()) {
                warn.accept("WARNING: LAN keyring exists but -encrypt given, using keyring");
                if (keyring.indexOf(encrypt.get()) < 0) {
                    warn.accept("keyring doesn't include key provided with -encrypt, using keyring: keyring=LAN");
                }
            }
            return Optional.of(keyring);
        }
        if (encrypt.isEmpty()) {
            return Optional.empty();
        }
        try {
            validate(encrypt.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid key: " + e.getMessage(), e);
        }
        return Optional.of(create(encrypt.get(), file));
    }

    /** The keyring a file holds (Consul's loadKeyringFile); refuses a file without keys. */
    static GossipKeyring load(Path file) throws IOException {
        String[] keys = JSON.readValue(file.toFile(), String[].class);
        if (keys.length == 0) {
            throw new IOException("no keys present in keyring: " + file);
        }
        for (String key : keys) {
            try {
                validate(key);
            } catch (IllegalArgumentException e) {
                throw new IOException("Invalid key in " + file + ": " + e.getMessage(), e);
            }
        }
        return new GossipKeyring(Arrays.asList(keys), Optional.of(file));
    }

    /** The key's bytes; "illegal base64 data at input byte N" or "key size must be 16, 24 or 32 bytes". */
    static byte[] validate(String key) {
        byte[] bytes = decode(key);
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("key size must be 16, 24 or 32 bytes");
        }
        return bytes;
    }

    /** Standard base64 with padding, refused with Go's encoding/base64 words. */
    static byte[] decode(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=';
            if (!alphabet) {
                throw new IllegalArgumentException("illegal base64 data at input byte " + i);
            }
        }
        if (key.length() % 4 != 0) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + (key.length() - key.length() % 4));
        }
        try {
            return Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            int pad = key.indexOf('=');
            throw new IllegalArgumentException("illegal base64 data at input byte " + Math.max(pad, 0), e);
        }
    }

    /** The keys, primary first, in base64. */
    synchronized List<String> keys() {
        return keys;
    }

    synchronized String primary() {
        return keys.get(0);
    }

    /** The keys' bytes, primary first, for opening messages. */
    synchronized List<byte[]> keyBytes() {
        return keys.stream().map(k -> Base64.getDecoder().decode(k)).toList();
    }

    synchronized byte[] primaryBytes() {
        return Base64.getDecoder().decode(keys.get(0));
    }

    /** Adds a key (the primary stays); installing a key already there changes nothing. */
    synchronized void install(String key) throws IOException {
        validate(key);
        if (indexOf(key) < 0) {
            List<String> next = new ArrayList<>(keys);
            next.add(key);
            keys = List.copyOf(next);
            save();
        }
    }

    /** Makes an installed key the primary. */
    synchronized void use(String key) throws IOException {
        validate(key);
        int at = indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("Requested key is not in the keyring");
        }
        List<String> next = new ArrayList<>(keys);
        next.add(0, next.remove(at));
        keys = List.copyOf(next);
        save();
    }

    /** Drops a key; the primary cannot be dropped, and dropping a key that is not there changes nothing. */
    synchronized void remove(String key) throws IOException {
        validate(key);
        int at = indexOf(key);
        if (at == 0) {
            throw new IllegalArgumentException("Removing the primary key is not allowed");
        }
        if (at > 0) {
            List<String> next = new ArrayList<>(keys);
            next.remove(at);
            keys = List.copyOf(next);
            save();
        }
    }

    /** Where a key is, comparing bytes (two spellings of one key are one key); -1 when absent. */
    private int indexOf(String key) {
        byte[] wanted = decode(key);
        for (int i = 0; i < keys.size(); i++) {
            if (Arrays.equals(wanted, Base64.getDecoder().decode(keys.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Writes the keyring file atomically, readable by its owner only (serf's writeKeyringFile). */
    private void save() throws IOException {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, JSON.writeValueAsBytes(keys));
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
