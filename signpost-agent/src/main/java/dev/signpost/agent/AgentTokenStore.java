package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AgentTokens;

/**
 * Consul's {@code acl-tokens.json} in the data dir ({@code acl.enable_token_persistence}): the tokens set through
 * {@code PUT /v1/agent/token/*}, written (owner-only, atomically) each time one is set and read back at start, where
 * they win over the config files' tokens as Consul's do. Keys are Consul's: {@code default}, {@code agent},
 * {@code agent_recovery} (and the legacy {@code agent_master} when read).
 */
final class AgentTokenStore {
    static final String FILE = "acl-tokens.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    AgentTokenStore(Path dataDir) {
        this.file = requireNonNull(dataDir, "dataDir").resolve(FILE);
    }

    /** Puts the persisted tokens into {@code tokens}; true when there was a file. */
    boolean load(AgentTokens tokens) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        JsonNode saved = JSON.readTree(file.toFile());
        text(saved, "default").ifPresent(tokens::setDefaultToken);
        text(saved, "agent").ifPresent(tokens::setAgentToken);
        text(saved, "agent_recovery").or(() -> text(saved, "agent_master")).ifPresent(tokens::setRecoveryToken);
        return true;
    }

    private static java.util.Optional<String> text(JsonNode node, String name) {
        return java.util.Optional.ofNullable(node.get(name)).map(JsonNode::asText).filter(t -> !t.isEmpty());
    }

    /** Writes the tokens as they are now; an I/O failure is an {@link UncheckedIOException}. */
    void save(AgentTokens tokens) {
        Map<String, String> saved = new LinkedHashMap<>();
        put(saved, "agent", tokens.agentTokenAsSet());
        put(saved, "agent_recovery", tokens.recoveryToken());
        put(saved, "default", tokens.defaultToken());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.write(temporary, JSON.writeValueAsBytes(saved));
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data dir's own permissions apply
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> saved, String key, String value) {
        if (!value.isEmpty()) {
            saved.put(key, value);
        }
    }
}
