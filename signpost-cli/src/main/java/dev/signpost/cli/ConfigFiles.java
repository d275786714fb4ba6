package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Consul's configuration sources merged as Consul merges them: files and directories in the order given
 * (a directory's {@code *.json} and {@code *.hcl} in lexical order, nothing below it), then {@code -hcl}
 * snippets. Later values win, lists are appended, objects are merged key by key, and a single
 * {@code service} or {@code check} joins {@code services} or {@code checks}. Keys are read by dotted path,
 * e.g. {@code ports.http}.
 */
final class ConfigFiles {
    private final ObjectNode merged = JsonNodeFactory.instance.objectNode();
    private final List<String> warnings = new ArrayList<>();

    /**
     * Reads config paths (files or directories) and {@code -hcl} snippets.
     *
     * @param format "json", "hcl", or "" to go by each file's extension
     */
    static ConfigFiles read(List<Path> paths, String format, List<String> hclSnippets) {
        if (!format.isEmpty() && !format.equals("json") && !format.equals("hcl")) {
            throw new Main.UsageException("config: -config-format must be either 'hcl' or 'json'");
        }
        ConfigFiles config = new ConfigFiles();
        for (Path path : paths) {
            for (Path file : config.filesOf(path, format)) {
                config.merge(ConfigSource.read(file, ConfigSource.formatOf(file, format)));
            }
        }
        for (int i = 0; i < hclSnippets.size(); i++) {
            config.merge(ConfigSource.parse("flags-" + i + ".hcl", hclSnippets.get(i), "hcl"));
        }
        return config;
    }

    private List<Path> filesOf(Path path, String format) {
        if (!Files.exists(path)) {
            throw new Main.UsageException("config: Open failed on " + path + ". open " + path
                    + ": no such file or directory");
        }
        List<Path> candidates;
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                candidates = entries.filter(p -> !Files.isDirectory(p)).sorted().toList();
            } catch (IOException e) {
                throw new Main.UsageException("config: Readdir failed on " + path + ". " + e.getMessage());
            }
        } else {
            candidates = List.of(path);
        }
        List<Path> out = new ArrayList<>();
        for (Path file : candidates) {
            if (ConfigSource.formatOf(file, format).isEmpty()) {
                warnings.add("skipping file " + file + ", extension must be .hcl or .json, or config format must be set");
            } else {
                out.add(file);
            }
        }
        return out;
    }

    private void merge(ConfigSource source) {
        ConfigSchema.Findings findings = ConfigSchema.check(source.root());
        if (!findings.errors().isEmpty()) {
            StringBuilder text = new StringBuilder("failed to parse " + source.name() + ": "
                    + findings.errors().size() + (findings.errors().size() == 1 ? " error" : " errors") + " occurred:");
            findings.errors().forEach(e -> text.append("\n\t* ").append(e));
            throw new Main.UsageException(text.append("\n").toString());
        }
        findings.accepted().forEach(key -> warnings.add("config key " + key + " (in " + source.name()
                + ") is Consul's but has no effect in Signpost yet; it is ignored"));
        ObjectNode root = source.root().deepCopy();
        single(root, "service", "services");
        single(root, "check", "checks");
        mergeInto(merged, root);
    }

    /** Consul's {@code service {...}} (one object, or repeated HCL blocks) joins the {@code services} list. */
    private static void single(ObjectNode root, String one, String many) {
        JsonNode value = root.remove(one);
        if (value == null) {
            return;
        }
        ArrayNode list = root.has(many) && root.get(many).isArray() ? (ArrayNode) root.get(many) : root.putArray(many);
        if (value.isArray()) {
            list.addAll((ArrayNode) value);
        } else {
            list.add(value);
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        for (Map.Entry<String, JsonNode> e : source.properties()) {
            JsonNode old = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (old instanceof ObjectNode oldObject && value instanceof ObjectNode newObject) {
                mergeInto(oldObject, newObject);
            } else if (old instanceof ArrayNode oldArray && value instanceof ArrayNode newArray) {
                oldArray.addAll(newArray);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    /** What reading the sources found worth a warning: skipped files, keys without effect. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Optional<JsonNode> node(String key) {
        JsonNode node = merged;
        for (String part : key.split("\\.")) {
            node = node.get(part);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    Optional<String> text(String key) {
        return node(key).map(v -> {
            if (!v.isTextual() && !v.isNumber()) {
                throw new Main.UsageException("config key " + key + " must be a string");
            }
            return v.asText();
        });
    }

    Optional<Boolean> bool(String key) {
        return node(key).map(v -> {
            if (!v.isBoolean()) {
                throw new Main.UsageException("config key " + key + " must be true or false");
            }
            return v.asBoolean();
        });
    }

    /** The first of {@code keys} that is set, as text: a key and then its older names. */
    Optional<String> firstText(String... keys) {
        return first(this::text, keys);
    }

    /** The first of {@code keys} that is set, as a boolean: a key and then its older names. */
    Optional<Boolean> firstBool(String... keys) {
        return first(this::bool, keys);
    }

    private static <T> Optional<T> first(Function<String, Optional<T>> read, String... keys) {
        for (String key : keys) {
            Optional<T> value = read.apply(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    Optional<Integer> integer(String key) {
        return node(key).map(v -> {
            if (!v.isInt()) {
                throw new Main.UsageException("config key " + key + " must be a whole number");
            }
            return v.asInt();
        });
    }

    List<String> strings(String key) {
        return node(key).map(v -> {
            if (v.isTextual()) {
                return List.of(v.asText());
            }
            if (!v.isArray()) {
                throw new Main.UsageException("config key " + key + " must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            v.forEach(item -> out.add(item.asText()));
            return out;
        }).orElse(List.of());
    }

    /** A map of strings such as {@code node_meta}; empty when absent. */
    Map<String, String> stringMap(String key) {
        return node(key).map(v -> {
            if (!v.isObject()) {
                throw new Main.UsageException("config key " + key + " must be an object of strings");
            }
            Map<String, String> out = new java.util.LinkedHashMap<>();
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }).orElse(Map.of());
    }

    /** The objects of a list such as {@code services}; empty when absent. */
    List<JsonNode> objects(String key) {
        return node(key).map(v -> {
            List<JsonNode> out = new ArrayList<>();
            v.forEach(out::add);
            return out;
        }).orElse(List.of());
    }
}
