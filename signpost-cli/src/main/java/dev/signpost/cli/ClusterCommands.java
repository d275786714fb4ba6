package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;

/** {@code info}, {@code join}, {@code leave}, {@code force-leave} and {@code version}, as {@code consul}'s. */
final class ClusterCommands {
    private ClusterCommands() {
    }

    @Command(name = "info", description = "Shows the agent's Stats for operators.")
    static final class Info extends ApiCommand {
        @Override
        String errorPrefix() {
            return "Error querying agent: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            Map<String, Map<String, String>> stats = new TreeMap<>();
            get(client, "/v1/agent/self").path("Stats").properties().forEach(section -> {
                Map<String, String> values = new TreeMap<>();
                section.getValue().properties().forEach(v -> values.put(v.getKey(), v.getValue().asText()));
                stats.put(section.getKey(), values);
            });
            stats.forEach((section, values) -> {
                out().println(section + ":");
                values.forEach((k, v) -> out().println("\t" + k + " = " + v));
            });
            return 0;
        }
    }

    @Command(name = "join", description = "Tells the agent to join the cluster at ADDRESS...")
    static final class Join extends ApiCommand {
        @Parameters(arity = "0..*", paramLabel = "ADDRESS")
        List<String> addresses = new ArrayList<>();
        @Option(names = "-wan", arity = "0..1", description = "Join the WAN pool.")
        boolean wan;

        @Override
        String errorPrefix() {
            return "Error joining the cluster: ";
        }

        @Override
        int run(ConsulClient client) {
            if (addresses.isEmpty()) {
                err().println("At least one address to join must be specified.");
                return 1;
            }
            int joined = 0;
            for (String address : addresses) {
                try {
                    call(client, "PUT", "/v1/agent/join/" + encode(address) + (wan ? "?wan=1" : ""), new byte[0]);
                    joined++;
                } catch (ConsulException e) {
                    err().println("Error joining address '" + address + "': " + goError(e));
                }
            }
            if (joined == 0) {
                err().println("Failed to join any nodes.");
                return 1;
            }
            out().println("Successfully joined cluster by contacting " + joined + " nodes.");
            return 0;
        }
    }

    @Command(name = "leave", description = "Tells the agent to leave the cluster gracefully and stop.")
    static final class Leave extends ApiCommand {
        @Override
        String errorPrefix() {
            return "Error leaving: ";
        }

        @Override
        int run(ConsulClient client) {
            call(client, "PUT", "/v1/agent/leave", new byte[0]);
            out().println("Graceful leave complete");
            return 0;
        }
    }

    @Command(name = "force-leave", description = "Forces a failed member NODE out of the cluster.")
    static final class ForceLeave extends ApiCommand {
        @Parameters(arity = "0..1", paramLabel = "NODE")
        String node = "";
        @Option(names = "-prune", arity = "0..1", description = "Forget the member entirely.")
        boolean prune;

        @Override
        String errorPrefix() {
            return "Error force leaving: ";
        }

        @Override
        int run(ConsulClient client) {
            if (node.isEmpty()) {
                err().println("A node name must be specified to force leave.");
                return 1;
            }
            call(client, "PUT", "/v1/agent/force-leave/" + encode(node) + (prune ? "?prune" : ""), new byte[0]);
            return 0;
        }
    }

    @Command(name = "version", description = "Prints the version.")
    static final class VersionCommand implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.println("Signpost v" + Version.current());
            out.println("Consul API v1.20.0");
            out.println("Protocol 2 spoken by default, understands 2 to 3 (agent will automatically use protocol >2"
                    + " when speaking to compatible agents)");
            out.flush();
            return 0;
        }
    }
}
