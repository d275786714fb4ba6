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
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import dev.signpost.cli.Main;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.Ports;

/** Operating a cluster as an operator would: Raft peers, leadership, snapshots, with the CLI and the HTTP API. */
class OperatorTest {
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

    static synchronized Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static String leader(AgentProcess agent) {
        try {
            return Http.json(Http.get(agent.uri("/v1/status/leader"))).asText();
        } catch (UncheckedIOException e) {
            return "";
        }
    }

    @Test
    void threeServers_listPeers_transferLeadership_andRemoveAKilledServer() {
        List<AgentProcess> servers = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            servers.add(hosts.server(host, "s" + host, "-bootstrap-expect", "3", "-join", "127.0.0.1"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(s -> !leader(s).isEmpty()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.json(Http.get(servers.get(0).uri("/v1/operator/raft/configuration"))).get("Servers").size() == 3);

        Run peers = cli("operator", "raft", "list-peers", "-http-addr", servers.get(0).httpAddress());
        assertThat(peers.code()).isEqualTo(0);
        List<String> lines = peers.out().strip().lines().toList();
        assertThat(lines.get(0)).matches("Node +ID +Address +State +Voter +RaftProtocol +Commit Index +Trails Leader By");
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().filter(l -> l.contains(" leader ")).count()).isEqualTo(1);

        JsonNode health = Http.json(Http.get(servers.get(0).uri("/v1/operator/autopilot/health")));
        assertThat(health.get("Servers")).hasSize(3);
        assertThat(health.get("Servers").findValuesAsText("SerfStatus")).containsOnly("alive");
        String leaderAddress = leader(servers.get(0));
        AgentProcess target = servers.stream().filter(s -> !leaderAddress.startsWith(s.address() + ":")).findFirst()
                .orElseThrow();
        // A follower answers with the leader's view (Consul forwards the read): every server's progress is known.
        assertThat(Http.put(target.uri("/v1/kv/progress"), "1").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cli("operator", "raft", "list-peers",
                "-http-addr", target.httpAddress()).out().strip().lines().skip(1).toList()).hasSize(3)
                .allSatisfy(row -> assertThat(Long.parseLong(row.split(" {2,}")[6])).isPositive()));
        String targetId = Http.json(Http.get(target.uri("/v1/agent/self"))).at("/Config/NodeID").asText();
        long started = System.nanoTime();
        Run transfer = cli("operator", "raft", "transfer-leader", "-id", targetId, "-http-addr",
                servers.get(0).httpAddress());
        assertThat(transfer.err()).isEmpty();
        assertThat(transfer.out()).isEqualTo("Success\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> servers.stream()
                .allMatch(s -> leader(s).startsWith(target.address() + ":")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        AgentProcess victim = servers.stream().filter(s -> s != target).findFirst().orElseThrow();
        victim.kill();
        String victimAddress = victim.address() + ":" + ports.server();
        Run removed = cli("operator", "raft", "remove-peer", "-address", victimAddress, "-http-addr",
                target.httpAddress());
        assertThat(removed.err()).isEmpty();
        assertThat(removed.out()).isEqualTo("Removed peer with address \"" + victimAddress + "\"\n");
        JsonNode conf = Http.json(Http.get(target.uri("/v1/operator/raft/configuration")));
        assertThat(conf.get("Servers")).hasSize(2);
        assertThat(conf.get("Servers").findValuesAsText("Address")).doesNotContain(victimAddress);
        assertThat(Http.json(Http.get(target.uri("/v1/status/peers")))).hasSize(2);

        Run again = cli("operator", "raft", "remove-peer", "-address", victimAddress, "-http-addr",
                target.httpAddress());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error removing peer: Unexpected response code: 500 (address \""
                + victimAddress + "\" was not found in the Raft configuration)\n");
    }

    @Test
    void forceLeave_ofAKilledServer_marksItLeft_andTakesItOutOfRaft() {
        List<AgentProcess> servers = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            servers.add(hosts.server(host, "f" + host, "-bootstrap-expect", "3", "-join", "127.0.0.1",
                    "-node-fail-after", "3s"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(s -> !leader(s).isEmpty()));
        String leaderAddress = leader(servers.get(0));
        AgentProcess victim = servers.stream().filter(s -> !leaderAddress.startsWith(s.address() + ":")).findFirst()
                .orElseThrow();
        AgentProcess survivor = servers.stream().filter(s -> s != victim).findFirst().orElseThrow();
        String victimName = "f" + victim.address().substring("127.0.0.".length());
        victim.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("members", "-http-addr", survivor.httpAddress())
                .out().contains(victimName + " ") && cli("members", "-http-addr", survivor.httpAddress(), "-status",
                "failed").code() == 0);

        assertThat(cli("force-leave", "-http-addr", survivor.httpAddress(), victimName)).isEqualTo(new Run(0, "", ""));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.json(Http.get(survivor.uri("/v1/operator/raft/configuration"))).get("Servers").size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> cli("members", "-http-addr", survivor.httpAddress(),
                "-status", "left").out().contains(victimName + " "));
        assertThat(Http.put(survivor.uri("/v1/kv/after-force-leave"), "1").statusCode()).isEqualTo(200);
    }

    @Test
    void aSnapshotSavedOnTheLeader_restoresIntoAFreshCluster_andADamagedOneIsRefused() throws Exception {
        AgentProcess a = hosts.server(1, "a1", "-bootstrap");
        a.awaitLeader(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(a.uri("/v1/health/node/a1")).body()
                .contains("serfHealth"));
        for (int i = 0; i < 5; i++) {
            assertThat(Http.put(a.uri("/v1/kv/app/config/" + i), "value-" + i).statusCode()).isEqualTo(200);
        }
        assertThat(Http.put(a.uri("/v1/catalog/register"), "{\"Node\":\"ext1\",\"Address\":\"10.1.2.3\","
                + "\"Service\":{\"ID\":\"db1\",\"Service\":\"db\",\"Port\":5432,\"Tags\":[\"primary\"]}}").statusCode())
                .isEqualTo(200);
        // 6.4 MB of values that hardly compress: the archive is over the 2 MiB other requests may have, and its state
        // over the 4 MB one Raft log entry may hold, so the restore goes in parts.
        java.util.Random random = new java.util.Random(20261207);
        List<String> blobs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            byte[] raw = new byte[200_000];
            random.nextBytes(raw);
            blobs.add(java.util.HexFormat.of().formatHex(raw));
            assertThat(Http.put(a.uri("/v1/kv/app/blob/" + i), blobs.get(i)).statusCode()).isEqualTo(200);
        }
        String session = Http.json(Http.put(a.uri("/v1/session/create"), "{\"Name\":\"kept\"}")).get("ID").asText();
        assertThat(Http.put(a.uri("/v1/kv/app/lock?acquire=" + session), "a1").body()).isEqualTo("true");

        Path file = work.resolve("backup.snap");
        Run saved = cli("snapshot", "save", "-http-addr", a.httpAddress(), file.toString());
        assertThat(saved.err()).isEmpty();
        assertThat(saved.out()).startsWith("Saved and verified snapshot to index ");
        assertThat(Files.size(file)).as("archive size").isGreaterThan(2L << 20);
        Run inspected = cli("snapshot", "inspect", file.toString());
        assertThat(inspected.code()).isEqualTo(0);
        assertThat(inspected.out()).startsWith(" ID           ").contains("\n Index        ").contains("\n Term  ")
                .containsPattern("\n KVS +22 +\\d").containsPattern("\n Session +1 +\\d").contains("\n Total  ");

        // The fresh cluster: three servers; the restore goes to a follower and reaches all of them.
        List<AgentProcess> fresh = new ArrayList<>();
        for (int host = 2; host <= 4; host++) {
            fresh.add(hosts.server(host, "b" + host, "-bootstrap-expect", "3", "-join", "127.0.0.2"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fresh.stream().allMatch(s -> !leader(s).isEmpty()));
        String freshLeader = leader(fresh.get(0));
        AgentProcess b = fresh.stream().filter(s -> !freshLeader.startsWith(s.address() + ":")).findFirst()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(b.uri("/v1/catalog/nodes")).statusCode() == 200);
        long indexBefore = Http.index(Http.get(b.uri("/v1/catalog/nodes")));
        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                b.uri("/v1/catalog/service/db?index=" + Math.max(1, Http.index(Http.get(b.uri("/v1/catalog/service/db"))))
                        + "&wait=30s"));

        Run restored = cli("snapshot", "restore", "-http-addr", b.httpAddress(), file.toString());
        assertThat(restored.err()).isEmpty();
        assertThat(restored.out()).isEqualTo("Restored snapshot\n");

        for (AgentProcess server : fresh) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Http.get(server.uri("/v1/kv/app/config/4?stale&raw")).body().equals("value-4"));
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = Http.get(server.uri("/v1/kv/app/config/" + i + "?stale&raw"));
                assertThat(r.body()).isEqualTo("value-" + i);
                assertThat(Http.index(r)).isGreaterThan(indexBefore);
            }
            for (int i = 0; i < blobs.size(); i++) {
                assertThat(Http.get(server.uri("/v1/kv/app/blob/" + i + "?stale&raw")).body()).isEqualTo(blobs.get(i));
            }
            assertThat(Http.json(Http.get(server.uri("/v1/catalog/service/db?stale"))).get(0).get("ServiceTags").get(0)
                    .asText()).isEqualTo("primary");
            assertThat(Http.json(Http.get(server.uri("/v1/session/info/" + session + "?stale")))).hasSize(1);
            assertThat(Http.json(Http.get(server.uri("/v1/kv/app/lock?stale"))).get(0).get("Session").asText())
                    .isEqualTo(session);
        }
        assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).contains("db1");

        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 0x5a;
        Path bad = work.resolve("damaged.snap");
        Files.write(bad, damaged);
        long lastIndex = Http.index(Http.get(b.uri("/v1/kv/app/config/0")));
        Run refused = cli("snapshot", "restore", "-http-addr", b.httpAddress(), bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Error restoring snapshot: Unexpected response code: 400 (Invalid snapshot"
                + " archive: ");
        assertThat(Http.put(b.uri("/v1/snapshot"), Files.readAllBytes(bad)).statusCode()).isEqualTo(400);
        assertThat(Http.index(Http.get(b.uri("/v1/kv/app/config/0")))).isEqualTo(lastIndex);
        assertThat(Http.get(b.uri("/v1/kv/app/config/4?raw")).body()).isEqualTo("value-4");
    }

    /**
     * A snapshot saved while a writer goes on holds a consistent point: the writer's keys up to some number and none
     * after it, with no gap (writes are applied in order); restored into a fresh server with ACLs, the keys, the
     * token made before it and that token's rights are back.
     */
    @Test
    void aSnapshotTakenUnderWriteLoad_restoresToAConsistentPoint_withItsTokens() throws Exception {
        String acl = "acl { enabled = true default_policy = \"deny\" tokens { initial_management = \"root\" } }";
        AgentProcess a = hosts.server(1, "a1", "-bootstrap", "-hcl", acl);
        a.awaitLeader(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.as("root", "PUT", a.uri("/v1/kv/ready"), "x")
                .statusCode() == 200);
        assertThat(Http.as("root", "PUT", a.uri("/v1/acl/policy"), "{\"Name\":\"seq\",\"Rules\":"
                + "\"key_prefix \\\"seq/\\\" { policy = \\\"write\\\" }\"}").statusCode()).isEqualTo(200);
        String token = Http.json(Http.as("root", "PUT", a.uri("/v1/acl/token"), "{\"Policies\":[{\"Name\":\"seq\"}]}"))
                .get("SecretID").asText();

        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; writing.get(); i++) {
                if (Http.as(token, "PUT", a.uri("/v1/kv/seq/" + String.format("%06d", i)), "v" + i).statusCode() != 200) {
                    return;
                }
                acknowledged.set(i + 1);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= 50);
        Path file = work.resolve("under-load.snap");
        Run saved = cli("snapshot", "save", "-http-addr", a.httpAddress(), "-token", "root", file.toString());
        int afterSave = acknowledged.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= afterSave + 20);
        writing.set(false);
        writer.join(10_000);
        assertThat(saved.err()).isEmpty();

        AgentProcess b = hosts.server(2, "b2", "-bootstrap", "-hcl", acl);
        b.awaitLeader(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.as("root", "PUT", b.uri("/v1/kv/ready"), "x")
                .statusCode() == 200);
        assertThat(Http.as(token, "GET", b.uri("/v1/kv/seq/?keys"), "").statusCode()).as("unknown before").isEqualTo(403);
        Run restored = cli("snapshot", "restore", "-http-addr", b.httpAddress(), "-token", "root", file.toString());
        assertThat(restored).isEqualTo(new Run(0, "Restored snapshot\n", ""));

        HttpResponse<String> keys = Http.as(token, "GET", b.uri("/v1/kv/seq/?keys"), "");
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        Http.json(keys).forEach(k -> listed.add(k.asText()));
        assertThat(listed.size()).as("keys in the snapshot").isBetween(50, afterSave + 1);
        for (int i = 0; i < listed.size(); i++) {
            assertThat(listed.get(i)).as("no gap").isEqualTo("seq/" + String.format("%06d", i));
        }
        assertThat(Http.as(token, "PUT", b.uri("/v1/kv/seq/after"), "x").body()).isEqualTo("true");
        assertThat(Http.as(token, "PUT", b.uri("/v1/kv/other"), "x").statusCode()).as("its rights came back too")
                .isEqualTo(403);
    }

    @Test
    void cliGoldens_againstALiveAgent_andWithoutOne() throws Exception {
        AgentProcess a = hosts.server(1, "g1", "-bootstrap");
        a.awaitLeader(Duration.ofSeconds(30));
        String addr = a.httpAddress();

        assertThat(cli("kv", "put", "-http-addr", addr, "greeting", "hello")).isEqualTo(
                new Run(0, "Success! Data written to: greeting\n", ""));
        assertThat(cli("kv", "get", "-http-addr", addr, "greeting")).isEqualTo(new Run(0, "hello\n", ""));
        assertThat(cli("kv", "get", "-http-addr", addr, "missing")).isEqualTo(
                new Run(1, "", "Error! No key exists at: missing\n"));
        assertThat(cli("kv", "put", "-http-addr", addr, "-cas", "-modify-index", "999999", "greeting", "x")).isEqualTo(
                new Run(1, "", "Error! Did not write to greeting: CAS failed\n"));
        assertThat(cli("kv", "put", "-http-addr", addr, "-cas", "greeting", "x")).isEqualTo(
                new Run(1, "", "Must specify -modify-index with -cas!\n"));
        assertThat(cli("kv", "put", "-http-addr", addr, "-acquire", "greeting", "x")).isEqualTo(
                new Run(1, "", "Error! Missing -session (required with -acquire and -release)\n"));
        Run detailed = cli("kv", "get", "-http-addr", addr, "-detailed", "greeting");
        assertThat(detailed.out()).contains("Key              greeting\n").contains("Session          -\n")
                .contains("Value            hello\n");
        assertThat(cli("kv", "get", "-http-addr", addr, "-base64", "greeting").out()).isEqualTo("aGVsbG8=\n");
        Path words = Files.writeString(work.resolve("words.txt"), "two words");
        assertThat(cli("kv", "put", "-http-addr", addr, "from-file", "@" + words).code()).isZero();
        assertThat(cli("kv", "get", "-http-addr", addr, "from-file").out()).isEqualTo("two words\n");
        assertThat(cli("kv", "put", "-http-addr", addr, "dir/a", "1").code()).isZero();
        assertThat(cli("kv", "get", "-http-addr", addr, "-recurse", "dir/").out()).isEqualTo("dir/a:1\n");
        assertThat(cli("kv", "put", "-http-addr", addr, "-flags", "42", "dir/b<&>", "x").code()).isZero();
        Run exported = cli("kv", "export", "-http-addr", addr, "dir/");
        assertThat(exported).isEqualTo(new Run(0, """
                [
                	{
                		"key": "dir/a",
                		"flags": 0,
                		"value": "MQ=="
                	},
                	{
                		"key": "dir/b\\u003c\\u0026\\u003e",
                		"flags": 42,
                		"value": "eA=="
                	}
                ]
                """, ""));
        assertThat(cli("kv", "export", "-http-addr", addr, "nothing/")).isEqualTo(new Run(0, "[]\n", ""));
        Path file = work.resolve("dir.json");
        Files.writeString(file, exported.out());
        assertThat(cli("kv", "import", "-http-addr", addr, "-prefix", "copy", "@" + file)).isEqualTo(
                new Run(0, "Imported: copy/dir/a\nImported: copy/dir/b<&>\n", ""));
        assertThat(cli("kv", "get", "-http-addr", addr, "-detailed", "copy/dir/b<&>").out())
                .contains("Flags            42\n").contains("Value            x\n");
        assertThat(cli("kv", "import", "-http-addr", addr, "{}")).isEqualTo(new Run(1, "", "Cannot unmarshal data: "
                + "json: cannot unmarshal object into Go value of type []*impexp.Entry\n"));
        assertThat(cli("kv", "import", "-http-addr", addr)).isEqualTo(new Run(1, "", "Error! Missing DATA argument\n"));
        assertThat(cli("kv", "import", "-http-addr", addr, "[{\"key\":\"\",\"value\":\"\"}]")).isEqualTo(
                new Run(1, "", "Error! Failed writing data for key : Unexpected response code: 400 (Missing key name)\n"));
        assertThat(cli("kv", "delete", "-http-addr", addr, "-recurse", "dir/")).isEqualTo(
                new Run(0, "Success! Deleted keys with prefix: dir/\n", ""));
        assertThat(cli("catalog", "datacenters", "-http-addr", addr)).isEqualTo(new Run(0, "dc1\n", ""));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli("catalog", "services", "-http-addr", addr).out()
                .equals("consul\n"));
        assertThat(cli("catalog", "nodes", "-http-addr", addr).out()).matches(
                "Node +ID +Address +DC\ng1 +[0-9a-f]{8} +127\\.0\\.0\\.1 +dc1\n");
        Run members = cli("members", "-http-addr", addr);
        assertThat(members.out()).matches("Node +Address +Status +Type +Build +Protocol +DC +Partition +Segment\n"
                + "g1 +127\\.0\\.0\\.1:\\d+ +alive +server +1\\.20\\.0 +2 +dc1 +default +<all>\n");
        assertThat(cli("members", "-http-addr", addr, "-detailed").out()).contains("build=1.20.0:signpost-")
                .contains("role=consul");
        assertThat(cli("members", "-http-addr", addr, "-status", "failed").code()).isEqualTo(2);
        assertThat(cli("info", "-http-addr", addr).out()).contains("build:\n").contains("\tversion = 1.20.0\n")
                .contains("raft:\n").contains("\tstate = Leader\n");
        assertThat(cli("force-leave", "-http-addr", addr, "ghost")).isEqualTo(new Run(1, "",
                "Error force leaving: Unexpected response code: 500 (agent: No node found with name 'ghost')\n"));
        assertThat(cli("members", "-http-addr", addr, "-bogus").code()).isEqualTo(1);

        int nobody = Ports.free();
        assertThat(cli("members", "-http-addr", "127.0.0.1:" + nobody)).isEqualTo(new Run(1, "",
                "Error retrieving members: Get \"http://127.0.0.1:" + nobody + "/v1/agent/members?segment=_all\": dial tcp 127.0.0.1:"
                        + nobody + ": connect: connection refused\n"));
        assertThat(cli("kv", "get", "-http-addr", "127.0.0.1:" + nobody, "k").code()).isEqualTo(1);
        AgentProcess lone = hosts.loneClient(2, "g2");
        assertThat(cli("join", "-http-addr", lone.httpAddress())).isEqualTo(
                new Run(1, "", "At least one address to join must be specified.\n"));
        assertThat(cli("join", "-http-addr", lone.httpAddress(), "127.0.0.1")).isEqualTo(
                new Run(0, "Successfully joined cluster by contacting 1 nodes.\n", ""));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli("members", "-http-addr", addr).out().contains("g2 "));
        Run unreachable = cli("join", "-http-addr", lone.httpAddress(), "127.0.0.9:" + nobody);
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("Error joining address '127.0.0.9:" + nobody + "': Unexpected response "
                + "code: 500 (").endsWith(")\nFailed to join any nodes.\n");
        assertThat(cli("leave", "-http-addr", addr)).isEqualTo(new Run(0, "Graceful leave complete\n", ""));
    }
}
