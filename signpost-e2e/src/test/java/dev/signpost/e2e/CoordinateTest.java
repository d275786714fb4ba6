package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.Ports;

/**
 * Network coordinates on a real three-server cluster: each agent measures its heartbeats, the coordinates reach the
 * catalog, {@code ?near=_agent} sorts by them (a prepared query with its own node first) and {@code signpost rtt}
 * estimates from them, as {@code consul rtt} does.
 */
class CoordinateTest {
    @TempDir
    Path work;
    private final AgentPorts ports = AgentPorts.free();
    private LoopbackHosts hosts;

    @BeforeEach
    void setUpHosts() {
        hosts = new LoopbackHosts(work, ports);
    }

    @AfterEach
    void stopAll() {
        hosts.close();
    }

    @Test
    void threeServers_measureEachOther_sortNearestFirst_andEstimateTheirRtt() {
        List<AgentProcess> servers = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            servers.add(hosts.server(host, "s" + host, "-bootstrap-expect", "3", "-join", "127.0.0.1"));
        }
        AgentProcess first = servers.getFirst();
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream()
                .allMatch(s -> !OperatorTest.leader(s).isEmpty()));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(coordinates(first).entrySet())
                .as("every server's coordinate, moved from the origin").hasSize(3)
                .allSatisfy(e -> assertThat(e.getValue().vec()).anyMatch(x -> x != 0.0)));
        JsonNode nodes = Http.json(Http.get(first.uri("/v1/coordinate/nodes")));
        assertThat(nodes.get(0).fieldNames()).toIterable().containsExactly("Node", "Segment", "Coord");
        assertThat(nodes.get(0).get("Coord").fieldNames()).toIterable()
                .containsExactly("Vec", "Error", "Adjustment", "Height");
        assertThat(nodes.get(0).at("/Coord/Vec")).hasSize(8);
        JsonNode own = Http.json(Http.get(first.uri("/v1/agent/self"))).at("/Coord/Vec");
        assertThat(own).as("the agent's own coordinate in agent/self").hasSize(8).anyMatch(x -> x.asDouble() != 0.0);

        // Consul puts the near node first only in prepared queries; catalog and health reads are in estimate order,
        // where a node's distance to itself (twice its height and adjustment) need not be the smallest.
        assertThat(Http.as("", "POST", first.uri("/v1/query"), "{\"Name\":\"servers\",\"Service\":"
                + "{\"Service\":\"consul\"}}").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            AgentProcess server = servers.get(i);
            String self = "s" + (i + 1);
            // The answer may be read at a newer coordinate index than ours: it must match one read around it.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<String> sorted = byEstimate(coordinates(server), self);
                assertThat(names(Http.json(Http.get(server.uri("/v1/catalog/nodes?near=_agent"))), "/Node"))
                        .as("catalog nodes near " + self).isEqualTo(sorted);
                assertThat(OperatorTest.cli("catalog", "nodes", "-near", "_agent", "-http-addr", server.httpAddress())
                        .out().lines().skip(1).map(row -> row.split(" +")[0]).toList())
                        .as("signpost catalog nodes -near _agent on " + self).isEqualTo(sorted);
                assertThat(names(Http.json(Http.get(server.uri("/v1/health/service/consul?near=_agent"))),
                        "/Node/Node")).as("consul instances near " + self).isEqualTo(sorted);
                List<String> executed = names(Http.json(Http.get(server.uri("/v1/query/servers/execute?near=_agent")))
                        .get("Nodes"), "/Node/Node");
                // Consul's PreparedQuery.Execute swaps the near node with the first one.
                List<String> ownFirst = new ArrayList<>(sorted);
                java.util.Collections.swap(ownFirst, 0, ownFirst.indexOf(self));
                assertThat(executed).as("a prepared query near " + self + ": its own node first").isEqualTo(ownFirst);
            });
        }

        // Failover with NearestN picks the nearest other datacenters by their servers' WAN coordinates; with this
        // one datacenter there is none to try, so, as Consul's, the query finds nothing and counts no failover.
        assertThat(Http.as("", "POST", first.uri("/v1/query"), "{\"Name\":\"elsewhere\",\"Service\":"
                + "{\"Service\":\"absent\",\"Failover\":{\"NearestN\":2,\"Datacenters\":[\"dc2\"]}}}")
                .statusCode()).isEqualTo(200);
        JsonNode failover = Http.json(Http.get(servers.get(1).uri("/v1/query/elsewhere/execute?near=_agent")));
        assertThat(failover.get("Nodes")).isEmpty();
        assertThat(failover.get("Failovers").asInt()).isZero();
        assertThat(failover.get("Datacenter").asText()).isEqualTo("dc1");

        Run rtt = OperatorTest.cli("rtt", "-http-addr", first.httpAddress(), "s2", "s3");
        assertThat(rtt.err()).isEmpty();
        assertThat(rtt.code()).isZero();
        assertThat(rtt.out()).matches("Estimated s2 <-> s3 rtt: \\d+\\.\\d{3} ms \\(using LAN coordinates\\)\n");
        Run toAgent = OperatorTest.cli("rtt", "-http-addr", first.httpAddress(), "s3");
        assertThat(toAgent.out()).matches("Estimated s3 <-> s1 rtt: \\d+\\.\\d{3} ms \\(using LAN coordinates\\)\n");
        Run wan = OperatorTest.cli("rtt", "-wan", "-http-addr", first.httpAddress(), "s2.dc1");
        assertThat(wan.err()).isEmpty();
        assertThat(wan.out())
                .matches("Estimated s2.dc1 <-> s1.dc1 rtt: \\d+\\.\\d{3} ms \\(using WAN coordinates\\)\n");
        JsonNode datacenters = Http.json(Http.get(first.uri("/v1/coordinate/datacenters")));
        assertThat(datacenters).hasSize(1);
        assertThat(datacenters.get(0).get("AreaID").asText()).isEqualTo("wan");
        assertThat(names(datacenters.get(0).get("Coordinates"), "/Node")).containsExactly("s1", "s2", "s3");

        Run unknown = OperatorTest.cli("rtt", "-http-addr", first.httpAddress(), "ghost");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Could not find a coordinate for node \"ghost\"\n");
        Run none = OperatorTest.cli("rtt", "-http-addr", first.httpAddress());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).startsWith("One or two node names must be specified\n\nUsage: consul rtt [options]");
        assertThat(OperatorTest.cli("rtt", "-wan", "-http-addr", first.httpAddress(), "s2", "s3")).isEqualTo(new Run(1,
                "", "Node names must be specified as <node name>.<datacenter> with -wan\n"));

        int nobody = Ports.free();
        assertThat(OperatorTest.cli("rtt", "-http-addr", "127.0.0.1:" + nobody, "s1", "s2")).isEqualTo(new Run(1, "",
                "Error getting coordinates: Get \"http://127.0.0.1:" + nobody + "/v1/coordinate/nodes\": dial tcp "
                        + "127.0.0.1:" + nobody + ": connect: connection refused\n"));
        assertThat(OperatorTest.cli("rtt", "-http-addr", "127.0.0.1:" + nobody, "s1").err())
                .startsWith("Unable to look up agent info: Get \"http://127.0.0.1:" + nobody + "/v1/agent/self\"");
    }

    /** The nodes by their estimated round-trip time from {@code self}. */
    private static List<String> byEstimate(Map<String, Coordinate> coordinates, String self) {
        return coordinates.keySet().stream().sorted(Comparator.comparingDouble(
                n -> coordinates.get(self).distanceTo(coordinates.get(n)))).toList();
    }

    /** The LAN coordinates an agent's catalog holds, by node. */
    private static Map<String, Coordinate> coordinates(AgentProcess agent) {
        Map<String, Coordinate> out = new HashMap<>();
        for (JsonNode entry : Http.json(Http.get(agent.uri("/v1/coordinate/nodes")))) {
            JsonNode c = entry.get("Coord");
            List<Double> vec = new ArrayList<>();
            c.get("Vec").forEach(x -> vec.add(x.asDouble()));
            out.put(entry.get("Node").asText(), new Coordinate(vec, c.get("Error").asDouble(),
                    c.get("Adjustment").asDouble(), c.get("Height").asDouble()));
        }
        return out;
    }

    private static List<String> names(JsonNode list, String pointer) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.at(pointer).asText()));
        return out;
    }
}
