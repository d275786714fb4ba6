package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Consul's JSON configuration files, merged in order (files as given, a directory's {@code *.json} in
 * lexical order; later values win). Keys are read by dotted path, e.g. {@code ports.http}.
 */
final class ConfigFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    static ConfigFiles read(List<Path> files, List<Path> dirs) {
        ConfigFiles config = new ConfigFiles();
        List<Path> all = new ArrayList<>(files);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new Main.UsageException("config dir " + dir + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(all::add);
            } catch (IOException e) {
                throw new Main.UsageException("cannot read config dir " + dir + ": " + e.getMessage());
            }
        }
        for (Path file : all) {
            config.merge(file);
        }
        return config;
    }

    private void merge(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new Main.UsageException("config file " + file + " line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Main.UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Main.UsageException("config file " + file + " must hold a JSON object");
        }
        flatten("", root);
    }

    private void flatten(String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue());
            } else {
                values.put(key, e.getValue());
            }
        }
    }

    Optional<String> text(String key) {
        JsonNode v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new Main.UsageException("config key " + key + " must be a string");
        }
        return Optional.of(v.asText());
    }

    Optional<Boolean> bool(String key) {
        JsonNode v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new Main.UsageException("config key " + key + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    Optional<Integer> integer(String key) {
        JsonNode v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isInt()) {
            throw new Main.UsageException("config key " + key + " must be a number");
        }
        return Optional.of(v.asInt());
    }

    List<String> strings(String key) {
        JsonNode v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new Main.UsageException("config key " + key + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> out.add(item.asText()));
        return out;
    }
}
