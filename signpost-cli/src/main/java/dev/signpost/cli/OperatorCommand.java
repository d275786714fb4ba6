package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/**
 * {@code operator raft list-peers|remove-peer|transfer-leader} and {@code operator autopilot ...}
 * ({@link AutopilotCommand}) and {@code operator usage instances} ({@link UsageCommand}), as {@code consul operator}.
 */
@Command(name = "operator", description = "Operates the cluster's Raft group.",
        subcommands = {OperatorCommand.Raft.class, AutopilotCommand.class, UsageCommand.class})
final class OperatorCommand extends ParentCommand {

    @Command(name = "raft", description = "Views and changes the Raft configuration.",
            subcommands = {ListPeers.class, RemovePeer.class, TransferLeader.class})
    static final class Raft extends ParentCommand {
    }

    @Command(name = "list-peers", description = "Displays the current Raft peer configuration.")
    static final class ListPeers extends ApiCommand {
        @Option(names = "-stale", arity = "0..1", description = "Any server may answer, without a leader.")
        boolean stale;

        @Override
        String errorPrefix() {
            return "Error getting peers: Failed to retrieve raft configuration: ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            JsonNode conf = get(client, "/v1/operator/raft/configuration" + (stale ? "?stale" : ""));
            long leaderLast = 0;
            for (JsonNode s : conf.get("Servers")) {
                if (s.get("Leader").asBoolean()) {
                    leaderLast = s.get("LastIndex").asLong();
                }
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Node", "ID", "Address", "State", "Voter", "RaftProtocol", "Commit Index",
                    "Trails Leader By"));
            for (JsonNode s : conf.get("Servers")) {
                boolean leader = s.get("Leader").asBoolean();
                long last = s.get("LastIndex").asLong();
                long trails = Math.max(0, leaderLast - last);
                String trailsText = leader ? "_" : trails <= 1 ? trails + " Commit" : trails + " Commits";
                rows.add(List.of(s.get("Node").asText(), s.get("ID").asText(), s.get("Address").asText(),
                        leader ? "leader" : "follower", Boolean.toString(s.get("Voter").asBoolean()),
                        s.get("ProtocolVersion").asText("<=1"), Long.toString(last), trailsText));
            }
            out().println(Columns.format(rows));
            return 0;
        }
    }

    @Command(name = "remove-peer", description = "Removes a server from the Raft configuration.")
    static final class RemovePeer extends ApiCommand {
        @Option(names = "-address", paramLabel = "ADDR", description = "The server address (IP:port) to remove.")
        String address = "";
        @Option(names = "-id", paramLabel = "ID", description = "The server ID to remove.")
        String id = "";

        @Override
        String errorPrefix() {
            return "Error removing peer: ";
        }

        @Override
        int run(ConsulClient client) {
            if (address.isEmpty() == id.isEmpty()) {
                err().println(errorPrefix() + (address.isEmpty() ? "an address or id is required for the peer to remove"
                        : "cannot give both an address and id"));
                return 1;
            }
            String query = address.isEmpty() ? "?id=" + encode(id) : "?address=" + encode(address);
            call(client, "DELETE", "/v1/operator/raft/peer" + query, new byte[0]);
            out().println(address.isEmpty() ? "Removed peer with id \"" + id + "\""
                    : "Removed peer with address \"" + address + "\"");
            return 0;
        }
    }

    @Command(name = "transfer-leader", description = "Transfers Raft leadership to another server.")
    static final class TransferLeader extends ApiCommand {
        @Option(names = "-id", paramLabel = "ID", description = "The ID of the server to transfer leadership to.")
        String id = "";

        @Override
        String errorPrefix() {
            return "Error transfering leadership: Failed to transfer leadership ";
        }

        @Override
        int run(ConsulClient client) throws IOException {
            String path = "/v1/operator/raft/transfer-leader" + (id.isEmpty() ? "" : "?id=" + encode(id));
            JsonNode reply = JSON.readTree(call(client, "POST", path, new byte[0]).body());
            if (!reply.path("Success").asBoolean()) {
                err().println("Error transfering leadership: Failed to transfer leadership");
                return 1;
            }
            out().println("Success");
            return 0;
        }
    }
}
