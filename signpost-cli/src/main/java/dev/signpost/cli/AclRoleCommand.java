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
import dev.signpost.client.RawApi;

/**
 * {@code acl role create|read|update|delete|list}, as consul's command/acl/role: flags, messages, exit codes and its
 * role formatter. An unknown role is a 404 the Go client reads as "no role", which the commands word themselves.
 */
@Command(name = "role", description = "Manage Consul's ACL roles.", subcommands = {AclRoleCommand.Create.class,
        AclRoleCommand.ListRoles.class, AclRoleCommand.Read.class, AclRoleCommand.Update.class,
        AclRoleCommand.Delete.class})
final class AclRoleCommand extends ParentCommand {

    /** Consul's role formatter (pretty), ending in a newline. */
    static String role(JsonNode r, boolean meta) {
        return block(r, meta, "");
    }

    /** One entry of {@code role list}: the name, then the role's fields indented. */
    static String listEntry(JsonNode r, boolean meta) {
        return r.path("Name").asText() + ":\n" + block(r, meta, "   ");
    }

    private static String block(JsonNode r, boolean meta, String indent) {
        StringBuilder b = new StringBuilder();
        String inner = indent + "   ";
        b.append(indent).append("ID:           ").append(r.path("ID").asText()).append('\n');
        if (indent.isEmpty()) {
            b.append("Name:         ").append(r.path("Name").asText()).append('\n');
        }
        b.append(indent).append("Description:  ").append(r.path("Description").asText()).append('\n');
        if (meta) {
            b.append(indent).append("Hash:         ").append(AclFormatter.hex(r.path("Hash").asText(""))).append('\n');
            b.append(indent).append("Create Index: ").append(r.path("CreateIndex").asLong()).append('\n');
            b.append(indent).append("Modify Index: ").append(r.path("ModifyIndex").asLong()).append('\n');
        }
        if (!r.path("Policies").isEmpty()) {
            b.append(indent).append("Policies:\n");
            r.path("Policies").forEach(p -> b.append(inner).append(p.path("ID").asText()).append(" - ")
                    .append(p.path("Name").asText()).append('\n'));
        }
        if (!r.path("ServiceIdentities").isEmpty()) {
            b.append(indent).append("Service Identities:\n");
            for (JsonNode s : r.path("ServiceIdentities")) {
                List<String> dcs = new ArrayList<>();
                s.path("Datacenters").forEach(dc -> dcs.add(dc.asText()));
                b.append(inner).append(s.path("ServiceName").asText()).append(" (Datacenters: ")
                        .append(dcs.isEmpty() ? "all" : String.join(", ", dcs)).append(")\n");
            }
        }
        if (!r.path("NodeIdentities").isEmpty()) {
            b.append(indent).append("Node Identities:\n");
            r.path("NodeIdentities").forEach(n -> b.append(inner).append(n.path("NodeName").asText())
                    .append(" (Datacenter: ").append(n.path("Datacenter").asText()).append(")\n"));
        }
        return b.toString();
    }

    /** A command finding a role by {@code -id} (a unique prefix) or {@code -name}. */
    abstract static class RoleCommand extends AclApiCommand {
        @Option(names = "-format", paramLabel = "FORMAT", description = "Output format {pretty|json}.")
        String format = "pretty";
        @Option(names = "-meta", arity = "0..1", description = "Show the content hash and Raft indexes.")
        boolean meta;

        /** The role's full ID from a unique prefix; consul's error, printed, and empty when there is none. */
        String roleId(ConsulClient client, String partial) throws IOException {
            prefix = "Error determining role ID: ";
            try {
                return fromPartial(client, partial, "/v1/acl/roles", "ID", "role");
            } catch (IllegalArgumentException e) {
                err().println(prefix + e.getMessage());
                return "";
            }
        }

        /** The role at {@code path}, or empty for the 404 of an unknown one. */
        java.util.Optional<JsonNode> find(ConsulClient client, String path) throws IOException {
            RawApi.Response r = call(client, "GET", path, new byte[0]);
            return r.status() == 404 ? java.util.Optional.empty()
                    : java.util.Optional.of(JSON.readTree(r.body()));
        }

        int print(JsonNode role) throws IOException {
            return print(format, role, role(role, meta));
        }
    }

    /** The flags that make a role's content, shared by create and update. */
    abstract static class RoleFields extends RoleCommand {
        @Option(names = "-description", paramLabel = "TEXT", description = "A description of the role.")
        String description = "";
        @Option(names = "-policy-id", paramLabel = "ID") List<String> policyIds = new ArrayList<>();
        @Option(names = "-policy-name", paramLabel = "NAME") List<String> policyNames = new ArrayList<>();
        @Option(names = "-service-identity", paramLabel = "NAME[:DC,...]") List<String> services = new ArrayList<>();
        @Option(names = "-node-identity", paramLabel = "NODE:DC") List<String> nodes = new ArrayList<>();
    }

    @Command(name = "create", description = "Create an ACL role.")
    static final class Create extends RoleFields {
        @Option(names = "-name", paramLabel = "NAME", description = "The new role's name. This flag is required.")
        String name = "";

        @Override
        int run(ConsulClient client) throws IOException {
            if (name.isEmpty()) {
                return missingName();
            }
            if (policyNames.isEmpty() && policyIds.isEmpty() && services.isEmpty() && nodes.isEmpty()) {
                err().println("Cannot create a role without specifying -policy-name, -policy-id, -service-identity, "
                        + "or -node-identity at least once");
                return 1;
            }
            ObjectNode role = JSON.createObjectNode().put("Name", name).put("Description", description);
            try {
                links(client, role.putArray("Policies"), policyNames, policyIds, "policy");
                role.set("ServiceIdentities", AclIdentityFlags.serviceIdentities(services));
                role.set("NodeIdentities", AclIdentityFlags.nodeIdentities(nodes));
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            prefix = "Failed to create new role: ";
            return print(send(client, "PUT", "/v1/acl/role", JSON.writeValueAsBytes(role)));
        }
    }

    @Command(name = "list", description = "Lists ACL roles.")
    static final class ListRoles extends RoleCommand {
        @Override
        int run(ConsulClient client) throws IOException {
            prefix = "Failed to retrieve the role list: ";
            JsonNode roles = send(client, "GET", "/v1/acl/roles", new byte[0]);
            StringBuilder pretty = new StringBuilder();
            roles.forEach(r -> pretty.append(listEntry(r, meta)));
            if (!knownFormat(format) || format.equals("json") || !pretty.isEmpty()) {
                return print(format, roles, pretty.toString());
            }
            return 0;
        }
    }

    @Command(name = "read", description = "Read an ACL role.")
    static final class Read extends RoleCommand {
        @Option(names = "-id", paramLabel = "ID", description = "The role's ID or a unique prefix of it.")
        String id = "";
        @Option(names = "-name", paramLabel = "NAME", description = "The name of the role to read.")
        String name = "";

        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty() && name.isEmpty()) {
                err().println("Must specify either the -id or -name parameters");
                return 1;
            }
            java.util.Optional<JsonNode> role;
            if (!id.isEmpty()) {
                String roleId = roleId(client, id);
                if (roleId.isEmpty()) {
                    return 1;
                }
                prefix = "Error reading role \"" + roleId + "\": ";
                role = find(client, "/v1/acl/role/" + encode(roleId));
                if (role.isEmpty()) {
                    err().println("Role not found with ID \"" + roleId + "\"");
                    return 1;
                }
            } else {
                prefix = "Error reading role \"" + name + "\": ";
                role = find(client, "/v1/acl/role/name/" + encode(name));
                if (role.isEmpty()) {
                    err().println("Role not found with name \"" + name + "\"");
                    return 1;
                }
            }
            return print(role.get());
        }
    }

    @Command(name = "delete", description = "Delete an ACL role.")
    static final class Delete extends AclApiCommand {
        @Option(names = "-id", paramLabel = "ID", description = "The role's ID or a unique prefix of it.")
        String id = "";
        @Option(names = "-name", paramLabel = "NAME", description = "The name of the role to delete.")
        String name = "";

        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty() && name.isEmpty()) {
                err().println("Must specify the -id or -name parameters");
                return 1;
            }
            prefix = "Error determining role ID: ";
            String roleId;
            try {
                roleId = !id.isEmpty() ? fromPartial(client, id, "/v1/acl/roles", "ID", "role") : byName(client);
            } catch (IllegalArgumentException e) {
                err().println(prefix + e.getMessage());
                return 1;
            }
            prefix = "Error deleting role \"" + roleId + "\": ";
            send(client, "DELETE", "/v1/acl/role/" + encode(roleId), new byte[0]);
            out().println("Role \"" + roleId + "\" deleted successfully");
            return 0;
        }

        private String byName(ConsulClient client) throws IOException {
            RawApi.Response r = call(client, "GET", "/v1/acl/role/name/" + encode(name), new byte[0]);
            if (r.status() == 404) {
                throw new IllegalArgumentException("No such role with name " + name);
            }
            return JSON.readTree(r.body()).path("ID").asText();
        }
    }

    @Command(name = "update", description = "Update an ACL role.")
    static final class Update extends RoleFields {
        @Option(names = "-id", paramLabel = "ID", description = "The role's ID or a unique prefix of it.")
        String id = "";
        @Option(names = "-name", paramLabel = "NAME", description = "The role name.")
        String name = "";
        @Option(names = "-no-merge", arity = "0..1", description = "Overwrite every field instead of merging.")
        boolean noMerge;

        @Override
        int run(ConsulClient client) throws IOException {
            if (id.isEmpty()) {
                err().println("Cannot update a role without specifying the -id parameter");
                return 1;
            }
            String roleId = roleId(client, id);
            if (roleId.isEmpty()) {
                return 1;
            }
            ArrayNode serviceIdentities;
            ArrayNode nodeIdentities;
            try {
                serviceIdentities = AclIdentityFlags.serviceIdentities(services);
                nodeIdentities = AclIdentityFlags.nodeIdentities(nodes);
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            prefix = "Error when retrieving current role: ";
            java.util.Optional<JsonNode> current = find(client, "/v1/acl/role/" + encode(roleId));
            if (current.isEmpty()) {
                err().println("Role not found with ID \"" + roleId + "\"");
                return 1;
            }
            ObjectNode role;
            try {
                role = noMerge ? replaced(client, serviceIdentities, nodeIdentities)
                        : merged(client, (ObjectNode) current.get(), serviceIdentities, nodeIdentities);
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            prefix = "Error updating role \"" + roleId + "\": ";
            return print(send(client, "PUT", "/v1/acl/role/" + encode(role.path("ID").asText()),
                    JSON.writeValueAsBytes(role)));
        }

        /** -no-merge: the flags are the role; consul sends the -id as given, a prefix too. */
        private ObjectNode replaced(ConsulClient client, ArrayNode serviceIdentities, ArrayNode nodeIdentities)
                throws IOException {
            ObjectNode role = JSON.createObjectNode().put("ID", id).put("Name", name).put("Description", description);
            role.set("ServiceIdentities", serviceIdentities);
            role.set("NodeIdentities", nodeIdentities);
            links(client, role.putArray("Policies"), policyNames, policyIds, "policy");
            return role;
        }

        /** Consul's merge: new policies and identities are added; a service identity of the same name is replaced. */
        private ObjectNode merged(ConsulClient client, ObjectNode role, ArrayNode serviceIdentities,
                                  ArrayNode nodeIdentities) throws IOException {
            if (!name.isEmpty()) {
                role.put("Name", name);
            }
            if (!description.isEmpty()) {
                role.put("Description", description);
            }
            ArrayNode policies = role.withArray("Policies");
            for (String policyName : policyNames) {
                if (!AclTokenEditCommands.linked(policies, "Name", policyName)) {
                    policies.addObject().put("Name", policyName);
                }
            }
            for (JsonNode link : links(client, JSON.createArrayNode(), List.of(), policyIds, "policy")) {
                if (!AclTokenEditCommands.linked(policies, "ID", link.path("ID").asText())) {
                    policies.add(link);
                }
            }
            AclTokenEditCommands.mergeServiceIdentities(role.withArray("ServiceIdentities"), serviceIdentities);
            ArrayNode existing = role.withArray("NodeIdentities");
            for (JsonNode node : nodeIdentities) {
                // Consul's check (sic): an identity is skipped only when one of its name has another datacenter.
                boolean found = false;
                for (JsonNode link : existing) {
                    found |= link.path("NodeName").asText().equals(node.path("NodeName").asText())
                            && !link.path("Datacenter").asText().equals(node.path("Datacenter").asText());
                }
                if (!found) {
                    existing.add(node);
                }
            }
            return role;
        }
    }
}
