package dev.signpost.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * A node's stable ID: given by flag, else read from {@code DATA_DIR/node-id}, else made and saved
 * there, so a restarted agent is the same node (Consul's node-id file; random, not derived from the
 * host, so containers on one host never collide: hashicorp/consul#2877).
 */
final class NodeIdentity {
    private NodeIdentity() {
    }

    static String nodeId(Optional<String> given, Optional<Path> dataDir) throws IOException {
        if (given.isPresent()) {
            return checked(given.get());
        }
        if (dataDir.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        Path file = dataDir.get().resolve("node-id");
        if (Files.exists(file)) {
            return checked(Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(dataDir.get());
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }

    private static String checked(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node ID \"" + id + "\" is not a UUID (e.g. " + UUID.randomUUID() + ")");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }
}
