package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.Ports;
import dev.signpost.testing.SignpostProcess;

/**
 * Signpost started exactly as third-party test harnesses start Consul: a config dir with {@code ports}
 * (DNS turned off with -1), {@code performance.raft_multiplier} and script checks, a pid file, and three
 * agents on 127.0.0.1-3 of which only the first is a server. Each must serve within a harness's patience
 * (10 s), and the listeners open before there is a leader.
 */
class DropInStartTest {
    /** What harnesses give an agent before they give up on it. */
    private static final Duration HARNESS_PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private final List<SignpostProcess> started = new ArrayList<>();

    private SignpostProcess start(String name, List<String> args) {
        SignpostProcess p = SignpostProcess.start(work.resolve(name + ".log"), args);
        started.add(p);
        return p;
    }

    @org.junit.jupiter.api.AfterEach
    void stopAll() {
        started.forEach(SignpostProcess::close);
    }

    private static String harnessConfig(int http, int serfLan, int serfWan, int server) {
        return "{\"ports\":{\"http\":" + http + ",\"serf_lan\":" + serfLan + ",\"serf_wan\":" + serfWan
                + ",\"server\":" + server + ",\"dns\":-1},\"performance\":{\"raft_multiplier\":1},"
                + "\"enable_script_checks\":true}";
    }

    private static String leaderOf(String address, int http) {
        try {
            HttpResponse<String> r = Http.get(URI.create("http://" + address + ":" + http + "/v1/status/leader"));
            return r.statusCode() == 200 ? r.body() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Test
    void devAgent_withAHarnessConfigDir_servesALeader_withoutADnsPort_andWritesItsPid() throws IOException {
        int http = Ports.free();
        Path dir = Files.createDirectories(work.resolve("config"));
        Files.writeString(dir.resolve("config.json"), harnessConfig(http, Ports.free(), Ports.free(), Ports.free()));
        Path pidFile = work.resolve("agent.pid");

        SignpostProcess agent = start("dev", List.of("agent", "-dev", "-bind=127.0.0.1", "-config-dir=" + dir,
                "-pid-file", pidFile.toString()));

        await().atMost(HARNESS_PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> leaderOf("127.0.0.1", http).startsWith("\"127.0.0.1:"));
        assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(agent.pid()));
        assertThat(agent.output()).contains("HTTP API listening").doesNotContain("dns: Started DNS server");
        assertThat(udpSocketsOf(agent.pid())).as("UDP sockets of the agent (DNS is its only UDP listener)").isZero();

        agent.close();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void threeAgents_startedTogether_asHarnessesStartThem_allSeeTheLeaderInTime() throws IOException {
        int http = Ports.free();
        int serfLan = Ports.free();
        int serfWan = Ports.free();
        int server = Ports.free();
        Path config = work.resolve("agent.json");
        Files.writeString(config, harnessConfig(http, serfLan, serfWan, server));
        for (int n = 1; n <= 3; n++) {
            String address = "127.0.0." + n;
            List<String> args = new ArrayList<>(List.of("agent", "-node", "node" + n, "-bind", address,
                    "-client", address, "-config-file", config.toString(), "-data-dir",
                    work.resolve("data" + n).toString(), "-pid-file", work.resolve("node" + n + ".pid").toString()));
            if (n == 1) {
                args.addAll(List.of("-server", "-bootstrap"));
            } else {
                args.addAll(List.of("-retry-join", "127.0.0.1"));
            }
            start("node" + n, args);
        }
        for (int n = 1; n <= 3; n++) {
            String address = "127.0.0." + n;
            SignpostProcess agent = started.get(n - 1);
            await().atMost(HARNESS_PATIENCE).pollInterval(Duration.ofMillis(50))
                    .failFast(() -> !agent.isAlive())
                    .until(() -> leaderOf(address, http).equals("\"127.0.0.1:" + server + "\""));
            assertThat(Files.readString(work.resolve("node" + n + ".pid")).strip())
                    .isEqualTo(Long.toString(agent.pid()));
        }
    }

    @Test
    void aServerWaitingForPeers_answersAtOnce_noLeaderYet_andRefusesWritesAsConsulDoes() {
        int http = Ports.free();
        start("waiting", List.of("agent", "-server", "-bootstrap-expect", "2", "-bind", "127.0.0.1",
                "-data-dir", work.resolve("data").toString(), "-http-port", Integer.toString(http),
                "-dns-port", "-1", "-server-port", Integer.toString(Ports.free()), "-serf-lan-port",
                Integer.toString(Ports.free())));
        URI leader = URI.create("http://127.0.0.1:" + http + "/v1/status/leader");
        await().atMost(HARNESS_PATIENCE).ignoreExceptions().until(() -> Http.get(leader).statusCode() == 200);

        assertThat(Http.get(leader).body()).isEqualTo("\"\"");
        HttpResponse<String> write = Http.put(URI.create("http://127.0.0.1:" + http + "/v1/kv/k"), "v");
        assertThat(write.statusCode()).isEqualTo(500);
        assertThat(write.body()).isEqualTo("No cluster leader");
        HttpResponse<String> read = Http.get(URI.create("http://127.0.0.1:" + http + "/v1/catalog/nodes"));
        assertThat(read.statusCode()).isEqualTo(500);
        assertThat(read.body()).isEqualTo("No cluster leader");
    }

    @Test
    void logJson_andLogFile_writeConsulsJsonLines_toTheConsoleAndTheFile() throws IOException {
        int http = Ports.free();
        Path logs = work.resolve("logs");
        SignpostProcess agent = start("json", List.of("agent", "-dev", "-log-json", "-log-file", logs + "/",
                "-http-port", Integer.toString(http), "-dns-port", "-1", "-server-port", Integer.toString(Ports.free()),
                "-serf-lan-port", Integer.toString(Ports.free())));
        await().atMost(HARNESS_PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.output().contains("New leader elected"));
        String leaderLine = agent.output().lines().filter(l -> l.contains("New leader elected")).findFirst().orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(leaderLine);
        assertThat(json.get("@level").asText()).isEqualTo("info");
        assertThat(json.get("@module").asText()).isEqualTo("consul");
        assertThat(json.get("@message").asText()).startsWith("New leader elected: ");
        assertThat(json.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(Files.readString(logs.resolve("consul.log"))).contains("New leader elected");
    }

    @Test
    void aLinkNamedConsul_toTheLauncher_startsSignpost() throws Exception {
        Path root = dev.signpost.testing.SignpostJar.path().toAbsolutePath().getParent().getParent().getParent();
        Path consul = work.resolve("bin/consul");
        Files.createDirectories(consul.getParent());
        Files.createSymbolicLink(consul, root.resolve("bin/signpost"));
        int http = Ports.free();
        Process p = new ProcessBuilder(consul.toString(), "agent", "-dev", "-http-port", Integer.toString(http),
                "-dns-port", "-1", "-serf-lan-port", Integer.toString(Ports.free()), "-server-port",
                Integer.toString(Ports.free())).redirectErrorStream(true)
                .redirectOutput(work.resolve("consul.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> leaderOf("127.0.0.1", http).startsWith("\"127.0.0.1:"));
            assertThat(Files.readString(work.resolve("consul.log"))).contains("Starting Signpost agent");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** How many UDP sockets a process holds, from /proc: the agent's only UDP listener is DNS. */
    private static long udpSocketsOf(long pid) throws IOException {
        java.util.Set<String> udpInodes = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (Files.exists(file)) {
                Files.readAllLines(file).stream().skip(1).map(l -> l.trim().split("\\s+"))
                        .filter(f -> f.length > 9).forEach(f -> udpInodes.add(f[9]));
            }
        }
        long count = 0;
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && udpInodes.contains(target.substring(8, target.length() - 1))) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        }
        return count;
    }
}
