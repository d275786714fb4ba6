package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.RawApi;

/**
 * {@code kv export} and {@code kv import}, as {@code consul}'s: a tree as a JSON array of {@code key}, {@code flags}
 * and base64 {@code value}, printed with tabs as Go indents it, and written back one key at a time (under
 * {@code -prefix}, joined and cleaned as Go's {@code path.Join} does).
 */
final class KvTransferCommands {
    private KvTransferCommands() {
    }

    @Command(name = "export", description = "Prints every key under PREFIX (all keys without one) as JSON, for kv import.")
    static final class Export extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "PREFIX")
        List<String> args = List.of();
        @Option(names = "-stale", arity = "0..1", description = "Let any server answer, not only the leader.")
        boolean stale;

        @Override
        String errorPrefix() {
            return "Error querying Consul agent: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (args.size() > 1) {
                err().println("Too many arguments (expected 1, got " + args.size() + ")");
                return 1;
            }
            String prefix = args.isEmpty() ? "" : args.get(0);
            prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
            RawApi.Response r = call(client, "GET", "/v1/kv/" + encode(prefix) + "?recurse" + (stale ? "&stale" : ""),
                    new byte[0]);
            JsonNode pairs = r.status() == 404 ? JSON.createArrayNode() : JSON.readTree(r.body());
            out().println(exported(pairs));
            return 0;
        }
    }

    /** What {@code kv export} prints for the KV API's entries. */
    static String exported(JsonNode pairs) throws JsonProcessingException {
        ArrayNode entries = ApiCommand.JSON.createArrayNode();
        for (JsonNode pair : pairs) {
            ObjectNode entry = entries.addObject();
            entry.put("key", pair.path("Key").asText());
            entry.put("flags", pair.path("Flags").asLong());
            entry.put("value", pair.path("Value").isNull() ? "" : pair.path("Value").asText());
        }
        return GoJson.TABS.writeValueAsString(entries);
    }

    @Command(name = "import", description = "Writes the keys of kv export's JSON (DATA, \"@FILE\" or \"-\" for stdin).")
    static final class Import extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "DATA")
        List<String> args = List.of();
        @Option(names = "-prefix", paramLabel = "PREFIX", description = "Key prefix for imported data.")
        String prefix = "";

        private String key = "";

        @Override
        String errorPrefix() {
            return "Error! Failed writing data for key " + key + ": ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            String data;
            try {
                data = data(args);
            } catch (IllegalArgumentException e) {
                err().println("Error! " + e.getMessage());
                return 1;
            }
            List<Entry> entries;
            try {
                entries = entries(data);
            } catch (IllegalArgumentException e) {
                err().println("Cannot unmarshal data: " + e.getMessage());
                return 1;
            }
            for (Entry entry : entries) {
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(entry.value());
                } catch (IllegalArgumentException e) {
                    err().println("Error base 64 decoding value for key " + entry.key() + ": " + base64Error(entry.value()));
                    return 1;
                }
                key = importedKey(prefix, entry.key());
                call(client, "PUT", "/v1/kv/" + encode(key) + (entry.flags() != 0 ? "?flags=" + entry.flags() : ""),
                        value);
                out().println("Imported: " + key);
            }
            return 0;
        }
    }

    /** One exported key; Go matches the field names without regard to case. */
    record Entry(String key, long flags, String value) {
    }

    /** DATA as consul reads it: "@file", "-" for stdin, else the JSON itself. */
    static String data(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("Missing DATA argument");
        }
        if (args.size() > 1) {
            throw new IllegalArgumentException("Too many arguments (expected 1, got " + args.size() + ")");
        }
        String data = args.get(0);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("Empty DATA argument");
        }
        if (data.startsWith("@")) {
            Path file = Path.of(data.substring(1));
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("Failed to read file: open " + file + ": no such file or directory");
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException("Failed to read file: open " + file + ": permission denied");
            } catch (IOException e) {
                throw new IllegalArgumentException("Failed to read file: " + e.getMessage());
            }
        }
        if (data.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The entries of kv export's JSON; {@code null} is none, as in Go. */
    static List<Entry> entries(String data) {
        JsonNode root;
        try {
            root = ApiCommand.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        if (root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("json: cannot unmarshal " + goKind(root)
                    + " into Go value of type []*impexp.Entry");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : root) {
            if (item.isNull()) {
                entries.add(new Entry("", 0, ""));
                continue;
            }
            if (!item.isObject()) {
                throw new IllegalArgumentException("json: cannot unmarshal " + goKind(item)
                        + " into Go value of type impexp.Entry");
            }
            JsonNode key = field(item, "key");
            JsonNode flags = field(item, "flags");
            JsonNode value = field(item, "value");
            requireKind(key, JsonNode::isTextual, "Entry.key", "string");
            requireKind(value, JsonNode::isTextual, "Entry.value", "string");
            requireKind(flags, f -> f.isIntegralNumber() && f.canConvertToLong() && f.asLong() >= 0, "Entry.flags",
                    "uint64");
            entries.add(new Entry(key.asText(""), flags.asLong(0), value.asText("")));
        }
        return entries;
    }

    private static void requireKind(JsonNode node, java.util.function.Predicate<JsonNode> ok, String field,
                                    String type) {
        if (!node.isMissingNode() && !node.isNull() && !ok.test(node)) {
            // Go names a number's digits only where a number was wanted (a negative or fractional flags).
            String kind = node.isNumber() && type.equals("uint64") ? "number " + node.asText() : goKind(node);
            throw new IllegalArgumentException("json: cannot unmarshal " + kind + " into Go struct field " + field
                    + " of type " + type);
        }
    }

    /** The field named so, any case, the last one if several (as encoding/json). */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                found = f.getValue();
            }
        }
        return found;
    }

    private static String goKind(JsonNode node) {
        return node.isObject() ? "object" : node.isArray() ? "array" : node.isTextual() ? "string"
                : node.isBoolean() ? "bool" : "number";
    }

    /** Go's base64 error names the first byte that is not in the alphabet. */
    private static String base64Error(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!alphabet) {
                return "illegal base64 data at input byte " + i;
            }
        }
        return "illegal base64 data at input byte " + value.strip().length();
    }

    /** {@code path.Join(prefix, key)}, with a key's trailing "/" (a folder) kept, as consul kv import writes it. */
    static String importedKey(String prefix, String key) {
        String joined = goJoin(prefix, key);
        return key.endsWith("/") ? joined + "/" : joined;
    }

    /** Go's {@code path.Join}: the non-empty elements joined by "/" and cleaned; "" when all are empty. */
    static String goJoin(String... elements) {
        List<String> parts = new ArrayList<>();
        for (String e : elements) {
            if (!e.isEmpty()) {
                parts.add(e);
            }
        }
        return parts.isEmpty() ? "" : goClean(String.join("/", parts));
    }

    /** Go's {@code path.Clean}: no empty or "." elements, ".." resolved, no trailing "/"; "." when nothing is left. */
    static String goClean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> kept = new ArrayDeque<>();
        for (String element : path.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (!kept.isEmpty() && !kept.peekLast().equals("..")) {
                    kept.removeLast();
                } else if (!rooted) {
                    kept.addLast("..");
                }
                continue;
            }
            kept.addLast(element);
        }
        String cleaned = (rooted ? "/" : "") + String.join("/", kept);
        return cleaned.isEmpty() ? "." : cleaned;
    }
}
