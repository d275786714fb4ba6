package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.cli.Main;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Gossip encryption on the LAN port, as an operator meets it: servers with one key form a cluster, agents with
 * another key or none are kept out and both sides say why, and keys are rotated with {@code keyring} on the live
 * cluster without losing a member, a restarted server keeping the keys it was last given.
 */
class GossipEncryptionTest {
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

    /** A command line run in this JVM: its exit code and what it printed. */
    record Run(int code, String out, String err) {
    }

    private static synchronized Run signpost(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Run(Main.run(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String keygen() {
        Run key = signpost("keygen");
        assertThat(key.code()).isZero();
        assertThat(java.util.Base64.getDecoder().decode(key.out().strip())).hasSize(32);
        return key.out().strip();
    }

    private static boolean hasLeader(AgentProcess agent) {
        try {
            return !Http.json(Http.get(agent.uri("/v1/status/leader"))).asText().isEmpty();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The names of the members this agent sees alive. */
    private static List<String> alive(AgentProcess agent) {
        List<String> names = new ArrayList<>();
        for (JsonNode member : Http.json(Http.get(agent.uri("/v1/agent/members")))) {
            if (member.get("Status").asInt() == 1) {
                names.add(member.get("Name").asText());
            }
        }
        return names;
    }

    private List<AgentProcess> threeServers(String key) {
        List<AgentProcess> servers = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            servers.add(hosts.server(host, "s" + host, "-bootstrap-expect", "3", "-join", "127.0.0.1", "-encrypt", key));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(GossipEncryptionTest::hasLeader));
        return servers;
    }

    @Test
    void serversWithOneKey_formACluster_andAgentsWithAnotherKeyOrNone_areKeptOut_andBothSidesSaySo() {
        List<AgentProcess> servers = threeServers(keygen());
        AgentProcess s1 = servers.get(0);
        String lan = "127.0.0.1:" + ports.serfLan();

        AgentProcess wrongKey = hosts.client(4, "c4", "-encrypt", keygen());
        AgentProcess noKey = hosts.client(5, "c5");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(wrongKey.output()).contains("agent: Join " + lan + " failed: " + lan + " refused our message: "
                    + "no key installed there decrypts it, so this agent holds another gossip key");
            assertThat(noKey.output()).contains("agent: Join " + lan + " failed: " + lan + " refused our message: "
                    + "it requires gossip encryption and this agent has no key");
            assertThat(s1.output()).contains("memberlist: refused a message from 127.0.0.4: it could not be "
                    + "decrypted with any installed key: that agent holds another gossip key");
            assertThat(s1.output()).contains("memberlist: refused a message from 127.0.0.5: it was not encrypted "
                    + "and this agent requires gossip encryption");
        });
        assertThat(s1.output().lines().filter(l -> l.contains("refused a message from 127.0.0.4"))).hasSize(1);
        assertThat(alive(s1)).containsExactlyInAnyOrder("s1", "s2", "s3");
        assertThat(Http.json(Http.get(s1.uri("/v1/agent/self"))).path("Config").path("NodeName").asText())
                .isEqualTo("s1");
    }

    @Test
    void keyringRotation_onALiveCluster_keepsEveryMember_andARestartedServerKeepsTheNewKey() throws Exception {
        String first = keygen();
        List<AgentProcess> servers = threeServers(first);
        AgentProcess s1 = servers.get(0);
        String addr = s1.httpAddress();
        String second = keygen();

        assertThat(signpost("keyring", "-install", second, "-http-addr", addr))
                .isEqualTo(new Run(0, "==> Installing new gossip encryption key...\n", ""));
        Run listed = signpost("keyring", "-list", "-http-addr", addr);
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).startsWith("==> Gathering installed encryption keys...\n\nWAN:\n")
                .contains("\n\ndc1 (LAN):\n").contains("  " + first + " [3/3]\n").contains("  " + second + " [3/3]");
        assertThat(signpost("keyring", "-use", second, "-http-addr", servers.get(1).httpAddress()))
                .isEqualTo(new Run(0, "==> Changing primary gossip encryption key...\n", ""));
        Run primary = signpost("keyring", "-remove", second, "-http-addr", addr);
        assertThat(primary.code()).isEqualTo(1);
        assertThat(primary.err()).contains("error: Unexpected response code: 500 (")
                .contains("dc1 (LAN) error: 3/3 nodes reported failure")
                .contains(": Removing the primary key is not allowed");
        assertThat(signpost("keyring", "-remove", first, "-http-addr", addr))
                .isEqualTo(new Run(0, "==> Removing gossip encryption key...\n", ""));

        Run after = signpost("keyring", "-list-primary", "-http-addr", addr);
        assertThat(after.out()).isEqualTo("==> Gathering installed primary encryption keys...\n\nWAN:\n  " + second
                + " [3/3]\n\ndc1 (LAN):\n  " + second + " [3/3]\n");
        // Heartbeats now travel under the new key only: everyone stays alive, writes replicate.
        Thread.sleep(3_000);
        for (AgentProcess server : servers) {
            assertThat(alive(server)).containsExactlyInAnyOrder("s1", "s2", "s3");
        }

        // s3 comes back with the -encrypt key it was first started with: its keyring file wins, as Consul's does.
        servers.get(2).close();
        AgentProcess again = hosts.server(3, "s3", "-bootstrap-expect", "3", "-join", "127.0.0.1", "-encrypt", first);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(again.output()).contains("agent: WARNING: LAN keyring exists but -encrypt given, using keyring")
                    .contains("keyring doesn't include key provided with -encrypt, using keyring");
            assertThat(alive(s1)).containsExactlyInAnyOrder("s1", "s2", "s3");
            assertThat(hasLeader(again)).isTrue();
        });
        assertThat(Files.readString(work.resolve("s3/serf/local.keyring"))).isEqualTo("[\"" + second + "\"]");
    }

    @Test
    void withoutEncryption_keyringSaysSo_asConsulDoes() {
        AgentProcess dev = hosts.server(1, "d1", "-bootstrap");
        await().atMost(Duration.ofSeconds(30)).until(() -> hasLeader(dev));

        Run listed = signpost("keyring", "-list", "-http-addr", dev.httpAddress());

        assertThat(listed.code()).isEqualTo(1);
        assertThat(listed.out()).isEqualTo("==> Gathering installed encryption keys...\n");
        assertThat(listed.err()).isEqualTo("error: Unexpected response code: 500 (4 errors occurred:\n"
                + "\t* WAN error: 1/1 nodes reported failure\n\t* d1: Keyring is empty (encryption not enabled)\n"
                + "\t* dc1 (LAN) error: 1/1 nodes reported failure\n"
                + "\t* d1: Keyring is empty (encryption not enabled))\n");
        assertThat(signpost("keyring").code()).isEqualTo(1);
        assertThat(signpost("keyring", "-list", "-install", "x").err()).isEqualTo("Only a single action is allowed\n");
    }
}
