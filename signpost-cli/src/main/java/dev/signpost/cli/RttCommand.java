package dev.signpost.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.core.coordinate.Coordinate;

/**
 * {@code rtt [-wan] node1 [node2]}, as {@code consul rtt}: the round-trip time between two nodes estimated from their
 * network coordinates (LAN ones from {@code /v1/coordinate/nodes}, or with {@code -wan} the servers' from
 * {@code /v1/coordinate/datacenters}, named {@code node.dc}); the second node defaults to the agent's.
 */
@Command(name = "rtt", description = "Estimates network round trip time between nodes.")
final class RttCommand extends StagedApiCommand {
    static final String HELP = """
            Usage: consul rtt [options] node1 [node2]

              Estimates the round trip time between two nodes using Consul's network
              coordinate model of the cluster.

              At least one node name is required. If the second node name isn't given, it
              is set to the agent's node name. Note that these are node names as known to
              Consul as "consul members" would show, not IP addresses.

              By default, the two nodes are assumed to be nodes in the local datacenter
              and the LAN coordinates are used. If the -wan option is given, then the WAN
              coordinates are used, and the node names must be suffixed by a period and
              the datacenter (eg. "myserver.dc1").

              It is not possible to measure between LAN coordinates and WAN coordinates
              because they are maintained by independent Serf gossip areas, so they are
              not compatible.""";

    @Parameters(arity = "0..*", paramLabel = "NODE")
    List<String> nodes = new ArrayList<>();
    @Option(names = "-wan", arity = "0..1", description = "Use WAN coordinates instead of LAN coordinates.")
    boolean wan;

    RttCommand() {
        super("Error getting coordinates: ");
    }

    @Override
    int run(ConsulClient client) throws IOException {
        if (nodes.isEmpty() || nodes.size() > 2) {
            err().println("One or two node names must be specified");
            err().println();
            err().println(HELP);
            return 1;
        }
        List<String> names = new ArrayList<>(nodes);
        if (names.size() < 2) {
            prefix = "Unable to look up agent info: ";
            JsonNode config = get(client, "/v1/agent/self").path("Config");
            String node = config.path("NodeName").asText();
            names.add(wan ? node + "." + config.path("Datacenter").asText() : node);
            prefix = "Error getting coordinates: ";
        }
        Optional<Coordinate[]> pair = wan ? wanPair(client, names) : lanPair(client, names);
        if (pair.isEmpty()) {
            return 1;
        }
        Coordinate[] found = pair.get();
        for (int i = 0; i < 2; i++) {
            if (found[i] == null) {
                err().println("Could not find a coordinate for node \"" + names.get(i) + "\"");
                return 1;
            }
        }
        double millis = found[0].distanceTo(found[1]) * 1000.0;
        out().println("Estimated " + names.get(0) + " <-> " + names.get(1) + " rtt: "
                + String.format(java.util.Locale.ROOT, "%.3f ms", millis) + " (using " + (wan ? "WAN" : "LAN")
                + " coordinates)");
        return 0;
    }

    /** Both nodes' LAN coordinates in a segment they share (Consul's CoordinateSet.Intersect). */
    private Optional<Coordinate[]> lanPair(ConsulClient client, List<String> names) throws IOException {
        List<Map<String, Coordinate>> sets = List.of(new HashMap<>(), new HashMap<>());
        for (JsonNode entry : get(client, "/v1/coordinate/nodes")) {
            for (int i = 0; i < 2; i++) {
                if (entry.path("Node").asText().equalsIgnoreCase(names.get(i))) {
                    sets.get(i).put(entry.path("Segment").asText(), coordinate(entry.path("Coord")));
                }
            }
        }
        String segment = "";
        for (Map<String, Coordinate> set : sets) {
            if (set.size() == 1) {
                segment = set.keySet().iterator().next(); // a client is in one segment only: its segment decides
            }
        }
        return Optional.of(new Coordinate[] {sets.get(0).get(segment), sets.get(1).get(segment)});
    }

    /** Both servers' WAN coordinates, from the same area, given as {@code node.dc}. */
    private Optional<Coordinate[]> wanPair(ConsulClient client, List<String> names) throws IOException {
        String[][] parts = {names.get(0).split("\\.", -1), names.get(1).split("\\.", -1)};
        if (parts[0].length != 2 || parts[1].length != 2) {
            err().println("Node names must be specified as <node name>.<datacenter> with -wan");
            return Optional.empty();
        }
        Coordinate[] found = new Coordinate[2];
        String[] areas = new String[2];
        for (JsonNode dc : get(client, "/v1/coordinate/datacenters")) {
            for (JsonNode entry : dc.path("Coordinates")) {
                for (int i = 0; i < 2; i++) {
                    if (dc.path("Datacenter").asText().equals(parts[i][1])
                            && entry.path("Node").asText().equalsIgnoreCase(parts[i][0])) {
                        areas[i] = dc.path("AreaID").asText();
                        found[i] = coordinate(entry.path("Coord"));
                    }
                }
                if (found[0] != null && found[1] != null && areas[0].equals(areas[1])) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.of(new Coordinate[2]); // nothing shown across areas
    }

    private static Coordinate coordinate(JsonNode coord) {
        List<Double> vec = new ArrayList<>();
        coord.path("Vec").forEach(x -> vec.add(x.asDouble()));
        return new Coordinate(vec, coord.path("Error").asDouble(), coord.path("Adjustment").asDouble(),
                coord.path("Height").asDouble());
    }
}
