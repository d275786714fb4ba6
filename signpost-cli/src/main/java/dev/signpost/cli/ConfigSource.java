package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.template.config.ConfigException;
import dev.signpost.template.config.ConfigValue;
import dev.signpost.template.config.Hcl;

/**
 * One configuration source as Consul reads it: a {@code .json} or {@code .hcl} file (or any file when
 * {@code -config-format} says which), or an {@code -hcl} snippet from the command line, parsed into one
 * JSON tree so both formats are merged and checked alike. HCL is HCL 1, as Consul's.
 *
 * @param name what error messages call it (the file's path, or {@code flags-0.hcl} for a snippet)
 */
record ConfigSource(String name, ObjectNode root) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The format a file is read in: the forced one, else its extension's, else none (skipped with a warning). */
    static String formatOf(Path file, String forced) {
        if (!forced.isEmpty()) {
            return forced;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? "json" : name.endsWith(".hcl") ? "hcl" : "";
    }

    static ConfigSource read(Path file, String format) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Main.UsageException("config: failed to read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text, format);
    }

    static ConfigSource parse(String name, String text, String format) {
        JsonNode root = format.equals("hcl") ? hcl(name, text) : json(name, text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigSource(name, NODES.objectNode());
        }
        if (!root.isObject()) {
            throw new Main.UsageException("failed to parse " + name + ": the top level must be an object");
        }
        return new ConfigSource(name, (ObjectNode) root);
    }

    private static JsonNode json(String name, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Main.UsageException("failed to parse " + name + ": line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    /** HCL 1, read by the same reader as consul-template's config files (Consul's config is HCL 1 too). */
    private static JsonNode hcl(String name, String text) {
        try {
            return tree(Hcl.parse(name, text));
        } catch (ConfigException e) {
            throw new Main.UsageException("failed to parse " + name + ": " + Main.oneLine(e));
        }
    }

    /** HCL as JSON: a key given several times (repeated {@code service} blocks) becomes a list, as in HCL 1. */
    private static JsonNode tree(ConfigValue value) {
        return switch (value) {
            case ConfigValue.ObjectValue object -> {
                ObjectNode node = NODES.objectNode();
                for (ConfigValue.Entry entry : object.entries()) {
                    JsonNode v = tree(entry.value());
                    JsonNode old = node.get(entry.key());
                    if (old == null) {
                        node.set(entry.key(), v);
                    } else if (old.isArray()) {
                        ((ArrayNode) old).addAll(v.isArray() ? (ArrayNode) v : NODES.arrayNode().add(v));
                    } else {
                        node.set(entry.key(), NODES.arrayNode().add(old).add(v));
                    }
                }
                yield node;
            }
            case ConfigValue.ListValue list -> {
                ArrayNode array = NODES.arrayNode();
                list.items().forEach(item -> array.add(tree(item)));
                yield array;
            }
            case ConfigValue.Scalar scalar -> switch (scalar.value()) {
                case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> NODES.numberNode(l.intValue());
                case Long l -> NODES.numberNode(l);
                case Double d -> NODES.numberNode(d);
                case Boolean b -> NODES.booleanNode(b);
                default -> NODES.textNode(scalar.value().toString());
            };
        };
    }
}
