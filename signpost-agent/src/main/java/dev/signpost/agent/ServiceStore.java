package dev.signpost.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.Service;

/**
 * Saves the agent's own services and checks under {@code DATA_DIR/agent/}, one file per service in
 * {@code services/} and one per check in {@code checks/}, each named by a hash of its ID and written
 * atomically, so an agent restarted with its data directory registers them again (Consul persists API
 * registrations the same way: hashicorp/consul#851). A change costs one small file, however many
 * services the agent holds. In -dev there is no directory and nothing is saved.
 *
 * <p>Not thread-safe: the caller serializes changes.
 */
final class ServiceStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Looking a digest up costs more than hashing an ID: copies of one are used. */
    private static final MessageDigest SHA256 = sha256();

    private final Optional<Path> services;
    private boolean directoriesMade;
    private final Optional<Path> checks;

    ServiceStore(Optional<Path> dataDir) {
        this.services = dataDir.map(d -> d.resolve("agent").resolve("services"));
        this.checks = dataDir.map(d -> d.resolve("agent").resolve("checks"));
    }

    record Saved(List<Service> services, List<Check> checks) {
        Saved {
            services = List.copyOf(services);
            checks = List.copyOf(checks);
        }
    }

    Saved load() {
        return new Saved(loadAll(services, Service.class), loadAll(checks, Check.class));
    }

    void saveService(Service service) {
        write(services, service.id(), service);
    }

    void removeService(String id) {
        delete(services, id);
    }

    void saveCheck(Check check) {
        write(checks, check.checkId(), check);
    }

    void removeCheck(String id) {
        delete(checks, id);
    }

    private static <T> List<T> loadAll(Optional<Path> dir, Class<T> type) {
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        List<T> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.get())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    all.add(MAPPER.readValue(file.toFile(), type));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage()
                            + " (move it away to start without it)", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.get() + ": " + e.getMessage(), e);
        }
        return all;
    }

    private void write(Optional<Path> dir, String id, Object value) {
        if (dir.isEmpty()) {
            return;
        }
        Path target = fileOf(dir.get(), id);
        try {
            if (!directoriesMade) {
                Files.createDirectories(services.orElseThrow());
                Files.createDirectories(checks.orElseThrow());
                directoriesMade = true;
            }
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            MAPPER.writeValue(temp.toFile(), value);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save '" + id + "' to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Optional<Path> dir, String id) {
        if (dir.isEmpty()) {
            return;
        }
        Path target = fileOf(dir.get(), id);
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + target + ": " + e.getMessage(), e);
        }
    }

    /** IDs may hold any character; file names are a hash of the ID, as Consul names them. */
    private static Path fileOf(Path dir, String id) {
        try {
            byte[] hash = ((MessageDigest) SHA256.clone()).digest(id.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
