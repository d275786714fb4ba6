package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.GoDuration;

/** {@code operator autopilot get-config|set-config|state}, as {@code consul operator autopilot}. */
@Command(name = "autopilot", description = "Views and changes the autopilot configuration.",
        subcommands = {AutopilotCommand.GetConfig.class, AutopilotCommand.SetConfig.class,
                AutopilotCommand.State.class})
final class AutopilotCommand extends ParentCommand {

    @Command(name = "get-config", description = "Display the current Autopilot configuration.")
    static final class GetConfig extends ApiCommand {
        @Option(names = "-stale", arity = "0..1", description = "Any server may answer, without a leader.")
        boolean stale;

        @Override
        String errorPrefix() {
            return "Error querying Autopilot configuration: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode c = get(client, "/v1/operator/autopilot/configuration" + (stale ? "?stale" : ""));
            out().println("CleanupDeadServers = " + c.path("CleanupDeadServers").asBoolean());
            out().println("LastContactThreshold = " + c.path("LastContactThreshold").asText());
            out().println("MaxTrailingLogs = " + c.path("MaxTrailingLogs").asLong());
            out().println("MinQuorum = " + c.path("MinQuorum").asLong());
            out().println("ServerStabilizationTime = " + c.path("ServerStabilizationTime").asText());
            out().println("RedundancyZoneTag = " + JSON.writeValueAsString(c.path("RedundancyZoneTag").asText()));
            out().println("DisableUpgradeMigration = " + c.path("DisableUpgradeMigration").asBoolean());
            out().println("UpgradeVersionTag = " + JSON.writeValueAsString(c.path("UpgradeVersionTag").asText()));
            return 0;
        }
    }

    @Command(name = "set-config", description = "Modify the current Autopilot configuration.")
    static final class SetConfig extends ApiCommand {
        @Option(names = "-cleanup-dead-servers", paramLabel = "true|false",
                description = "Whether dead servers are removed automatically.")
        String cleanupDeadServers;
        @Option(names = "-max-trailing-logs", paramLabel = "N",
                description = "Log entries a server may trail the leader by before it is unhealthy.")
        String maxTrailingLogs;
        @Option(names = "-min-quorum", paramLabel = "N",
                description = "The fewest servers autopilot may leave when it prunes dead servers.")
        String minQuorum;
        @Option(names = "-last-contact-threshold", paramLabel = "DURATION",
                description = "Time a server may go without the leader's contact before it is unhealthy (200ms).")
        String lastContactThreshold;
        @Option(names = "-server-stabilization-time", paramLabel = "DURATION",
                description = "Time a server must be healthy before it counts as stable (10s).")
        String serverStabilizationTime;
        @Option(names = "-redundancy-zone-tag", paramLabel = "TAG", description = "(Enterprise-only) Kept as given.")
        String redundancyZoneTag;
        @Option(names = "-disable-upgrade-migration", paramLabel = "true|false",
                description = "(Enterprise-only) Kept as given.")
        String disableUpgradeMigration;
        @Option(names = "-upgrade-version-tag", paramLabel = "TAG", description = "(Enterprise-only) Kept as given.")
        String upgradeVersionTag;

        @Override
        String errorPrefix() {
            return "Error querying Autopilot configuration: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            // Go's flag package checks every value before the command talks to the agent.
            Boolean cleanup;
            Boolean disable;
            Long trailing;
            Long quorum;
            String lastContact;
            String stabilization;
            try {
                cleanup = bool("cleanup-dead-servers", cleanupDeadServers);
                disable = bool("disable-upgrade-migration", disableUpgradeMigration);
                trailing = unsigned("max-trailing-logs", maxTrailingLogs);
                quorum = unsigned("min-quorum", minQuorum);
                lastContact = duration("last-contact-threshold", lastContactThreshold);
                stabilization = duration("server-stabilization-time", serverStabilizationTime);
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return 1;
            }
            ObjectNode conf = (ObjectNode) get(client, "/v1/operator/autopilot/configuration");
            if (cleanup != null) {
                conf.put("CleanupDeadServers", cleanup);
            }
            if (disable != null) {
                conf.put("DisableUpgradeMigration", disable);
            }
            if (trailing != null) {
                conf.put("MaxTrailingLogs", trailing);
            }
            if (quorum != null) {
                conf.put("MinQuorum", quorum);
            }
            if (lastContact != null) {
                conf.put("LastContactThreshold", lastContact);
            }
            if (stabilization != null) {
                conf.put("ServerStabilizationTime", stabilization);
            }
            if (redundancyZoneTag != null) {
                conf.put("RedundancyZoneTag", redundancyZoneTag);
            }
            if (upgradeVersionTag != null) {
                conf.put("UpgradeVersionTag", upgradeVersionTag);
            }
            long cas = conf.path("ModifyIndex").asLong();
            try {
                String reply = new String(call(client, "PUT", "/v1/operator/autopilot/configuration?cas=" + cas,
                        JSON.writeValueAsBytes(conf)).body(), StandardCharsets.UTF_8);
                if (reply.contains("true")) {
                    out().println("Configuration updated!");
                    return 0;
                }
            } catch (dev.signpost.client.ConsulException e) {
                err().println("Error setting Autopilot configuration: " + goError(e));
                return 1;
            }
            out().println("Configuration could not be atomically updated, please try again");
            return 1;
        }

        private static Boolean bool(String flag, String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "1", "t", "T", "true", "TRUE", "True" -> true;
                case "0", "f", "F", "false", "FALSE", "False" -> false;
                default -> throw invalid(value, flag, "parse error");
            };
        }

        private static Long unsigned(String flag, String value) {
            if (value == null) {
                return null;
            }
            try {
                long n = Long.parseLong(value);
                if (n < 0 || n > 0xFFFFFFFFL) {
                    throw invalid(value, flag, "parse error");
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(value, flag, "parse error");
            }
        }

        private static String duration(String flag, String value) {
            if (value == null) {
                return null;
            }
            try {
                Duration d = GoDuration.parse(value);
                return GoDuration.format(d);
            } catch (IllegalArgumentException e) {
                throw invalid(value, flag, "parse error");
            }
        }

        /** Go's flag package: {@code invalid value "x" for flag -name: parse error}, exit 1. */
        private static IllegalArgumentException invalid(String value, String flag, String why) {
            return new IllegalArgumentException("Failed to parse args: invalid value \"" + value + "\" for flag -" + flag
                    + ": " + why);
        }
    }

    @Command(name = "state", description = "Display the current Autopilot state.")
    static final class State extends ApiCommand {
        @Option(names = "-stale", arity = "0..1", description = "Any server may answer, without a leader.")
        boolean stale;
        @Option(names = "-format", paramLabel = "pretty|json", description = "Output format (pretty).")
        String format = "pretty";

        @Override
        String errorPrefix() {
            return "Error querying Autopilot state: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode state = get(client, "/v1/operator/autopilot/state" + (stale ? "?stale" : ""));
            switch (format) {
                case "json" -> out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state)
                        .replace("  ", "    "));
                case "pretty" -> out().println(pretty(state));
                default -> {
                    err().println("Unknown format: " + format);
                    return 1;
                }
            }
            return 0;
        }

        /** Consul's pretty formatter: the summary, the voters, then each server by ID. */
        static String pretty(JsonNode state) {
            StringBuilder b = new StringBuilder();
            b.append("Healthy:                      ").append(state.path("Healthy").asBoolean()).append('\n');
            b.append("Failure Tolerance:            ").append(state.path("FailureTolerance").asInt()).append('\n');
            b.append("Optimistic Failure Tolerance: ").append(state.path("OptimisticFailureTolerance").asInt())
                    .append('\n');
            b.append("Leader:                       ").append(state.path("Leader").asText()).append('\n');
            b.append("Voters:\n");
            state.path("Voters").forEach(v -> b.append("   ").append(v.asText()).append('\n'));
            b.append("Servers:\n");
            Map<String, JsonNode> servers = new TreeMap<>();
            state.path("Servers").properties().forEach(e -> servers.put(e.getKey(), e.getValue()));
            for (JsonNode s : servers.values()) {
                b.append("   ").append(s.path("ID").asText()).append('\n');
                line(b, "Name", s.path("Name").asText());
                line(b, "Address", s.path("Address").asText());
                line(b, "Version", s.path("Version").asText());
                line(b, "Status", s.path("Status").asText());
                line(b, "Node Type", s.path("NodeType").asText());
                line(b, "Node Status", s.path("NodeStatus").asText());
                line(b, "Healthy", Boolean.toString(s.path("Healthy").asBoolean()));
                line(b, "Last Contact", s.path("LastContact").asText());
                line(b, "Last Term", Long.toString(s.path("LastTerm").asLong()));
                line(b, "Last Index", Long.toString(s.path("LastIndex").asLong()));
                if (s.path("ReadReplica").asBoolean()) {
                    line(b, "Read Replica", "true");
                }
                Map<String, String> meta = new TreeMap<>();
                s.path("Meta").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
                if (!meta.isEmpty()) {
                    b.append("      Meta\n");
                    for (Map.Entry<String, String> e : meta.entrySet()) {
                        b.append("         ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()))
                                .append('\n');
                    }
                }
            }
            return b.toString();
        }

        private static void line(StringBuilder b, String name, String value) {
            b.append("      ").append(name).append(':').append(" ".repeat(16 - name.length())).append(value)
                    .append('\n');
        }

        private static String quote(String text) {
            try {
                return JSON.writeValueAsString(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
