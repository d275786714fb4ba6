package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.GoDuration;
import dev.signpost.client.RawApi;

/**
 * {@code acl bootstrap}, {@code acl token create|list|read|delete} (update and clone: {@link AclTokenEditCommands}),
 * {@code acl policy create|list|read|delete} and {@code acl role ...} ({@link AclRoleCommand}).
 */
@Command(name = "acl", description = "Interact with Consul's ACLs.",
        subcommands = {AclCommand.Bootstrap.class, AclCommand.Token.class, AclCommand.Policy.class,
                AclRoleCommand.class})
final class AclCommand extends ParentCommand {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A command printing a token or policy as consul's pretty (or -format json) formatter does. */
    abstract static class AclApiCommand extends ApiCommand {
        String prefix = "Error connecting to Consul agent: ";

        @Override
        String errorPrefix() {
            return prefix;
        }

        /** The answer's JSON, a 404 being Consul's error (the Go client's requireOK). */
        JsonNode send(ConsulClient client, String method, String path, byte[] body) throws IOException {
            RawApi.Response r = call(client, method, path, body);
            if (r.status() == 404) {
                throw new ConsulException("404", 404, new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        }

        /** A unique prefix of an ID listed at {@code listPath}, as consul's Get*IDFromPartial. */
        String fromPartial(ConsulClient client, String partial, String listPath, String idField, String what)
                throws IOException {
            if (partial.length() == 36) {
                return partial;
            }
            String found = "";
            for (JsonNode entry : send(client, "GET", listPath, new byte[0])) {
                String id = entry.path(idField).asText();
                if (id.startsWith(partial)) {
                    if (!found.isEmpty()) {
                        throw new IllegalArgumentException("Partial " + what + " ID is not unique");
                    }
                    found = id;
                }
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("No such " + what + " ID with prefix: " + partial);
            }
            return found;
        }

        static boolean knownFormat(String format) {
            return format.equals("pretty") || format.equals("json");
        }

        /** Consul's answer to a create without {@code -name}: the error, then the command's usage; exit 1. */
        int missingName() {
            err().println("Missing require '-name' flag");
            spec.commandLine().usage(err());
            return 1;
        }

        /** Prints a token or role in {@code format}, or consul's "Unknown format" error (exit 1). */
        int print(String format, JsonNode value, String pretty) throws IOException {
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(value) : pretty);
            return 0;
        }

        /**
         * Links to policies (or roles) as consul's commands make them: names as given, then each ID prefix resolved.
         * An ID that does not resolve is consul's "Error resolving policy ID : ..." (its loop variable is shadowed,
         * so the ID it names is always empty); the caller prints it and exits 1.
         */
        ArrayNode links(ConsulClient client, ArrayNode into, List<String> names, List<String> ids, String kind)
                throws IOException {
            names.forEach(name -> into.addObject().put("Name", name));
            String list = kind.equals("policy") ? "/v1/acl/policies" : "/v1/acl/roles";
            for (String id : ids) {
                try {
                    into.addObject().put("ID", fromPartial(client, id, list, "ID", kind));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Error resolving " + kind + " ID : " + e.getMessage(), e);
                } catch (ConsulException e) {
                    throw new IllegalArgumentException("Error resolving " + kind + " ID : " + goError(e), e);
                }
            }
            return into;
        }
    }

    /** Consul's {@code acl.ExtractServiceIdentities}: {@code NAME} or {@code NAME:DC1,DC2,...}. */
    static ArrayNode serviceIdentities(List<String> raw) {
        ArrayNode out = ApiCommand.JSON.createArrayNode();
        for (String s : raw) {
            String[] parts = s.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("Malformed -service-identity argument: " + goQuote(s));
            }
            ObjectNode identity = out.addObject().put("ServiceName", parts[0]);
            if (parts.length == 2) {
                ArrayNode dcs = identity.putArray("Datacenters");
                for (String dc : parts[1].split(",", -1)) {
                    dcs.add(dc);
                }
            }
        }
        return out;
    }

    /** Consul's {@code acl.ExtractNodeIdentities}: {@code NODE:DC}. */
    static ArrayNode nodeIdentities(List<String> raw) {
        ArrayNode out = ApiCommand.JSON.createArrayNode();
        for (String n : raw) {
            String[] parts = n.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Malformed -node-identity argument: " + goQuote(n));
            }
            out.addObject().put("NodeName", parts[0]).put("Datacenter", parts[1]);
        }
        return out;
    }

    /** Go's {@code %q} for the plain text flags carry. */
    static String goQuote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Consul's token formatter (pretty). */
    static String token(JsonNode t, boolean meta, boolean listEntry) {
        StringBuilder b = new StringBuilder();
        b.append("AccessorID:       ").append(t.path("AccessorID").asText()).append('\n');
        b.append("SecretID:         ").append(t.path("SecretID").asText()).append('\n');
        b.append("Description:      ").append(t.path("Description").asText()).append('\n');
        b.append("Local:            ").append(t.path("Local").asBoolean()).append('\n');
        b.append("Create Time:      ").append(goTime(t.path("CreateTime").asText())).append('\n');
        if (!t.path("ExpirationTime").asText("").isEmpty()) {
            b.append("Expiration Time:  ").append(goTime(t.path("ExpirationTime").asText())).append('\n');
        }
        if (listEntry) {
            b.append("Legacy:           ").append(t.path("Legacy").asBoolean()).append('\n');
        }
        if (meta) {
            b.append("Hash:             ").append(hex(t.path("Hash").asText(""))).append('\n');
            b.append("Create Index:     ").append(t.path("CreateIndex").asLong()).append('\n');
            b.append("Modify Index:     ").append(t.path("ModifyIndex").asLong()).append('\n');
        }
        links(b, "Policies:", t.path("Policies"));
        links(b, "Roles:", t.path("Roles"));
        if (!t.path("ServiceIdentities").isEmpty()) {
            b.append("Service Identities:\n");
            for (JsonNode s : t.path("ServiceIdentities")) {
                List<String> dcs = new ArrayList<>();
                s.path("Datacenters").forEach(dc -> dcs.add(dc.asText()));
                b.append("   ").append(s.path("ServiceName").asText()).append(" (Datacenters: ")
                        .append(dcs.isEmpty() ? "all" : String.join(", ", dcs)).append(")\n");
            }
        }
        if (!listEntry && !t.path("NodeIdentities").isEmpty()) {
            b.append("Node Identities:\n");
            for (JsonNode n : t.path("NodeIdentities")) {
                b.append("   ").append(n.path("NodeName").asText()).append(" (Datacenter: ")
                        .append(n.path("Datacenter").asText()).append(")\n");
            }
        }
        return b.toString();
    }

    /** Consul's policy formatter (pretty): the rules last, as written. */
    static String policy(JsonNode p, boolean meta) {
        StringBuilder b = new StringBuilder();
        b.append("ID:           ").append(p.path("ID").asText()).append('\n');
        b.append("Name:         ").append(p.path("Name").asText()).append('\n');
        b.append("Description:  ").append(p.path("Description").asText()).append('\n');
        b.append("Datacenters:  ").append(datacenters(p)).append('\n');
        if (meta) {
            b.append("Hash:         ").append(hex(p.path("Hash").asText(""))).append('\n');
            b.append("Create Index: ").append(p.path("CreateIndex").asLong()).append('\n');
            b.append("Modify Index: ").append(p.path("ModifyIndex").asLong()).append('\n');
        }
        return b.append("Rules:\n").append(p.path("Rules").asText()).toString();
    }

    private static String datacenters(JsonNode p) {
        List<String> dcs = new ArrayList<>();
        p.path("Datacenters").forEach(dc -> dcs.add(dc.asText()));
        return String.join(", ", dcs);
    }

    private static void links(StringBuilder b, String title, JsonNode links) {
        if (!links.isEmpty()) {
            b.append(title).append('\n');
            links.forEach(l -> b.append("   ").append(l.path("ID").asText()).append(" - ")
                    .append(l.path("Name").asText()).append('\n'));
        }
    }

    /** A JSON time as Go's {@code %v} prints a time.Time: {@code 2026-12-07 04:55:51.12 +0000 UTC}. */
    static String goTime(String rfc3339) {
        if (rfc3339.isEmpty()) {
            return "0001-01-01 00:00:00 +0000 UTC";
        }
        OffsetDateTime t = OffsetDateTime.parse(rfc3339);
        String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        String offset = t.getOffset().equals(ZoneOffset.UTC) && rfc3339.endsWith("Z") ? "+0000 UTC"
                : t.getOffset().getId().replace(":", "").replace("Z", "+0000") + " "
                        + t.getOffset().getId().replace(":", "").replace("Z", "+0000");
        return GO_TIME.format(t) + fraction + " " + offset;
    }

    static String hex(String base64) {
        try {
            return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    @Command(name = "bootstrap", description = "Bootstrap Consul's ACL system.")
    static final class Bootstrap extends AclApiCommand {
        @Option(names = "-format", paramLabel = "FORMAT", description = "Output format {pretty|json}.")
        String format = "pretty";
        @Parameters(arity = "0..*", paramLabel = "SECRET")
        List<String> args = new ArrayList<>();

        @Override
        int run(ConsulClient client) throws IOException {
            if (args.size() > 1) {
                err().println("This command takes up to one argument");
                return 1;
            }
            String secret = args.isEmpty() ? "" : args.get(0).strip();
            prefix = "Failed ACL bootstrapping: ";
            byte[] body = secret.isEmpty() ? new byte[0]
                    : JSON.writeValueAsBytes(JSON.createObjectNode().put("BootstrapSecret", secret));
            JsonNode token = send(client, "PUT", "/v1/acl/bootstrap", body);
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(token)
                    : token(token, false, false));
            return 0;
        }
    }

    @Command(name = "token", description = "Manage Consul's ACL tokens.",
            subcommands = {TokenCreate.class, TokenList.class, TokenRead.class, TokenDelete.class,
                    AclTokenEditCommands.Update.class, AclTokenEditCommands.Clone.class})
    static final class Token extends ParentCommand {
    }

    @Command(name = "policy", description = "Manage Consul's ACL policies.",
            subcommands = {PolicyCreate.class, PolicyList.class, PolicyRead.class, PolicyDelete.class})
    static final class Policy extends ParentCommand {
    }

    @Command(name = "create", description = "Create an ACL token.")
    static final class TokenCreate extends AclApiCommand {
        @Option(names = "-accessor", paramLabel = "ID") String accessor = "";
        @Option(names = "-secret", paramLabel = "ID") String secret = "";
        @Option(names = "-description", paramLabel = "TEXT") String description = "";
        @Option(names = "-local", arity = "0..1") boolean local;
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-policy-id", paramLabel = "ID") List<String> policyIds = new ArrayList<>();
        @Option(names = "-policy-name", paramLabel = "NAME") List<String> policyNames = new ArrayList<>();
        @Option(names = "-role-id", paramLabel = "ID") List<String> roleIds = new ArrayList<>();
        @Option(names = "-role-name", paramLabel = "NAME") List<String> roleNames = new ArrayList<>();
        @Option(names = "-service-identity", paramLabel = "NAME[:DC,...]") List<String> services = new ArrayList<>();
        @Option(names = "-node-identity", paramLabel = "NODE:DC") List<String> nodes = new ArrayList<>();
        @Option(names = "-expires-ttl", paramLabel = "DURATION") String expiresTtl = "0s";
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            if (policyIds.isEmpty() && policyNames.isEmpty() && roleIds.isEmpty() && roleNames.isEmpty()
                    && services.isEmpty() && nodes.isEmpty()) {
                err().println("Cannot create a token without specifying -policy-name, -policy-id, -role-name, "
                        + "-role-id, -service-identity, or -node-identity at least once");
                return 1;
            }
            ObjectNode token = JSON.createObjectNode().put("Description", description).put("Local", local)
                    .put("AccessorID", accessor).put("SecretID", secret);
            java.time.Duration ttl = GoDuration.parse(expiresTtl);
            if (ttl.isPositive()) {
                token.put("ExpirationTTL", GoDuration.format(ttl));
            }
            try {
                token.set("ServiceIdentities", serviceIdentities(services));
                token.set("NodeIdentities", nodeIdentities(nodes));
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            try {
                links(client, token.putArray("Policies"), policyNames, policyIds, "policy");
                links(client, token.putArray("Roles"), roleNames, roleIds, "role");
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            prefix = "Failed to create new token: ";
            JsonNode created = send(client, "PUT", "/v1/acl/token", JSON.writeValueAsBytes(token));
            return print(format, created, token(created, meta, false));
        }
    }

    @Command(name = "list", description = "List ACL tokens.")
    static final class TokenList extends AclApiCommand {
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            prefix = "Failed to retrieve the token list: ";
            JsonNode tokens = send(client, "GET", "/v1/acl/tokens", new byte[0]);
            if (format.equals("json")) {
                out().println(GoJson.FOUR_SPACES.writeValueAsString(tokens));
                return 0;
            }
            List<String> entries = new ArrayList<>();
            tokens.forEach(t -> entries.add(token(t, meta, true)));
            if (!entries.isEmpty()) {
                out().println(String.join("\n", entries));
            }
            return 0;
        }
    }

    @Command(name = "read", description = "Read an ACL token.")
    static final class TokenRead extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID") String id = "";
        @Option(names = "-self", arity = "0..1") boolean self;
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty() && !self) {
                err().println("Must specify the -id parameter");
                return 1;
            }
            JsonNode token;
            if (self) {
                prefix = "Error reading token: ";
                token = send(client, "GET", "/v1/acl/token/self", new byte[0]);
            } else {
                String accessor;
                try {
                    prefix = "Error determining token ID: ";
                    accessor = fromPartial(client, id, "/v1/acl/tokens", "AccessorID", "token");
                } catch (IllegalArgumentException e) {
                    err().println("Error determining token ID: " + e.getMessage());
                    return 1;
                }
                prefix = "Error reading token \"" + accessor + "\": ";
                token = send(client, "GET", "/v1/acl/token/" + encode(accessor), new byte[0]);
            }
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(token)
                    : token(token, meta, false));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an ACL token.")
    static final class TokenDelete extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID") String id = "";

        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty()) {
                err().println("Must specify the -id paramter"); // sic: consul's text
                return 1;
            }
            String accessor;
            try {
                prefix = "Error determining token ID: ";
                accessor = fromPartial(client, id, "/v1/acl/tokens", "AccessorID", "token");
            } catch (IllegalArgumentException e) {
                err().println("Error determining token ID: " + e.getMessage());
                return 1;
            }
            prefix = "Error deleting token \"" + accessor + "\": ";
            send(client, "DELETE", "/v1/acl/token/" + encode(accessor), new byte[0]);
            out().println("Token \"" + accessor + "\" deleted successfully");
            return 0;
        }
    }

    @Command(name = "create", description = "Create an ACL policy.")
    static final class PolicyCreate extends AclApiCommand {
        @Option(names = "-name", paramLabel = "NAME") String name = "";
        @Option(names = "-description", paramLabel = "TEXT") String description = "";
        @Option(names = "-valid-datacenter", paramLabel = "DC") List<String> datacenters = new ArrayList<>();
        @Option(names = "-rules", paramLabel = "RULES") String rules = "";
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            if (name.isEmpty()) {
                return missingName();
            }
            String text;
            try {
                text = rules.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : rules.startsWith("@") ? Files.readString(Path.of(rules.substring(1))) : rules;
            } catch (IOException e) {
                err().println("Error loading rules: Failed to read file: " + e.getMessage());
                return 1;
            }
            ObjectNode policy = JSON.createObjectNode().put("Name", name).put("Description", description)
                    .put("Rules", text);
            if (!datacenters.isEmpty()) {
                ArrayNode dcs = policy.putArray("Datacenters");
                datacenters.forEach(dcs::add);
            }
            prefix = "Failed to create new policy: ";
            JsonNode created = send(client, "PUT", "/v1/acl/policy", JSON.writeValueAsBytes(policy));
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(created)
                    : policy(created, meta));
            return 0;
        }
    }

    @Command(name = "list", description = "List ACL policies.")
    static final class PolicyList extends AclApiCommand {
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            prefix = "Failed to retrieve the policy list: ";
            JsonNode policies = send(client, "GET", "/v1/acl/policies", new byte[0]);
            if (format.equals("json")) {
                out().println(GoJson.FOUR_SPACES.writeValueAsString(policies));
                return 0;
            }
            StringBuilder b = new StringBuilder();
            for (JsonNode p : policies) {
                b.append(p.path("Name").asText()).append(":\n");
                b.append("   ID:           ").append(p.path("ID").asText()).append('\n');
                b.append("   Description:  ").append(p.path("Description").asText()).append('\n');
                b.append("   Datacenters:  ").append(datacenters(p)).append('\n');
                if (meta) {
                    b.append("   Hash:         ").append(hex(p.path("Hash").asText(""))).append('\n');
                    b.append("   Create Index: ").append(p.path("CreateIndex").asLong()).append('\n');
                    b.append("   Modify Index: ").append(p.path("ModifyIndex").asLong()).append('\n');
                }
            }
            if (!b.isEmpty()) {
                out().println(b);
            }
            return 0;
        }
    }

    /** read and delete find a policy by -id (a unique prefix) or -name. */
    abstract static class PolicyByIdOrName extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID") String id = "";
        @Option(names = "-name", paramLabel = "NAME") String name = "";

        /** The policy's full ID, or empty after printing consul's error. */
        String policyId(ConsulClient client) throws IOException {
            if (id.isEmpty() && name.isEmpty()) {
                err().println("Must specify either the -id or -name parameters");
                return "";
            }
            prefix = "Error determining policy ID: ";
            try {
                if (!id.isEmpty()) {
                    return fromPartial(client, id, "/v1/acl/policies", "ID", "policy");
                }
                RawApi.Response r = call(client, "GET", "/v1/acl/policy/name/" + encode(name), new byte[0]);
                if (r.status() == 404) {
                    throw new IllegalArgumentException("No such policy with name " + name);
                }
                return JSON.readTree(r.body()).path("ID").asText();
            } catch (IllegalArgumentException e) {
                err().println("Error determining policy ID: " + e.getMessage());
                return "";
            }
        }
    }

    @Command(name = "read", description = "Read an ACL policy.")
    static final class PolicyRead extends PolicyByIdOrName {
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            String policyId = policyId(client);
            if (policyId.isEmpty()) {
                return 1;
            }
            prefix = "Error reading policy \"" + policyId + "\": ";
            JsonNode policy = send(client, "GET", "/v1/acl/policy/" + encode(policyId), new byte[0]);
            if (!knownFormat(format)) {
                err().println("Unknown format: " + format);
                return 1;
            }
            out().println(format.equals("json") ? GoJson.FOUR_SPACES.writeValueAsString(policy)
                    : policy(policy, meta));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an ACL policy.")
    static final class PolicyDelete extends PolicyByIdOrName {
        @Override
        int run(ConsulClient client) throws IOException {
            String policyId = policyId(client);
            if (policyId.isEmpty()) {
                return 1;
            }
            prefix = "Error deleting policy \"" + policyId + "\": ";
            send(client, "DELETE", "/v1/acl/policy/" + encode(policyId), new byte[0]);
            out().println("Policy \"" + policyId + "\" deleted successfully");
            return 0;
        }
    }
}
