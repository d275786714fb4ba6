package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static dev.signpost.e2e.OperatorTest.leader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.Ports;

/** Autopilot as an operator meets it: its configuration, its state and health, and dead-server clean-up. */
class AutopilotTest {
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

    private static int raftServers(AgentProcess agent) {
        return Http.json(Http.get(agent.uri("/v1/operator/raft/configuration"))).get("Servers").size();
    }

    @Test
    void threeServers_configuration_state_andCleanupOfAKilledServer_onlyWhenMinQuorumAllows() {
        List<AgentProcess> servers = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            servers.add(hosts.server(host, "a" + host, "-bootstrap-expect", "3", "-join", "127.0.0.1",
                    "-node-fail-after", "3s"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(s -> !leader(s).isEmpty()));
        await().atMost(Duration.ofSeconds(20)).until(() -> raftServers(servers.get(0)) == 3);
        AgentProcess first = servers.get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> cli("operator", "autopilot", "get-config", "-http-addr",
                first.httpAddress()).code() == 0);

        // The leader wrote Consul's defaults, the contact threshold no shorter than the election timeout (1s).
        assertThat(cli("operator", "autopilot", "get-config", "-http-addr", first.httpAddress())).isEqualTo(
                new Run(0, """
                        CleanupDeadServers = false
                        LastContactThreshold = 1s
                        MaxTrailingLogs = 250
                        MinQuorum = 0
                        ServerStabilizationTime = 10s
                        RedundancyZoneTag = ""
                        DisableUpgradeMigration = false
                        UpgradeVersionTag = ""
                        """, ""));
        assertThat(cli("operator", "autopilot", "set-config", "-min-quorum", "3", "-http-addr",
                first.httpAddress())).isEqualTo(new Run(0, "Configuration updated!\n", ""));
        JsonNode conf = Http.json(Http.get(servers.get(2).uri("/v1/operator/autopilot/configuration")));
        assertThat(conf.get("MinQuorum").asInt()).isEqualTo(3);
        assertThat(conf.get("ModifyIndex").asLong()).isGreaterThan(conf.get("CreateIndex").asLong());
        // A check-and-set at an older index applies nothing.
        assertThat(Http.put(first.uri("/v1/operator/autopilot/configuration?cas=" + conf.get("CreateIndex")),
                "{\"MinQuorum\": 1}").body()).isEqualTo("false");
        Run bad = cli("operator", "autopilot", "set-config", "-last-contact-threshold", "soon", "-http-addr",
                first.httpAddress());
        assertThat(bad).isEqualTo(new Run(1, "", "Failed to parse args: invalid value \"soon\" for flag "
                + "-last-contact-threshold: parse error\n"));
        var refused = Http.put(first.uri("/v1/operator/autopilot/configuration"), "{\"MaxTrailingLogs\": \"many\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).startsWith("Error parsing autopilot config: ");
        assertThat(Http.json(Http.get(first.uri("/v1/operator/autopilot/configuration"))).get("MinQuorum").asInt())
                .isEqualTo(3);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Run state = cli("operator", "autopilot", "state", "-http-addr", first.httpAddress());
            assertThat(state.code()).isZero();
            assertThat(state.out()).startsWith("Healthy:                      true\n"
                    + "Failure Tolerance:            1\nOptimistic Failure Tolerance: 1\n")
                    .contains("\n      Status:          leader\n").contains("\n      Node Status:     alive\n");
        });
        JsonNode state = Http.json(Http.get(first.uri("/v1/operator/autopilot/state")));
        assertThat(state.get("Voters")).hasSize(3);
        assertThat(state.get("Voters").get(0).asText()).isEqualTo(state.get("Leader").asText());
        assertThat(state.get("Servers").get(state.get("Leader").asText()).get("Status").asText())
                .isEqualTo("leader");

        // A killed follower fails, but MinQuorum 3 keeps it: health says so with a 429.
        String leaderAddress = leader(first);
        AgentProcess victim = servers.stream().filter(s -> !leaderAddress.startsWith(s.address() + ":")).findFirst()
                .orElseThrow();
        AgentProcess survivor = servers.stream().filter(s -> s != victim).findFirst().orElseThrow();
        victim.kill();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(survivor.uri("/v1/operator/autopilot/health")).statusCode() == 429);
        JsonNode health = Http.json(Http.get(survivor.uri("/v1/operator/autopilot/health")));
        assertThat(health.get("Healthy").asBoolean()).isFalse();
        assertThat(health.get("FailureTolerance").asInt()).isZero();
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> raftServers(survivor) == 3);

        // With MinQuorum back at 0 and clean-up on (Signpost's default is off), autopilot removes the failed server through the Raft membership.
        assertThat(cli("operator", "autopilot", "set-config", "-min-quorum", "0", "-cleanup-dead-servers", "true",
                "-http-addr", survivor.httpAddress()).out()).isEqualTo("Configuration updated!\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> raftServers(survivor) == 2);
        String victimName = "a" + victim.address().substring("127.0.0.".length());
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("members", "-http-addr", survivor.httpAddress(),
                "-status", "left").out().contains(victimName + " "));
        AgentProcess leaderNow = servers.stream().filter(s -> s != victim && leader(s).startsWith(s.address() + ":"))
                .findFirst().orElseThrow();
        assertThat(leaderNow.output()).contains("[INFO] autopilot: Attempting removal of failed server node \""
                + victimName + "\"");
        assertThat(Http.put(survivor.uri("/v1/kv/after-cleanup"), "1").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAnAgent_theCommandsFailAsConsulsDo() {
        int port = Ports.free();
        Run run = cli("operator", "autopilot", "get-config", "-http-addr", "127.0.0.1:" + port);
        assertThat(run).isEqualTo(new Run(1, "", "Error querying Autopilot configuration: Get \"http://127.0.0.1:"
                + port + "/v1/operator/autopilot/configuration\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused\n"));
        Run state = cli("operator", "autopilot", "state", "-http-addr", "127.0.0.1:" + port);
        assertThat(state.code()).isEqualTo(1);
        assertThat(state.err()).startsWith("Error querying Autopilot state: Get ");
    }
}
