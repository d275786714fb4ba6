package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.RawApi;

/** {@code acl policy create|list|read|delete}, as consul 1.20's. */
final class AclPolicyCommands {
    private AclPolicyCommands() {
    }

    @Command(name = "create", description = "Create an ACL policy.")
    static final class Create extends AclApiCommand {
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
            return print(format, created, AclFormatter.policy(created, meta));
        }
    }

    @Command(name = "list", description = "List ACL policies.")
    static final class ListPolicies extends AclListCommand {
        ListPolicies() {
            super("policy", "/v1/acl/policies");
        }

        @Override
        String pretty(JsonNode policies) {
            return AclFormatter.policies(policies, meta);
        }
    }

    /** read and delete find a policy by -id (a unique prefix) or -name. */
    abstract static class ByIdOrName extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID") String id = "";
        @Option(names = "-name", paramLabel = "NAME") String name = "";

        /** The command's work on the policy with this full ID. */
        abstract int run(ConsulClient client, String policyId) throws IOException;

        @Override
        final int run(ConsulClient client) throws IOException {
            String policyId = policyId(client);
            return policyId.isEmpty() ? 1 : run(client, policyId);
        }

        /** The policy's full ID, or empty after printing consul's error. */
        private String policyId(ConsulClient client) throws IOException {
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
    static final class Read extends ByIdOrName {
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client, String policyId) throws IOException {
            prefix = "Error reading policy \"" + policyId + "\": ";
            JsonNode policy = send(client, "GET", "/v1/acl/policy/" + encode(policyId), new byte[0]);
            return print(format, policy, AclFormatter.policy(policy, meta));
        }
    }

    @Command(name = "delete", description = "Delete an ACL policy.")
    static final class Delete extends ByIdOrName {
        @Override
        int run(ConsulClient client, String policyId) throws IOException {
            prefix = "Error deleting policy \"" + policyId + "\": ";
            send(client, "DELETE", "/v1/acl/policy/" + encode(policyId), new byte[0]);
            out().println("Policy \"" + policyId + "\" deleted successfully");
            return 0;
        }
    }
}
