package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One configuration source as Consul reads it: a {@code .json} or {@code .hcl} file (or any file when
 * {@code -config-format} says which), or an {@code -hcl} snippet from the command line, parsed into one
 * JSON tree so both formats are merged and checked alike.
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

    private static JsonNode hcl(String name, String text) {
        try {
            return tree(new HCLParser().parse(text));
        } catch (HCLParserException | IOException | RuntimeException e) {
            throw new Main.UsageException("failed to parse " + name + ": " + Main.oneLine(e));
        }
    }

    /** HCL's values as JSON: numbers that are whole become integers, as Consul's HCL decoder gives them. */
    private static JsonNode tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < Long.MAX_VALUE) {
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? NODES.numberNode(d.intValue())
                    : NODES.numberNode(d.longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return value == null ? NODES.nullNode() : NODES.textNode(value.toString());
    }
}
