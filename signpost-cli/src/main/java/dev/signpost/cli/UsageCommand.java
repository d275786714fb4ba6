package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;

/** {@code operator usage instances}, as consul's command/operator/usage/instances prints the usage endpoint. */
@Command(name = "usage", description = "Provides cluster-level usage information.", subcommands = UsageCommand.Instances.class)
final class UsageCommand extends ParentCommand {

    @Command(name = "instances", description = "Display service instance usage information.")
    static final class Instances extends ApiCommand {
        @Option(names = "-billable", arity = "0..1", description = "Display only billable service info.")
        boolean billable;
        @Option(names = "-connect", arity = "0..1", description = "Display only Connect service info.")
        boolean connect;
        @Option(names = "-all-datacenters", arity = "0..1", description = "Display service counts from all datacenters.")
        boolean allDatacenters;
        @Option(names = "-datacenter", paramLabel = "DC", description = "The datacenter to ask (the agent's).")
        String datacenter = "";
        @Option(names = "-stale", arity = "0..1", description = "Any server may answer, without a leader.")
        boolean stale;
        @Parameters(arity = "0..*", hidden = true)
        List<String> args = new ArrayList<>();

        @Override
        String errorPrefix() {
            return "Error fetching usage information: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (!args.isEmpty()) {
                err().println("Too many arguments (expected 0, got " + args.size() + ")");
                return 1;
            }
            if (billable && connect) {
                err().println("Cannot specify both -billable and -connect flags");
                return 1;
            }
            List<String> query = new ArrayList<>();
            if (!datacenter.isEmpty()) {
                query.add("dc=" + encode(datacenter));
            }
            if (stale) {
                query.add("stale");
            }
            if (allDatacenters) {
                query.add("global");
            }
            String path = "/v1/operator/usage" + (query.isEmpty() ? "" : "?" + String.join("&", query));
            out().print(format(new TreeMap<>(byDatacenter(get(client, path).path("Usage"))), billable, connect,
                    allDatacenters));
            return 0;
        }
    }

    private static Map<String, JsonNode> byDatacenter(JsonNode usage) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : usage.properties()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The whole output: billable totals, the billable and node tables, then the Connect table, with consul's blank
     * lines between them (each of its {@code UI.Output} calls adds one newline to text that often ends in one).
     */
    static String format(TreeMap<String, JsonNode> usage, boolean billableOnly, boolean connectOnly,
                         boolean showDatacenter) {
        StringBuilder out = new StringBuilder();
        if (!connectOnly) {
            int total = 0;
            List<String> perDatacenter = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : usage.entrySet()) {
                int billable = e.getValue().path("BillableServiceInstances").asInt();
                total += billable;
                perDatacenter.add(e.getKey() + " Billable Service Instances: " + billable);
            }
            out.append("Billable Service Instances Total: ").append(total).append('\n');
            perDatacenter.stream().sorted().forEach(line -> out.append(line).append('\n'));
            out.append("\nBillable Services\n").append(billableTable(usage, showDatacenter)).append("\n\n");
            out.append("\nNodes\n").append(nodesTable(usage)).append("\n\n\n");
        }
        if (!billableOnly) {
            out.append("Connect Services\n").append(connectTable(usage, showDatacenter)).append('\n');
        }
        return out.toString();
    }

    /** Services and billable instances, per datacenter with a total when datacenters are shown. */
    static String billableTable(TreeMap<String, JsonNode> usage, boolean showDatacenter) {
        StringBuilder t = new StringBuilder(showDatacenter ? "Datacenter\t" : "").append("Services\tService instances\n");
        int services = 0;
        int instances = 0;
        for (Map.Entry<String, JsonNode> e : usage.entrySet()) {
            int s = e.getValue().path("Services").asInt();
            int i = e.getValue().path("BillableServiceInstances").asInt();
            t.append(showDatacenter ? e.getKey() + "\t" : "").append(s).append('\t').append(i).append('\n');
            services += s;
            instances += i;
        }
        if (showDatacenter) {
            t.append("\t\t\nTotal\t").append(services).append('\t').append(instances).append('\n');
        }
        return Columns.tabwriter(t.toString(), 0, 6).strip();
    }

    /** Each datacenter's node count and their total: consul prints this table the same with or without datacenters. */
    static String nodesTable(TreeMap<String, JsonNode> usage) {
        StringBuilder t = new StringBuilder("Datacenter\tCount\t\t\n");
        int total = 0;
        for (Map.Entry<String, JsonNode> e : usage.entrySet()) {
            int nodes = e.getValue().path("Nodes").asInt();
            t.append(e.getKey()).append('\t').append(nodes).append('\n');
            total += nodes;
        }
        t.append("\t\nTotal\t").append(total);
        return Columns.tabwriter(t.toString(), 0, 6).strip();
    }

    /** Instances of each Connect kind, by datacenter then kind. */
    static String connectTable(TreeMap<String, JsonNode> usage, boolean showDatacenter) {
        StringBuilder t = new StringBuilder(showDatacenter ? "Datacenter\t" : "").append("Type\tService instances\n");
        int instances = 0;
        for (Map.Entry<String, JsonNode> e : usage.entrySet()) {
            for (Map.Entry<String, JsonNode> kind : byDatacenter(e.getValue().path("ConnectServiceInstances")).entrySet()) {
                t.append(showDatacenter ? e.getKey() + "\t" : "").append(kind.getKey()).append('\t')
                        .append(kind.getValue().asInt()).append('\n');
                instances += kind.getValue().asInt();
            }
        }
        if (showDatacenter) {
            t.append("\t\t\nTotal\t\t").append(instances).append('\n');
        }
        return Columns.tabwriter(t.toString(), 0, 6).strip();
    }
}
