package dev.signpost.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.GoDuration;

/** {@code acl token create|list|read|delete}, as consul 1.20's (update and clone: {@link AclTokenEditCommands}). */
final class AclTokenCommands {
    private AclTokenCommands() {
    }

    @Command(name = "create", description = "Create an ACL token.")
    static final class Create extends AclApiCommand {
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
            Duration ttl = GoDuration.parse(expiresTtl);
            if (ttl.isPositive()) {
                token.put("ExpirationTTL", GoDuration.format(ttl));
            }
            try {
                token.set("ServiceIdentities", AclIdentityFlags.serviceIdentities(services));
                token.set("NodeIdentities", AclIdentityFlags.nodeIdentities(nodes));
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
            return print(format, created, AclFormatter.token(created, meta, false));
        }
    }

    @Command(name = "list", description = "List ACL tokens.")
    static final class ListTokens extends AclListCommand {
        ListTokens() {
            super("token", "/v1/acl/tokens");
        }

        @Override
        String pretty(JsonNode tokens) {
            List<String> entries = new ArrayList<>();
            tokens.forEach(t -> entries.add(AclFormatter.token(t, meta, true)));
            return String.join("\n", entries);
        }
    }

    /** read and delete name a token by {@code -id}, its accessor ID or a unique prefix of it. */
    abstract static class ByPartialId extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID") String id = "";

        /** The token's full accessor ID, or empty after printing consul's error. */
        String accessor(ConsulClient client) throws IOException {
            return tokenAccessor(client, id, "Error determining token ID: ");
        }
    }

    @Command(name = "read", description = "Read an ACL token.")
    static final class Read extends ByPartialId {
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
                String accessor = accessor(client);
                if (accessor.isEmpty()) {
                    return 1;
                }
                prefix = "Error reading token \"" + accessor + "\": ";
                token = send(client, "GET", "/v1/acl/token/" + encode(accessor), new byte[0]);
            }
            return print(format, token, AclFormatter.token(token, meta, false));
        }
    }

    @Command(name = "delete", description = "Delete an ACL token.")
    static final class Delete extends ByPartialId {
        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty()) {
                err().println("Must specify the -id paramter"); // sic: consul's text
                return 1;
            }
            String accessor = accessor(client);
            if (accessor.isEmpty()) {
                return 1;
            }
            prefix = "Error deleting token \"" + accessor + "\": ";
            send(client, "DELETE", "/v1/acl/token/" + encode(accessor), new byte[0]);
            out().println("Token \"" + accessor + "\" deleted successfully");
            return 0;
        }
    }
}
