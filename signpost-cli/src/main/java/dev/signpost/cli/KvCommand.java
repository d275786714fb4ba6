package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.RawApi;

/** {@code kv get|put|delete|export|import}, as {@code consul kv}. */
@Command(name = "kv", description = "Reads and writes the key/value store.",
        subcommands = {KvCommand.Get.class, KvCommand.Put.class, KvCommand.Delete.class,
                KvTransferCommands.Export.class, KvTransferCommands.Import.class})
final class KvCommand extends ParentCommand {

    @Command(name = "get", description = "Prints the value of KEY (or of every key under it with -recurse).")
    static final class Get extends ApiCommand {
        @Parameters(arity = "0..1", paramLabel = "KEY")
        String key = "";
        @Option(names = "-recurse", arity = "0..1") boolean recurse;
        @Option(names = "-keys", arity = "0..1") boolean keys;
        @Option(names = "-detailed", arity = "0..1") boolean detailed;
        @Option(names = "-base64", arity = "0..1") boolean base64;
        @Option(names = "-separator", paramLabel = "SEP") String separator = "/";

        @Override
        String errorPrefix() {
            return "Error querying Consul agent: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            String k = key.startsWith("/") ? key.substring(1) : key;
            if (keys) {
                RawApi.Response r = call(client, "GET", "/v1/kv/" + encode(k) + "?keys&separator="
                        + encode(separator), new byte[0]);
                if (r.status() != 404) {
                    JSON.readTree(r.body()).forEach(name -> out().println(name.asText()));
                }
                return 0;
            }
            if (k.isEmpty() && !recurse) {
                err().println("Error! Missing KEY argument");
                return 1;
            }
            RawApi.Response r = call(client, "GET", "/v1/kv/" + encode(k) + (recurse ? "?recurse" : ""), new byte[0]);
            if (r.status() == 404) {
                if (recurse) {
                    return 0;
                }
                err().println("Error! No key exists at: " + k);
                return 1;
            }
            JsonNode entries = JSON.readTree(r.body());
            boolean first = true;
            for (JsonNode e : entries) {
                if (detailed) {
                    if (!first) {
                        out().println();
                    }
                    out().print(details(e));
                } else if (recurse) {
                    out().println(e.get("Key").asText() + ":" + value(e));
                } else {
                    out().println(value(e));
                }
                first = false;
            }
            return 0;
        }

        private String value(JsonNode e) {
            byte[] raw = e.get("Value").isNull() ? new byte[0] : Base64.getDecoder().decode(e.get("Value").asText());
            return base64 ? Base64.getEncoder().encodeToString(raw) : new String(raw, StandardCharsets.UTF_8);
        }

        private String details(JsonNode e) {
            String session = e.path("Session").asText("");
            return Columns.pairs(List.of(List.of("CreateIndex", e.get("CreateIndex").asText()),
                    List.of("Flags", e.get("Flags").asText()), List.of("Key", e.get("Key").asText()),
                    List.of("LockIndex", e.get("LockIndex").asText()),
                    List.of("ModifyIndex", e.get("ModifyIndex").asText()),
                    List.of("Session", session.isEmpty() ? "-" : session), List.of("Value", value(e))));
        }
    }

    @Command(name = "put", description = "Writes DATA (\"-\": stdin, \"@FILE\": a file) to KEY.")
    static final class Put extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "KEY [DATA]")
        List<String> args = List.of();
        @Option(names = "-cas", arity = "0..1") boolean cas;
        @Option(names = "-modify-index", paramLabel = "INDEX") long modifyIndex;
        @Option(names = "-flags", paramLabel = "FLAGS") long flags;
        @Option(names = "-base64", arity = "0..1") boolean base64;
        @Option(names = "-session", paramLabel = "ID") String session = "";
        @Option(names = "-acquire", arity = "0..1") boolean acquire;
        @Option(names = "-release", arity = "0..1") boolean release;

        @Override
        String errorPrefix() {
            return cas ? "Error! Did not write to " + (args.isEmpty() ? "" : args.get(0)) + ": "
                    : "Error! Failed writing data: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (args.isEmpty() || args.size() > 2) {
                err().println(args.isEmpty() ? "Error! Missing KEY argument"
                        : "Error! Too many arguments (expected 1 or 2, got " + args.size() + ")");
                return 1;
            }
            String key = args.get(0);
            byte[] data;
            try {
                data = args.size() < 2 ? new byte[0] : data(args.get(1));
            } catch (IOException e) {
                err().println("Error! Failed to read file: " + e.getMessage());
                return 1;
            }
            if (base64) {
                try {
                    data = Base64.getDecoder().decode(new String(data, StandardCharsets.UTF_8).strip());
                } catch (IllegalArgumentException e) {
                    err().println("Error! Cannot base 64 decode data: " + e.getMessage());
                    return 1;
                }
            }
            if ((acquire || release) && session.isEmpty()) {
                err().println("Error! Missing -session (required with -acquire and -release)");
                return 1;
            }
            if (cas && modifyIndex == 0) {
                err().println("Must specify -modify-index with -cas!");
                return 1;
            }
            String query = "?flags=" + flags + (cas ? "&cas=" + modifyIndex : acquire ? "&acquire=" + encode(session)
                    : release ? "&release=" + encode(session) : "");
            RawApi.Response r = call(client, "PUT", "/v1/kv/" + encode(key.startsWith("/") ? key.substring(1) : key)
                    + query, data);
            boolean ok = new String(r.body(), StandardCharsets.UTF_8).strip().equals("true");
            if ((cas || acquire || release) && !ok) {
                err().println(cas ? "Error! Did not write to " + key + ": CAS failed"
                        : acquire ? "Error! Did not acquire lock" : "Error! Did not release lock");
                return 1;
            }
            out().println(acquire ? "Success! Lock acquired on: " + key : release ? "Success! Lock released on: " + key
                    : "Success! Data written to: " + key);
            return 0;
        }

        private static byte[] data(String arg) throws IOException {
            if (arg.equals("-")) {
                return System.in.readAllBytes();
            }
            if (arg.startsWith("@")) {
                return Files.readAllBytes(Path.of(arg.substring(1)));
            }
            return arg.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Command(name = "delete", description = "Deletes KEY (or every key under it with -recurse).")
    static final class Delete extends ApiCommand {
        @Parameters(arity = "0..1", paramLabel = "KEY")
        String key = "";
        @Option(names = "-recurse", arity = "0..1") boolean recurse;
        @Option(names = "-cas", arity = "0..1") boolean cas;
        @Option(names = "-modify-index", paramLabel = "INDEX") long modifyIndex;

        @Override
        String errorPrefix() {
            return "Error! Did not delete key " + key + ": ";
        }

        @Override
        int run(ConsulClient client) {
            String k = key.startsWith("/") ? key.substring(1) : key;
            if (k.isEmpty() && !recurse) {
                err().println("Error! Missing KEY argument");
                return 1;
            }
            if (cas && recurse) {
                err().println("Cannot specify both -cas and -recurse!");
                return 1;
            }
            if (cas && modifyIndex == 0) {
                err().println("Must specify -modify-index with -cas!");
                return 1;
            }
            String query = recurse ? "?recurse" : cas ? "?cas=" + modifyIndex : "";
            RawApi.Response r = call(client, "DELETE", "/v1/kv/" + encode(k) + query, new byte[0]);
            if (cas && !new String(r.body(), StandardCharsets.UTF_8).strip().equals("true")) {
                err().println("Error! Did not delete key " + k + ": CAS failed");
                return 1;
            }
            out().println(recurse ? "Success! Deleted keys with prefix: " + k : "Success! Deleted key: " + k);
            return 0;
        }
    }
}
