package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/**
 * {@code acl token update} and {@code acl token clone}, as consul 1.20's: update reads the token, changes what the
 * flags name (the plain flags replace, the {@code -append-} ones add) and writes it back whole; clone copies it with
 * new IDs. Their quirks are consul's too: an update without {@code -service-identity} or {@code -node-identity}
 * clears those identities, and the deprecated {@code -merge-roles} links role IDs by name.
 */
final class AclTokenEditCommands {
    /** The accessor consul's commands accept for the anonymous token instead of its ID. */
    private static final String ANONYMOUS_ID = "00000000-0000-0000-0000-000000000002";

    private AclTokenEditCommands() {
    }

    /** True when a link in {@code links} has this value in {@code field}. */
    static boolean linked(ArrayNode links, String field, String value) {
        for (JsonNode link : links) {
            if (link.path(field).asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Adds service identities, one replacing an existing one of its name (consul's merge for tokens and roles). */
    static void mergeServiceIdentities(ArrayNode existing, ArrayNode added) {
        for (JsonNode identity : added) {
            int found = -1;
            for (int i = 0; i < existing.size() && found < 0; i++) {
                if (existing.get(i).path("ServiceName").asText().equals(identity.path("ServiceName").asText())) {
                    found = i;
                }
            }
            if (found >= 0) {
                existing.set(found, identity);
            } else {
                existing.add(identity);
            }
        }
    }

    /** A command on one token, named by {@code -accessor-id} (or the deprecated {@code -id}). */
    abstract static class ByAccessor extends AclApiCommand {
        @Option(names = "-accessor-id", paramLabel = "ID") String accessorId = "";
        @Option(names = "-id", paramLabel = "ID", description = "DEPRECATED. Use -accessor-id instead.") String id = "";

        /**
         * The token's full accessor ID as consul's {@code GetTokenAccessorIDFromPartial} finds it ("anonymous", a full
         * ID or a unique prefix); empty after printing consul's error. Consul words the missing flag the same
         * for clone as for update, and warns of {@code -id} in each command's own words.
         */
        String accessor(ConsulClient client, String deprecation, String unknownPrefix) throws IOException {
            String given = accessorId;
            if (given.isEmpty()) {
                if (id.isEmpty()) {
                    err().println("Cannot update a token without specifying the -accessor-id parameter");
                    return "";
                }
                given = id;
                err().println(deprecation);
            }
            prefix = unknownPrefix;
            return given.equals("anonymous") ? ANONYMOUS_ID : tokenAccessor(client, given, unknownPrefix);
        }
    }

    @Command(name = "update", description = "Update an ACL token.")
    static final class Update extends ByAccessor {
        @Option(names = "-description", paramLabel = "TEXT") String description = "";
        @Option(names = "-policy-id", paramLabel = "ID") List<String> policyIds = new ArrayList<>();
        @Option(names = "-append-policy-id", paramLabel = "ID") List<String> appendPolicyIds = new ArrayList<>();
        @Option(names = "-policy-name", paramLabel = "NAME") List<String> policyNames = new ArrayList<>();
        @Option(names = "-append-policy-name", paramLabel = "NAME") List<String> appendPolicyNames = new ArrayList<>();
        @Option(names = "-role-id", paramLabel = "ID") List<String> roleIds = new ArrayList<>();
        @Option(names = "-append-role-id", paramLabel = "ID") List<String> appendRoleIds = new ArrayList<>();
        @Option(names = "-role-name", paramLabel = "NAME") List<String> roleNames = new ArrayList<>();
        @Option(names = "-append-role-name", paramLabel = "NAME") List<String> appendRoleNames = new ArrayList<>();
        @Option(names = "-service-identity", paramLabel = "NAME[:DC,...]") List<String> services = new ArrayList<>();
        @Option(names = "-append-service-identity", paramLabel = "NAME[:DC,...]")
        List<String> appendServices = new ArrayList<>();
        @Option(names = "-node-identity", paramLabel = "NODE:DC") List<String> nodes = new ArrayList<>();
        @Option(names = "-append-node-identity", paramLabel = "NODE:DC") List<String> appendNodes = new ArrayList<>();
        @Option(names = "-merge-policies", arity = "0..1") boolean mergePolicies;
        @Option(names = "-merge-roles", arity = "0..1") boolean mergeRoles;
        @Option(names = "-merge-service-identities", arity = "0..1") boolean mergeServiceIdentities;
        @Option(names = "-merge-node-identities", arity = "0..1") boolean mergeNodeIdentities;
        @Option(names = "-meta", arity = "0..1") boolean meta;
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            String accessor = accessor(client, "Use the -accessor-id parameter to specify token by Accessor ID",
                    "Error determining token ID: ");
            if (accessor.isEmpty()) {
                return 1;
            }
            prefix = "Error when retrieving current token: ";
            ObjectNode token = (ObjectNode) send(client, "GET", "/v1/acl/token/" + encode(accessor), new byte[0]);
            if (!description.isEmpty()) {
                token.put("Description", description);
            }
            String conflict = conflict();
            if (!conflict.isEmpty()) {
                err().println(conflict);
                return 1;
            }
            try {
                ArrayNode serviceIdentities = AclIdentityFlags.serviceIdentities(appendServices.isEmpty() ? services
                        : appendServices);
                ArrayNode nodeIdentities = AclIdentityFlags.nodeIdentities(appendNodes.isEmpty() ? nodes : appendNodes);
                if (mergePolicies) {
                    err().println("merge-policies is deprecated and will be removed in a future Consul version. "
                            + "Use `append-policy-name` or `append-policy-id` instead.");
                }
                links(client, token, "Policies", "policy", mergePolicies, policyNames, policyIds, appendPolicyNames,
                        appendPolicyIds);
                if (mergeRoles) {
                    err().println("merge-roles is deprecated and will be removed in a future Consul version. "
                            + "Use `append-role-name` or `append-role-id` instead.");
                }
                links(client, token, "Roles", "role", mergeRoles, roleNames, roleIds, appendRoleNames, appendRoleIds);
                identities(token, serviceIdentities, nodeIdentities);
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            prefix = "Failed to update token " + accessor + ": ";
            JsonNode updated = send(client, "PUT", "/v1/acl/token/" + encode(token.path("AccessorID").asText()),
                    JSON.writeValueAsBytes(token));
            return print(format, updated, AclFormatter.token(updated, meta, false));
        }

        /** Consul's refusal to mix a replacing flag with its append- variant, in the order it checks them. */
        private String conflict() {
            if (!appendServices.isEmpty() && !services.isEmpty()) {
                return "Cannot combine the use of service-identity flag with append-service-identity. To set or "
                        + "overwrite existing service identities, use -service-identity. To append to existing service "
                        + "identities, use -append-service-identity.";
            }
            if (!appendNodes.isEmpty() && !nodes.isEmpty()) {
                return "Cannot combine the use of node-identity flag with append-node-identity. To set or overwrite "
                        + "existing node identities, use -node-identity. To append to existing node identities, use "
                        + "-append-node-identity.";
            }
            return "";
        }

        /**
         * Policies or roles: with the deprecated merge flag, the plain flags add what is not linked yet (roles by
         * ID as names, consul's slip); else the plain flags replace the links and the append- flags add to them.
         */
        private void links(ConsulClient client, ObjectNode token, String field, String kind, boolean merge,
                           List<String> names, List<String> ids, List<String> appendNames, List<String> appendIds)
                throws IOException {
            ArrayNode current = token.withArray(field);
            if (merge) {
                for (String name : names) {
                    if (!linked(current, "Name", name)) {
                        current.addObject().put("Name", name);
                    }
                }
                for (JsonNode link : links(client, JSON.createArrayNode(), List.of(), ids, kind)) {
                    if (!linked(current, "ID", link.path("ID").asText())) {
                        current.addObject().put(kind.equals("role") ? "Name" : "ID", link.path("ID").asText());
                    }
                }
                return;
            }
            boolean replace = !names.isEmpty() || !ids.isEmpty();
            if (replace && (!appendNames.isEmpty() || !appendIds.isEmpty())) {
                String plural = kind.equals("policy") ? "policies" : "roles";
                throw new IllegalArgumentException("Cannot combine the use of " + kind + "-id/" + kind + "-name flags "
                        + "with append- variants. To set or overwrite existing " + plural + ", use -" + kind + "-id or -"
                        + kind + "-name. To append to existing " + plural + ", use -append-" + kind + "-id or -append-"
                        + kind + "-name.");
            }
            if (replace) {
                current.removeAll();
            }
            links(client, current, replace ? names : appendNames, replace ? ids : appendIds, kind);
        }

        /** Identities: merged with -append- (or the deprecated merge flags), else replaced, even by none. */
        private void identities(ObjectNode token, ArrayNode services, ArrayNode nodes) {
            if (mergeServiceIdentities || !appendServices.isEmpty()) {
                mergeServiceIdentities(token.withArray("ServiceIdentities"), services);
            } else {
                token.set("ServiceIdentities", services);
            }
            if (mergeNodeIdentities || !appendNodes.isEmpty()) {
                ArrayNode existing = token.withArray("NodeIdentities");
                for (JsonNode node : nodes) {
                    boolean found = false;
                    for (JsonNode link : existing) {
                        found |= link.equals(node);
                    }
                    if (!found) {
                        existing.add(node);
                    }
                }
            } else {
                token.set("NodeIdentities", nodes);
            }
        }
    }

    @Command(name = "clone", description = "Clone an ACL token.")
    static final class Clone extends ByAccessor {
        @Option(names = "-description", paramLabel = "TEXT") String description = "";
        @Option(names = "-format", paramLabel = "FORMAT") String format = "pretty";

        @Override
        int run(ConsulClient client) throws IOException {
            String accessor = accessor(client, "The -id parameter is deprecated. Use the -accessor-id parameter "
                    + "instead.", "Error determining token Accessor ID: ");
            if (accessor.isEmpty()) {
                return 1;
            }
            prefix = "Error cloning token: ";
            JsonNode clone = send(client, "PUT", "/v1/acl/token/" + encode(accessor) + "/clone",
                    JSON.writeValueAsBytes(JSON.createObjectNode().put("Description", description)));
            return print(format, clone, AclFormatter.token(clone, false, false));
        }
    }
}
