package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RawApi;

/**
 * {@code intention create|get|delete|list|match|check}, as {@code consul intention} (command/intention): the same
 * flags, output lines and exit codes. {@code create} goes through the ID-based API as Consul's does; get and delete
 * take SRC DST or a legacy ID.
 */
@Command(name = "intention", description = "Creates, reads and checks service intentions.",
        subcommands = {IntentionCommand.Create.class, IntentionCommand.Get.class, IntentionCommand.Delete.class,
                IntentionCommand.ListCommand.class, IntentionCommand.Match.class, IntentionCommand.Check.class})
final class IntentionCommand extends ParentCommand {
    private static final String BASE = "/v1/connect/intentions";
    /** Go's time.RFC850 ("Monday, 02-Jan-06 15:04:05 MST"). */
    private static final DateTimeFormatter RFC850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz",
            Locale.US);

    /** api.Intention.String(): "web => db (allow)", or the count of L7 permissions. */
    static String describe(JsonNode ixn) {
        int permissions = ixn.path("Permissions").size();
        String detail = permissions == 0 ? ixn.path("Action").asText()
                : permissions == 1 ? "1 permission" : permissions + " permissions";
        return name(ixn, "Source") + " => " + name(ixn, "Destination") + " (" + detail + ")";
    }

    /** A side's name, with its namespace unless it is the default one (api.Intention.partString). */
    private static String name(JsonNode ixn, String side) {
        String ns = ixn.path(side + "NS").asText();
        String name = ixn.path(side + "Name").asText();
        return ns.isEmpty() || ns.equals("default") ? name : ns + "/" + name;
    }

    private static String exact(String source, String destination) {
        return BASE + "/exact?source=" + ApiCommand.encode(source) + "&destination=" + ApiCommand.encode(destination);
    }

    /** A call whose non-2xx answer is the Go client's error, except 404 which means "none". */
    private static JsonNode readOrNull(ApiCommand command, ConsulClient client, String path) throws IOException {
        RawApi.Response r = command.call(client, "GET", path, new byte[0]);
        return r.status() == 404 ? null : ApiCommand.JSON.readTree(r.body());
    }

    @Command(name = "create", description = "Creates intentions for service connections.")
    static final class Create extends ApiCommand {
        @Option(names = "-allow", arity = "0..1", description = "An intention that allows when matched (default).")
        boolean allow;
        @Option(names = "-deny", arity = "0..1", description = "An intention that denies when matched.")
        boolean deny;
        @Option(names = "-replace", arity = "0..1", description = "Replace a matching intention.")
        boolean replace;
        @Option(names = "-file", arity = "0..1", description = "Read intentions from the files named (- for stdin).")
        boolean file;
        @Option(names = "-meta", paramLabel = "KEY=VALUE", description = "Metadata; may be given several times.")
        Map<String, String> meta = new LinkedHashMap<>();
        @Parameters(arity = "0..*", paramLabel = "SRC DST | FILE...")
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error creating intention: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (allow && deny) {
                err().println("Only one of -allow or -deny may be specified.");
                return 1;
            }
            List<ObjectNode> ixns = new ArrayList<>();
            try {
                if (file) {
                    for (String path : args) {
                        ixns.add(fromFile(path));
                    }
                } else if (args.size() != 2) {
                    throw new IOException("Must specify two arguments: source and destination");
                } else {
                    ObjectNode ixn = JSON.createObjectNode().put("SourceName", args.get(0))
                            .put("DestinationName", args.get(1)).put("SourceType", "consul")
                            .put("Action", deny ? "deny" : "allow");
                    ixn.set("Meta", JSON.valueToTree(meta));
                    ixns.add(ixn);
                }
            } catch (IOException e) {
                err().println("Error: " + e.getMessage());
                return 1;
            }
            for (ObjectNode ixn : ixns) {
                if (!create(client, ixn)) {
                    return 1;
                }
            }
            return 0;
        }

        /** One intention: replaced when {@code -replace} finds it, else created; false after printing an error. */
        private boolean create(ConsulClient client, ObjectNode ixn) throws IOException {
            String source = name(ixn, "Source");
            String destination = name(ixn, "Destination");
            if (replace) {
                JsonNode old;
                try {
                    old = readOrNull(this, client, exact(source, destination));
                } catch (ConsulException e) {
                    err().println("Error looking up intention for replacement with source \"" + source
                            + "\" and destination \"" + destination + "\": " + goError(e));
                    return false;
                }
                if (old != null) {
                    String id = old.path("ID").asText();
                    ixn.put("ID", id);
                    try {
                        call(client, "PUT", BASE + "/" + id, JSON.writeValueAsBytes(ixn));
                        return true;
                    } catch (ConsulException e) {
                        err().println("Error replacing intention with source \"" + source + "\" and destination \""
                                + destination + "\": " + goError(e));
                        return false;
                    }
                }
            }
            try {
                call(client, "POST", BASE, JSON.writeValueAsBytes(ixn));
            } catch (ConsulException e) {
                err().println("Error creating intention \"" + describe(ixn) + "\": " + goError(e));
                return false;
            }
            out().println("Created: " + describe(ixn));
            return true;
        }

        /** An intention's JSON from a file ("-" is stdin); L7 permissions are refused as consul's CLI refuses them. */
        private ObjectNode fromFile(String path) throws IOException {
            JsonNode read;
            try {
                read = JSON.readTree(path.equals("-") ? System.in.readAllBytes()
                        : Files.readAllBytes(Path.of(path)));
            } catch (NoSuchFileException e) {
                throw new IOException("open " + path + ": no such file or directory");
            }
            if (!(read instanceof ObjectNode ixn)) {
                throw new IOException("json: cannot unmarshal " + read.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " into Go value of type api.Intention");
            }
            if (!ixn.path("Permissions").isEmpty()) {
                throw new IOException("cannot create L7 intention from file \"" + path
                        + "\" using this CLI; use 'consul config write' instead");
            }
            return ixn;
        }
    }

    @Command(name = "get", description = "Shows an intention.")
    static final class Get extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "SRC DST | ID")
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error reading the intention: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode ixn;
            if (args.size() == 1) {
                ixn = readOrNull(this, client, BASE + "/" + encode(args.getFirst()));
                if (ixn == null) {
                    err().println("Intention not found with ID \"" + args.getFirst() + "\"");
                    return 1;
                }
            } else if (args.size() == 2) {
                ixn = readOrNull(this, client, exact(args.get(0), args.get(1)));
                if (ixn == null) {
                    err().println("Intention not found with source \"" + args.get(0) + "\" and destination \""
                            + args.get(1) + "\"");
                    return 1;
                }
            } else {
                err().println("command requires exactly 1 or 2 arguments");
                return 1;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Source:", name(ixn, "Source")));
            rows.add(List.of("Destination:", name(ixn, "Destination")));
            if (!ixn.path("Action").asText().isEmpty()) {
                rows.add(List.of("Action:", ixn.path("Action").asText()));
            }
            if (!ixn.path("ID").asText().isEmpty()) {
                rows.add(List.of("ID:", ixn.path("ID").asText()));
            }
            if (!ixn.path("Description").asText().isEmpty()) {
                rows.add(List.of("Description:", ixn.path("Description").asText()));
            }
            Map<String, String> meta = new TreeMap<>();
            ixn.path("Meta").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
            meta.forEach((k, v) -> rows.add(List.of("Meta[" + k + "]:", v)));
            rows.add(List.of("Created At:", createdAt(ixn.path("CreatedAt").asText())));
            out().println(Columns.format(rows));
            if (!ixn.path("Permissions").isEmpty()) {
                String permissions = GoJson.TWO_SPACES.writeValueAsString(ixn.path("Permissions"));
                out().println("Permissions:\n" + permissions);
            }
            return 0;
        }

        /** CreatedAt in local time as Go's RFC850; a new-style intention has Go's zero time, which is UTC. */
        private static String createdAt(String rfc3339) {
            return rfc3339.isEmpty() ? RFC850.format(OffsetDateTime.parse("0001-01-01T00:00:00Z")
                    .atZoneSameInstant(ZoneId.of("UTC")))
                    : RFC850.format(OffsetDateTime.parse(rfc3339).atZoneSameInstant(ZoneId.systemDefault()));
        }
    }

    @Command(name = "delete", description = "Deletes an intention.")
    static final class Delete extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "SRC DST | ID")
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error deleting the intention: ";
        }

        @Override
        int run(ConsulClient client) {
            switch (args.size()) {
                case 1 -> call(client, "DELETE", BASE + "/" + encode(args.getFirst()), new byte[0]);
                case 2 -> call(client, "DELETE", exact(args.get(0), args.get(1)), new byte[0]);
                default -> {
                    err().println("command requires exactly 1 or 2 arguments");
                    return 1;
                }
            }
            out().println("Intention deleted.");
            return 0;
        }
    }

    @Command(name = "list", description = "Lists intentions.")
    static final class ListCommand extends ApiCommand {
        @Override
        String errorPrefix() {
            return "Failed to retrieve the intentions list: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode ixns = get(client, BASE);
            if (ixns.isEmpty()) {
                err().println("There are no intentions.");
                return 2;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "Source", "Action", "Destination", "Precedence"));
            for (JsonNode ixn : ixns) {
                rows.add(List.of(ixn.path("ID").asText(), ixn.path("SourceName").asText(),
                        ixn.path("Action").asText(), ixn.path("DestinationName").asText(),
                        ixn.path("Precedence").asText()));
            }
            out().println(Columns.format(rows));
            return 0;
        }
    }

    @Command(name = "match", description = "Shows the intentions that match a source or destination.")
    static final class Match extends ApiCommand {
        @Option(names = "-source", arity = "0..1", description = "Match intentions with the given source.")
        boolean source;
        @Option(names = "-destination", arity = "0..1", description = "Match intentions with the given destination.")
        boolean destination;
        @Parameters(arity = "0..*", paramLabel = "SRC|DST")
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error matching the connection: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (args.size() != 1) {
                err().println("Error: command requires exactly one argument: src or dst");
                return 1;
            }
            if (source && destination) {
                err().println("Error: only one of -source or -destination may be specified");
                return 1;
            }
            String name = args.getFirst();
            JsonNode matches = get(client, BASE + "/match?by=" + (source ? "source" : "destination") + "&name="
                    + encode(name));
            matches.path(name).forEach(ixn -> out().println(describe(ixn)));
            return 0;
        }
    }

    @Command(name = "check", description = "Checks whether a connection between two services is allowed.")
    static final class Check extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "SRC DST")
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error checking the connection: ";
        }

        /** Consul: 0 allowed, 1 denied, 2 for any error. */
        @Override
        int run(ConsulClient client) throws IOException {
            if (args.size() != 2) {
                err().println("Error: command requires exactly two arguments: src and dst");
                return 2;
            }
            JsonNode answer;
            try {
                RawApi.Response r = call(client, "GET", BASE + "/check?source=" + encode(args.get(0))
                        + "&destination=" + encode(args.get(1)), new byte[0]);
                answer = JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
            } catch (ConsulException e) {
                err().println(errorPrefix() + goError(e));
                return 2;
            }
            boolean allowed = answer.path("Allowed").asBoolean();
            out().println(allowed ? "Allowed" : "Denied");
            return allowed ? 0 : 1;
        }
    }
}
