package dev.signpost.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.Service;

/**
 * Saves the agent's own services and checks in {@code DATA_DIR/agent/services.json}, written atomically,
 * so an agent restarted with its data directory registers them again (Consul persists API
 * registrations the same way: hashicorp/consul#851). In -dev there is no directory and nothing is saved.
 */
final class ServiceStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Optional<Path> file;

    ServiceStore(Optional<Path> dataDir) {
        this.file = dataDir.map(d -> d.resolve("agent").resolve("services.json"));
    }

    record Saved(List<Service> services, List<Check> checks) {
        Saved {
            services = List.copyOf(services);
            checks = List.copyOf(checks);
        }
    }

    Saved load() {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return new Saved(List.of(), List.of());
        }
        try {
            return MAPPER.readValue(file.get().toFile(), Saved.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.get() + ": " + e.getMessage()
                    + " (move it away to start without the saved services)", e);
        }
    }

    void save(Saved saved) {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            MAPPER.writeValue(temp.toFile(), saved);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the agent's services to " + target + ": " + e.getMessage(), e);
        }
    }
}
