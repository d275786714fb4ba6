package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;

/** {@code maint} and {@code event}: consul's commands that act on the local agent, with its texts and exit codes. */
final class AgentActionCommands {
    private AgentActionCommands() {
    }

    @Command(name = "maint", description = "Controls node or service maintenance mode.")
    static final class Maint extends StagedApiCommand {
        @Option(names = "-enable", arity = "0..1", description = "Enable maintenance mode.")
        boolean enable;
        @Option(names = "-disable", arity = "0..1", description = "Disable maintenance mode.")
        boolean disable;
        @Option(names = "-reason", paramLabel = "TEXT", description = "Text describing the maintenance reason.")
        String reason = "";
        @Option(names = "-service", paramLabel = "ID",
                description = "Control maintenance mode for a specific service ID.")
        String serviceId = "";

        Maint() {
            super("Error querying Consul agent: ");
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (enable && disable) {
                err().println("Only one of -enable or -disable may be provided");
                return 1;
            }
            if (!enable && !reason.isEmpty()) {
                err().println("Reason may only be provided with -enable");
                return 1;
            }
            if (!enable && !disable && !serviceId.isEmpty()) {
                err().println("Service requires either -enable or -disable");
                return 1;
            }
            String nodeName = get(client, "/v1/agent/self").at("/Config/NodeName").asText();
            if (!enable && !disable) {
                prefix = "Error getting checks: ";
                for (JsonNode check : get(client, "/v1/agent/checks")) {
                    String id = check.path("CheckID").asText();
                    if (id.equals("_node_maintenance")) {
                        out().println("Node:\n  Name:   " + nodeName + "\n  Reason: " + check.path("Notes").asText()
                                + "\n");
                    } else if (id.startsWith("_service_maintenance:")) {
                        out().println("Service:\n  ID:     " + check.path("ServiceID").asText() + "\n  Reason: "
                                + check.path("Notes").asText() + "\n");
                    }
                }
                return 0;
            }
            String what = serviceId.isEmpty() ? "node" : "service";
            prefix = "Error " + (enable ? "enabling " : "disabling ") + what + " maintenance: ";
            String path = serviceId.isEmpty() ? "/v1/agent/maintenance" : "/v1/agent/service/maintenance/"
                    + encode(serviceId);
            // An unknown service ID is a 404, Consul's error.
            requireOk(call(client, "PUT", path + "?enable=" + enable + (enable && !reason.isEmpty() ? "&reason="
                    + encode(reason) : ""), new byte[0]));
            String state = enable ? "enabled" : "disabled";
            out().println(serviceId.isEmpty() ? "Node maintenance is now " + state
                    : "Service maintenance is now " + state + " for \"" + serviceId + "\"");
            return 0;
        }
    }

    @Command(name = "event", description = "Fire a new event.")
    static final class Event extends StagedApiCommand {
        @Option(names = "-name", paramLabel = "NAME", description = "Name of the event.")
        String name = "";
        @Option(names = "-node", paramLabel = "REGEXP", description = "Regular expression to filter on node names.")
        String node = "";
        @Option(names = "-service", paramLabel = "REGEXP",
                description = "Regular expression to filter on service instances.")
        String service = "";
        @Option(names = "-tag", paramLabel = "REGEXP",
                description = "Regular expression to filter on service tags. Must be used with -service.")
        String tag = "";
        @Parameters(paramLabel = "payload", arity = "0..*")
        List<String> payload = new ArrayList<>();

        Event() {
            super("Error querying Consul agent: ");
        }

        @Override
        int run(ConsulClient client) throws IOException {
            if (name.isEmpty()) {
                err().println("Event name must be specified");
                return 1;
            }
            for (String[] filter : new String[][] {{node, "node"}, {service, "service"}, {tag, "tag"}}) {
                try {
                    Pattern.compile(filter[0]);
                } catch (PatternSyntaxException e) {
                    err().println("Failed to compile " + filter[1] + " filter regexp: " + e.getDescription());
                    return 1;
                }
            }
            if (!tag.isEmpty() && service.isEmpty()) {
                err().println("Cannot provide tag filter without service filter.");
                return 1;
            }
            if (payload.size() > 1) {
                err().println("Too many command line arguments.");
                return 1;
            }
            get(client, "/v1/agent/self");
            prefix = "Error firing event: ";
            StringBuilder query = new StringBuilder();
            for (String[] filter : new String[][] {{"node", node}, {"service", service}, {"tag", tag}}) {
                if (!filter[1].isEmpty()) {
                    query.append(query.isEmpty() ? '?' : '&').append(filter[0]).append('=').append(encode(filter[1]));
                }
            }
            byte[] body = payload.isEmpty() ? new byte[0] : payload.get(0).getBytes(StandardCharsets.UTF_8);
            JsonNode fired = JSON.readTree(call(client, "PUT", "/v1/event/fire/" + encode(name) + query, body)
                    .body());
            out().println("Event ID: " + fired.path("ID").asText());
            return 0;
        }
    }
}
