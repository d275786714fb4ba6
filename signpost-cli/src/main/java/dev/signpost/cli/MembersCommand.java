package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.signpost.client.ConsulClient;

/** {@code members [-detailed] [-wan] [-status REGEX]}: the agent's members in {@code consul members}' table. */
@Command(name = "members", description = "Lists the members of the cluster.")
final class MembersCommand extends ApiCommand {
    private static final String[] STATUS = {"none", "alive", "leaving", "left", "failed"};

    @Option(names = "-detailed", arity = "0..1", description = "All tags of each member.")
    boolean detailed;
    @Option(names = "-wan", arity = "0..1", description = "The WAN pool (servers, as name.dc).")
    boolean wan;
    @Option(names = "-status", paramLabel = "REGEX", description = "Only members whose status matches.")
    String status = ".*";

    @Override
    String errorPrefix() {
        return "Error retrieving members: ";
    }

    @Override
    int run(ConsulClient client) throws IOException {
        Pattern statusFilter = Pattern.compile(status);
        List<JsonNode> members = new ArrayList<>();
        get(client, "/v1/agent/members?segment=_all" + (wan ? "&wan=1" : "")).forEach(m -> {
            if (statusFilter.matcher(statusName(m)).find()) {
                members.add(m);
            }
        });
        if (members.isEmpty()) {
            return 2;
        }
        members.sort(Comparator.comparing((JsonNode m) -> !"consul".equals(m.at("/Tags/role").asText()))
                .thenComparing(m -> m.get("Name").asText()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(detailed ? List.of("Node", "Address", "Status", "Tags")
                : List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"));
        for (JsonNode m : members) {
            String address = m.get("Addr").asText() + ":" + m.get("Port").asInt();
            if (detailed) {
                Map<String, String> tags = new TreeMap<>();
                m.get("Tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
                List<String> pairs = tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
                rows.add(List.of(m.get("Name").asText(), address, statusName(m), String.join(",", pairs)));
                continue;
            }
            String role = m.at("/Tags/role").asText();
            String build = m.at("/Tags/build").asText("");
            build = build.isEmpty() ? "< 0.3" : build.contains(":") ? build.substring(0, build.indexOf(':')) : build;
            String type = role.equals("consul") ? "server" : role.equals("node") ? "client" : "unknown";
            rows.add(List.of(m.get("Name").asText(), address, statusName(m), type, build, m.at("/Tags/vsn").asText(),
                    m.at("/Tags/dc").asText(), "default", role.equals("consul") ? "<all>" : "<default>"));
        }
        out().println(Columns.format(rows));
        return 0;
    }

    private static String statusName(JsonNode member) {
        int code = member.get("Status").asInt();
        return code >= 0 && code < STATUS.length ? STATUS[code] : "unknown";
    }
}
