package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/** {@code catalog datacenters|nodes|services}, as {@code consul catalog}. */
@Command(name = "catalog", description = "Lists what the catalog holds.",
        subcommands = {CatalogCommand.Datacenters.class, CatalogCommand.Nodes.class, CatalogCommand.Services.class})
final class CatalogCommand extends ParentCommand {

    @Command(name = "datacenters", description = "Lists the known datacenters.")
    static final class Datacenters extends ApiCommand {
        @Override
        String errorPrefix() {
            return "Error listing datacenters: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            get(client, "/v1/catalog/datacenters").forEach(dc -> out().println(dc.asText()));
            return 0;
        }
    }

    @Command(name = "nodes", description = "Lists the nodes.")
    static final class Nodes extends ApiCommand {
        @Option(names = "-detailed", arity = "0..1", description = "Full node IDs and tagged addresses.")
        boolean detailed;
        @Option(names = "-near", paramLabel = "NODE",
                description = "Sort by estimated round-trip time from NODE (\"_agent\": this agent's node).")
        String near;

        @Override
        String errorPrefix() {
            return "Error listing nodes: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode nodes = get(client, "/v1/catalog/nodes" + (near == null || near.isEmpty() ? ""
                    : "?near=" + encode(near)));
            if (nodes.isEmpty()) {
                err().println("No nodes match the given query.");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Node", "ID", "Address", "DC"));
            for (JsonNode n : nodes) {
                String id = n.get("ID").asText();
                rows.add(List.of(n.get("Node").asText(), detailed || id.length() < 8 ? id : id.substring(0, 8),
                        n.get("Address").asText(), n.get("Datacenter").asText()));
            }
            out().println(Columns.format(rows));
            return 0;
        }
    }

    @Command(name = "services", description = "Lists the services.")
    static final class Services extends ApiCommand {
        @Option(names = "-tags", arity = "0..1", description = "The tags of each service too.")
        boolean tags;

        @Override
        String errorPrefix() {
            return "Error listing services: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode services = get(client, "/v1/catalog/services");
            List<List<String>> rows = new ArrayList<>();
            services.fieldNames().forEachRemaining(name -> {
                List<String> serviceTags = new ArrayList<>();
                services.get(name).forEach(t -> serviceTags.add(t.asText()));
                rows.add(tags ? List.of(name, String.join(",", serviceTags)) : List.of(name));
            });
            rows.sort(java.util.Comparator.comparing(r -> r.get(0)));
            if (!rows.isEmpty()) {
                out().println(Columns.format(rows));
            }
            return 0;
        }
    }
}
