package dev.signpost.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;

/** {@code services register|deregister}, as {@code consul services}: flags or service definition files (JSON/HCL). */
@Command(name = "services", description = "Interact with services.",
        subcommands = {ServicesCommand.Register.class, ServicesCommand.Deregister.class})
final class ServicesCommand extends ParentCommand {

    /** The services defined in FILEs (config files as the agent reads them); "Error: ..." and exit 1 when bad. */
    static List<ObjectNode> fromFiles(List<Path> files) {
        return ConfigDefinitions.serviceBodies(ConfigFiles.read(files, "", List.of()));
    }

    /** register and deregister: services named by flags or defined in FILEs. */
    abstract static class ServiceDefinitionCommand extends StagedApiCommand {
        @Parameters(arity = "0..*", paramLabel = "FILE")
        List<Path> files = new ArrayList<>();

        ServiceDefinitionCommand(String firstPrefix) {
            super(firstPrefix);
        }

        /** The services the FILEs define, or empty after printing consul's "Error: ..." for a bad one. */
        Optional<List<ObjectNode>> fileServices() {
            try {
                return Optional.of(fromFiles(files));
            } catch (Main.UsageException e) {
                err().println("Error: " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    @Command(name = "register", description = "Register services with the local agent.")
    static final class Register extends ServiceDefinitionCommand {
        @Option(names = "-id", paramLabel = "ID", description = "ID of the service (default: the -name value).")
        String id = "";
        @Option(names = "-name", paramLabel = "NAME", description = "Name of the service to register.")
        String name = "";
        @Option(names = "-address", paramLabel = "ADDR", description = "Address of the service.")
        String address = "";
        @Option(names = "-port", paramLabel = "PORT", description = "Port of the service.")
        int port;
        @Option(names = "-tag", paramLabel = "TAG", description = "Tag to add to the service (repeatable).")
        List<String> tags = new ArrayList<>();
        @Option(names = "-meta", paramLabel = "KEY=VALUE", description = "Metadata to set on the service (repeatable).")
        List<String> meta = new ArrayList<>();
        @Option(names = "-kind", paramLabel = "KIND", description = "The service's kind.")
        String kind = "";

        Register() {
            super("Error registering service: ");
        }

        @Override
        int run(ConsulClient client) throws IOException {
            Map<String, String> metaMap = new LinkedHashMap<>();
            for (String pair : meta) {
                int eq = pair.indexOf('=');
                if (eq < 0) { // consul's FlagMapValue, reported as Go's flag package does
                    err().println("invalid value \"" + pair + "\" for flag -meta: Missing \"=\" value in argument: "
                            + pair);
                    return 1;
                }
                metaMap.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            if (files.isEmpty() && name.isEmpty()) {
                err().println("Service registration requires at least one argument or flags.");
                return 1;
            }
            if (!files.isEmpty() && !name.isEmpty()) {
                err().println("Service registration requires arguments or -id, not both.");
                return 1;
            }
            List<ObjectNode> services;
            if (files.isEmpty()) {
                ObjectNode flagged = JSON.createObjectNode();
                services = List.of(combine(flagged, metaMap));
            } else {
                Optional<List<ObjectNode>> defined = fileServices();
                if (defined.isEmpty()) {
                    return 1;
                }
                services = defined.get();
                services.forEach(s -> combine(s, metaMap));
            }
            for (ObjectNode service : services) {
                String serviceName = service.path("Name").asText("");
                prefix = "Error registering service \"" + serviceName + "\": ";
                requireOk(call(client, "PUT", "/v1/agent/service/register", JSON.writeValueAsBytes(service)));
                out().println("Registered service: " + serviceName);
            }
            return 0;
        }

        /** Consul's CombineArgs: a flag fills what the definition leaves empty; meta is merged, tags appended. */
        private ObjectNode combine(ObjectNode service, Map<String, String> metaMap) {
            fill(service, "ID", id);
            fill(service, "Name", name);
            fill(service, "Address", address);
            fill(service, "Kind", kind);
            if (port != 0 && service.path("Port").asInt(0) == 0) {
                service.put("Port", port);
            }
            ObjectNode metaNode = service.has("Meta") && service.get("Meta").isObject()
                    ? (ObjectNode) service.get("Meta") : service.putObject("Meta");
            metaMap.forEach(metaNode::put);
            var tagNode = service.has("Tags") && service.get("Tags").isArray()
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) service.get("Tags") : service.putArray("Tags");
            tags.forEach(tagNode::add);
            return service;
        }

        private static void fill(ObjectNode service, String field, String value) {
            if (!value.isEmpty() && service.path(field).asText("").isEmpty()) {
                service.put(field, value);
            }
        }
    }

    @Command(name = "deregister", description = "Deregister services with the local agent.")
    static final class Deregister extends ServiceDefinitionCommand {
        @Option(names = "-id", paramLabel = "ID", description = "ID to delete. This must not be set if arguments are given.")
        String id = "";

        Deregister() {
            super("Error deregistering service: ");
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (files.isEmpty() && id.isEmpty()) {
                err().println("Service deregistration requires at least one argument or -id.");
                return 1;
            }
            if (!files.isEmpty() && !id.isEmpty()) {
                err().println("Service deregistration requires arguments or -id, not both.");
                return 1;
            }
            List<ObjectNode> services;
            if (files.isEmpty()) {
                services = List.of(JSON.createObjectNode().put("ID", id));
            } else {
                Optional<List<ObjectNode>> defined = fileServices();
                if (defined.isEmpty()) {
                    return 1;
                }
                services = defined.get();
            }
            for (ObjectNode service : services) {
                String serviceId = service.path("ID").asText("");
                if (serviceId.isEmpty()) {
                    serviceId = service.path("Name").asText("");
                }
                if (serviceId.isEmpty()) {
                    continue;
                }
                // consul says "registering" here too (command/services/deregister).
                prefix = "Error registering service \"" + service.path("Name").asText("") + "\": ";
                requireOk(call(client, "PUT", "/v1/agent/service/deregister/" + encode(serviceId), new byte[0]));
                out().println("Deregistered service: " + serviceId);
            }
            return 0;
        }
    }
}
