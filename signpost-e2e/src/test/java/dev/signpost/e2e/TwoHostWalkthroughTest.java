package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.Ports;
import dev.signpost.testing.SignpostProcess;

/**
 * The seed's walkthrough on one machine: host n35 is 127.0.0.1, host n36 is 127.0.0.2. Each runs a server
 * agent and a registrator (each registrator sees only its host's containers, by label); n36 also runs
 * {@code signpost template}, which renders HAProxy's backend and reloads a real HAProxy.
 */
class TwoHostWalkthroughTest {
    private static final String TEMPLATE = """
            global
                maxconn 256
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend web
                bind 127.0.0.1:%d
                stats enable
                stats uri /haproxy-stats
                default_backend app
            backend app
                balance roundrobin{{range service "webapp"}}
                server {{.Node}}_{{.Port}} {{.Address}}:{{.Port}}{{end}}
            """;

    @TempDir
    Path work;
    private final AgentPorts ports = AgentPorts.free();
    private final String prefix = "sp-walk-" + Long.toHexString(System.nanoTime());
    private final List<AutoCloseable> started = new ArrayList<>();
    private LoopbackHosts hosts;
    private Path haproxyPid;

    @BeforeEach
    void needsDockerAndHaproxy() {
        Docker.require();
        Tools.require("haproxy", "haproxy");
        Tools.require("dig", "dnsutils");
    }

    @BeforeEach
    void setUpHosts() {
        hosts = new LoopbackHosts(work, ports);
        started.add(hosts); // first in, so the agents stop after the registrators and the renderer that use them
    }

    @AfterEach
    void stopAll() throws IOException {
        Tools.run("sh", "-c", "docker ps -aq --filter name=" + prefix + " | xargs -r docker rm -f");
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
        if (haproxyPid != null && Files.exists(haproxyPid)) {
            for (String pid : Files.readString(haproxyPid).split("\\s+")) {
                if (!pid.isBlank()) {
                    Tools.run("kill", pid.strip());
                }
            }
        }
    }

    private SignpostProcess registrator(String host, String address) {
        SignpostProcess p = SignpostProcess.start(work.resolve("registrator-" + host + "-" + started.size() + ".log"),
                List.of("registrator", "-ip", address, "-hostname", host, "-only-label", "signpost.host=" + host,
                        "consul://" + address + ":" + ports.http()));
        started.add(p);
        return p;
    }

    private String container(String name, String host, String address) {
        String id = Tools.run("docker", "run", "-d", "--name", prefix + "-" + name, "--label", "signpost.host=" + host,
                "-p", address + "::5000", "training/webapp").strip();
        assertThat(id).matches("[0-9a-f]{64}");
        return prefix + "-" + name;
    }

    private static JsonNode webapp(AgentProcess agent) {
        return Http.json(Http.get(agent.uri("/v1/catalog/service/webapp?stale")));
    }

    /** HAProxy's per-server session counters, from its CSV stats page. */
    private static Map<String, Long> haproxySessions(int port) {
        Map<String, Long> sessions = new HashMap<>();
        String csv = Http.get(URI.create("http://127.0.0.1:" + port + "/haproxy-stats;csv")).body();
        for (String line : csv.lines().toList()) {
            String[] f = line.split(",", -1);
            if (f.length > 8 && f[0].equals("app") && !f[1].equals("BACKEND")) {
                sessions.put(f[1], Long.parseLong(f[7]));
            }
        }
        return sessions;
    }

    @Test
    void theSeedsTwoHosts_registerRenderBalance_andConvergeAfterAHostsAgentDies() throws Exception {
        AgentProcess n35 = hosts.server(1, "n35", "-bootstrap-expect", "2");
        AgentProcess n36 = hosts.server(2, "n36", "-join", "127.0.0.1");
        n35.awaitLeader(Duration.ofSeconds(60));
        n36.awaitLeader(Duration.ofSeconds(60));
        registrator("n35", "127.0.0.1");
        registrator("n36", "127.0.0.2");
        container("z002", "n35", "127.0.0.1");
        container("z001", "n36", "127.0.0.2");
        container("z003", "n36", "127.0.0.2");
        await().atMost(Duration.ofSeconds(30)).until(() -> webapp(n35).size() == 3 && webapp(n36).size() == 3);

        // The catalog of either agent: the seed's fields, instances of both hosts with their node names.
        for (AgentProcess agent : List.of(n35, n36)) {
            List<String> rows = new ArrayList<>();
            webapp(agent).forEach(i -> rows.add(i.get("Node").asText() + " " + i.get("ServiceID").asText() + " "
                    + i.get("ServiceAddress").asText()));
            assertThat(rows).containsExactlyInAnyOrder(
                    "n35 n35:" + prefix + "-z002:5000 127.0.0.1",
                    "n36 n36:" + prefix + "-z001:5000 127.0.0.2",
                    "n36 n36:" + prefix + "-z003:5000 127.0.0.2");
        }

        // dig on the second host: one SRV per instance, the targets' A records in ADDITIONAL.
        String dig = Tools.dig(n36.dnsPort(), "@127.0.0.2", "+noedns", "webapp.service.consul", "SRV");
        assertThat(dig).contains("ANSWER: 3").contains("ADDITIONAL: 3")
                .containsPattern("IN\\s+SRV\\s+1 1 \\d+ n35\\.node\\.dc1\\.consul\\.")
                .containsPattern("n36\\.node\\.dc1\\.consul\\.\\s+0\\s+IN\\s+A\\s+127\\.0\\.0\\.2");

        // signpost template on the second host renders HAProxy's backend and (re)loads HAProxy.
        int haproxyPort = Ports.free();
        Path template = work.resolve("haproxy.ctmpl");
        Path config = work.resolve("haproxy.cfg");
        haproxyPid = work.resolve("haproxy.pid");
        Files.writeString(template, TEMPLATE.formatted(haproxyPort));
        String haproxy = "haproxy -f " + config + " -p " + haproxyPid + " -D";
        String reload = "if [ -s " + haproxyPid + " ]; then " + haproxy + " -sf $(cat " + haproxyPid + "); else "
                + haproxy + "; fi";
        SignpostProcess renderer = SignpostProcess.start(work.resolve("template.log"), List.of("template",
                "-consul", "127.0.0.2:" + ports.http(), "-template", template + ":" + config + ":" + reload,
                "-log-level", "info"));
        started.add(renderer);
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Files.exists(config)
                    && serverLines(config) == 3 && haproxySessions(haproxyPort).size() == 3);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("HAProxy did not come up with 3 servers; template said:\n" + renderer.output()
                    + "\nconfig:\n" + (Files.exists(config) ? Files.readString(config) : "(none)"), e);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(Http.get(URI.create("http://127.0.0.1:" + haproxyPort + "/")).body()).startsWith("Hello world!");
        }
        assertThat(haproxySessions(haproxyPort).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));

        // docker rm -f: gone from catalog, DNS, file and HAProxy within 2 s; a new container appears in all four as fast.
        Docker.removeForce(prefix + "-z003");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> webapp(n36).size() == 2 && serverLines(config) == 2
                && haproxySessions(haproxyPort).size() == 2
                && Tools.dig(n36.dnsPort(), "@127.0.0.2", "+noedns", "webapp.service.consul", "SRV").contains("ANSWER: 2"));
        container("z004", "n35", "127.0.0.1");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> webapp(n36).size() == 3 && serverLines(config) == 3
                && haproxySessions(haproxyPort).size() == 3
                && Tools.dig(n36.dnsPort(), "@127.0.0.2", "+noedns", "webapp.service.consul", "SRV").contains("ANSWER: 3"));

        // The seed's Q5: the first host's agent dies. Two servers lose their quorum: the survivor says so
        // promptly instead of hanging, HAProxy keeps serving, and everything converges when n35 returns.
        n35.kill();
        long start = System.nanoTime();
        var noLeader = Http.put(n36.uri("/v1/kv/q5"), "x");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(noLeader.statusCode()).isEqualTo(500);
        assertThat(noLeader.body()).contains("No cluster leader");
        // ?stale still answers, and says how long ago the leader was last heard from (Consul's X-Consul-LastContact).
        var stale = Http.get(n36.uri("/v1/catalog/service/webapp?stale"));
        assertThat(stale.statusCode()).isEqualTo(200);
        long lastContact = Long.parseLong(stale.headers().firstValue("X-Consul-LastContact").orElseThrow());
        assertThat(lastContact).isGreaterThan(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.parseLong(Http.get(n36.uri(
                "/v1/catalog/service/webapp?stale")).headers().firstValue("X-Consul-LastContact").orElseThrow())
                >= lastContact + 1000);
        assertThat(Http.get(URI.create("http://127.0.0.1:" + haproxyPort + "/")).body()).startsWith("Hello world!");
        container("z005", "n36", "127.0.0.2");

        AgentProcess back = hosts.server(1, "n35", "-bootstrap-expect", "2");
        back.awaitLeader(Duration.ofSeconds(60));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> webapp(back).size() == 4 && serverLines(config) == 4);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("after n35 returned: catalog " + webapp(back) + ", file " + Files.readString(config)
                    + "\n--- n35 ---\n" + back.output() + "\n--- n36 ---\n" + n36.output() + "\n--- registrators ---\n"
                    + started.stream().filter(SignpostProcess.class::isInstance).map(p -> ((SignpostProcess) p).output())
                            .reduce("", (a, b) -> a + "\n" + b)
                    + "\n--- template ---\n" + renderer.output(), e);
        }
        assertThat(renderer.output()).doesNotContain("Exception");
    }

    private static long serverLines(Path config) throws IOException {
        return Files.readAllLines(config, StandardCharsets.UTF_8).stream().filter(l -> l.strip().startsWith("server "))
                .count();
    }
}
