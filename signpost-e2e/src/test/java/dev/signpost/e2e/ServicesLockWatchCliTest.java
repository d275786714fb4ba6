package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.Ports;
import dev.signpost.testing.SignpostJar;

/** {@code signpost services}, {@code lock} and {@code watch} against a live agent: consul's texts and exit codes. */
class ServicesLockWatchCliTest {
    @TempDir
    Path work;
    private AgentProcess agent;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() {
        agent = AgentProcess.dev(work.resolve("agent"), "m1");
        agent.awaitLeader(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor();
        }
        agent.close();
    }

    /** The jar as a separate process (what signals and concurrent holders need), output to a file. */
    private Process jar(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(1, List.of("-http-addr", agent.httpAddress()));
        Path log = Files.createTempFile(work, "cli", ".log");
        Process p = new ProcessBuilder(SignpostJar.command(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private JsonNode kv(String key) {
        var r = Http.get(agent.uri("/v1/kv/" + key));
        return r.statusCode() == 404 ? null : Http.json(r).get(0);
    }

    private int sessions() {
        return Http.json(Http.get(agent.uri("/v1/session/list"))).size();
    }

    @Test
    void services_registerAndDeregister_byFlagsAndByDefinitionFiles() throws IOException {
        String addr = agent.httpAddress();
        assertThat(cli("services", "register", "-http-addr", addr, "-name", "web", "-id", "web1", "-port", "8080",
                "-address", "127.0.0.9", "-tag", "v1", "-tag", "blue", "-meta", "team=core"))
                .isEqualTo(new Run(0, "Registered service: web\n", ""));
        JsonNode web = Http.json(Http.get(agent.uri("/v1/agent/service/web1")));
        assertThat(web.get("Port").asInt()).isEqualTo(8080);
        assertThat(web.get("Address").asText()).isEqualTo("127.0.0.9");
        assertThat(web.get("Tags").toString()).isEqualTo("[\"v1\",\"blue\"]");
        assertThat(web.get("Meta").get("team").asText()).isEqualTo("core");

        Path json = Files.writeString(work.resolve("db.json"), "{\"service\": {\"name\": \"db\", \"port\": 5432}}");
        Path hcl = Files.writeString(work.resolve("cache.hcl"), "service {\n  name = \"cache\"\n  id = \"cache1\"\n"
                + "  port = 6379\n  tags = [\"primary\"]\n}\n");
        assertThat(cli("services", "register", "-http-addr", addr, "-tag", "extra", json.toString(), hcl.toString()))
                .isEqualTo(new Run(0, "Registered service: db\nRegistered service: cache\n", ""));
        assertThat(Http.json(Http.get(agent.uri("/v1/agent/service/cache1"))).get("Tags").toString())
                .isEqualTo("[\"primary\",\"extra\"]");
        assertThat(Http.json(Http.get(agent.uri("/v1/agent/service/db"))).get("Port").asInt()).isEqualTo(5432);

        assertThat(cli("services", "deregister", "-http-addr", addr, "-id", "web1"))
                .isEqualTo(new Run(0, "Deregistered service: web1\n", ""));
        assertThat(cli("services", "deregister", "-http-addr", addr, json.toString(), hcl.toString()))
                .isEqualTo(new Run(0, "Deregistered service: db\nDeregistered service: cache1\n", ""));
        assertThat(Http.json(Http.get(agent.uri("/v1/agent/services"))).size()).isZero();

        assertThat(cli("services", "register", "-http-addr", addr)).isEqualTo(new Run(1, "",
                "Service registration requires at least one argument or flags.\n"));
        assertThat(cli("services", "register", "-http-addr", addr, "-name", "x", json.toString())).isEqualTo(
                new Run(1, "", "Service registration requires arguments or -id, not both.\n"));
        assertThat(cli("services", "register", "-http-addr", addr, "-name", "x", "-meta", "novalue")).isEqualTo(
                new Run(1, "", "invalid value \"novalue\" for flag -meta: Missing \"=\" value in argument: novalue\n"));
        assertThat(cli("services", "register", "-http-addr", addr, work.resolve("missing.json").toString()).err())
                .startsWith("Error: ");
        assertThat(cli("services", "deregister", "-http-addr", addr)).isEqualTo(new Run(1, "",
                "Service deregistration requires at least one argument or -id.\n"));
        assertThat(cli("services", "deregister", "-http-addr", addr, "-id", "a", json.toString())).isEqualTo(
                new Run(1, "", "Service deregistration requires arguments or -id, not both.\n"));
        int port = Ports.free();
        assertThat(cli("services", "register", "-http-addr", "127.0.0.1:" + port, "-name", "web")).isEqualTo(
                new Run(1, "", "Error registering service \"web\": Put \"http://127.0.0.1:" + port
                        + "/v1/agent/service/register\": dial tcp 127.0.0.1:" + port + ": connect: connection refused\n"));
    }

    @Test
    void lock_runsTheChildHoldingTheLock_andCleansUp() {
        String addr = agent.httpAddress();
        assertThat(cli("lock", "-http-addr", addr, "locks/app", "echo held=$CONSUL_LOCK_HELD"))
                .isEqualTo(new Run(0, "held=true\n", ""));
        assertThat(kv("locks/app/.lock")).isNull();
        assertThat(sessions()).isZero();

        assertThat(cli("lock", "-http-addr", addr, "locks/app", "exit 3"))
                .isEqualTo(new Run(0, "", "Error running handler: exit status 3\n"));
        assertThat(cli("lock", "-http-addr", addr, "-child-exit-code", "locks/app", "exit 3"))
                .isEqualTo(new Run(2, "", "Error running handler: exit status 3\n"));

        assertThat(cli("lock", "-http-addr", addr, "locks/app")).isEqualTo(new Run(1, "",
                "Key prefix and child command must be specified\n"));
        assertThat(cli("lock", "-http-addr", addr, "-n", "0", "locks/app", "true")).isEqualTo(new Run(1, "",
                "Lock holder limit must be positive\n"));
        assertThat(cli("lock", "-http-addr", addr, "-monitor-retry", "-1", "locks/app", "true")).isEqualTo(
                new Run(1, "", "Number for 'monitor-retry' must be >= 0\n"));
        Http.put(agent.uri("/v1/kv/plain/.lock"), "not a lock");
        assertThat(cli("lock", "-http-addr", addr, "plain", "true")).isEqualTo(new Run(1, "",
                "Lock acquisition failed: Existing key does not match lock use\n"));
    }

    @Test
    void lock_excludesASecondHolder_andReleasesOnSigterm() throws Exception {
        Process holder = jar("lock", "locks/db", "sleep 60");
        await().atMost(Duration.ofSeconds(20)).until(() -> kv("locks/db/.lock") != null
                && !kv("locks/db/.lock").path("Session").asText("").isEmpty());
        JsonNode lock = kv("locks/db/.lock");
        assertThat(lock.get("Flags").asText()).isEqualTo(Long.toUnsignedString(0x2ddccbc058a50c18L));
        JsonNode session = Http.json(Http.get(agent.uri("/v1/session/info/" + lock.get("Session").asText()))).get(0);
        assertThat(session.get("Name").asText()).isEqualTo("Consul lock for 'sleep 60' at 'locks/db'");
        assertThat(session.get("TTL").asText()).isEqualTo("15s");

        assertThat(cli("lock", "-http-addr", agent.httpAddress(), "-timeout", "1s", "locks/db", "echo never"))
                .isEqualTo(new Run(1, "", "Shutdown triggered or timeout during lock acquisition\n"));

        holder.destroy(); // SIGTERM
        assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).isZero();
        assertThat(kv("locks/db/.lock")).isNull();
        assertThat(sessions()).isZero();
    }

    @Test
    void lockWithN_isConsulsSemaphore_admittingNHolders() throws Exception {
        jar("lock", "-n", "2", "sem/jobs", "sleep 60");
        jar("lock", "-n", "2", "sem/jobs", "sleep 60");
        await().atMost(Duration.ofSeconds(30)).until(() -> kv("sem/jobs/.lock") != null
                && lockValue(kv("sem/jobs/.lock")).get("Holders").size() == 2);
        JsonNode lock = kv("sem/jobs/.lock");
        assertThat(lock.get("Flags").asText()).isEqualTo(Long.toUnsignedString(0xe0f69a2baa414de0L));
        assertThat(lockValue(lock).get("Limit").asInt()).isEqualTo(2);

        assertThat(cli("lock", "-http-addr", agent.httpAddress(), "-n", "2", "-timeout", "1s", "sem/jobs", "true"))
                .isEqualTo(new Run(1, "", "Shutdown triggered or timeout during lock acquisition\n"));
        assertThat(cli("lock", "-http-addr", agent.httpAddress(), "-n", "3", "-timeout", "1s", "sem/jobs", "true"))
                .isEqualTo(new Run(1, "", "Lock acquisition failed: semaphore limit conflict (lock: 2, local: 3)\n"));

        for (Process p : started) {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        var left = Http.get(agent.uri("/v1/kv/sem/jobs?recurse"));
        assertThat(left.statusCode()).as(left.body()).isEqualTo(404);
        assertThat(cli("lock", "-http-addr", agent.httpAddress(), "-n", "2", "sem/jobs", "echo $CONSUL_LOCK_HELD"))
                .isEqualTo(new Run(0, "true\n", ""));
    }

    private static JsonNode lockValue(JsonNode pair) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.util.Base64.getDecoder().decode(pair.get("Value").asText()));
    }

    @Test
    void watch_withoutAHandler_printsTheResultOnce() {
        String addr = agent.httpAddress();
        assertThat(cli("watch", "-http-addr", addr, "-type", "keyprefix", "-prefix", "cfg/"))
                .isEqualTo(new Run(0, "null\n", ""));
        Http.put(agent.uri("/v1/kv/cfg/a"), "v");
        JsonNode pair = kv("cfg/a");
        assertThat(cli("watch", "-http-addr", addr, "-type", "key", "-key", "cfg/a")).isEqualTo(new Run(0,
                "{\n    \"Key\": \"cfg/a\",\n    \"CreateIndex\": " + pair.get("CreateIndex") + ",\n    \"ModifyIndex\": "
                        + pair.get("ModifyIndex") + ",\n    \"LockIndex\": 0,\n    \"Flags\": 0,\n"
                        + "    \"Value\": \"dg==\",\n    \"Session\": \"\"\n}\n", ""));
        Run services = cli("watch", "-http-addr", addr, "-type", "services");
        assertThat(services.code()).isZero();
        assertThat(services.out()).isEqualTo("{\n    \"consul\": []\n}\n");

        Run untyped = cli("watch", "-http-addr", addr);
        assertThat(untyped.code()).isEqualTo(1);
        assertThat(untyped.err()).startsWith("Watch type must be specified\n\nUsage: signpost watch");
        assertThat(cli("watch", "-http-addr", addr, "-type", "bogus"))
                .isEqualTo(new Run(1, "", "Unsupported watch type: bogus\n"));
        assertThat(cli("watch", "-http-addr", addr, "-type", "key"))
                .isEqualTo(new Run(1, "", "Must specify a single key to watch\n"));
        assertThat(cli("watch", "-http-addr", addr, "-type", "nodes", "-tag", "x"))
                .isEqualTo(new Run(1, "", "Invalid parameters: [tag]\n"));
        assertThat(cli("watch", "-http-addr", addr, "-type", "service", "-service", "a", "-passingonly", "maybe"))
                .isEqualTo(new Run(1, "", "Failed to parse passingonly flag: strconv.ParseBool: parsing \"maybe\": "
                        + "invalid syntax\n"));
        int port = Ports.free();
        assertThat(cli("watch", "-http-addr", "127.0.0.1:" + port, "-type", "nodes")).isEqualTo(new Run(1, "",
                "Error querying Consul agent: Get \"http://127.0.0.1:" + port + "/v1/agent/self\": dial tcp 127.0.0.1:"
                        + port + ": connect: connection refused\n"));
        assertThat(cli("watch", "-http-addr", addr, "-type", "nodes", "exit 4"))
                .isEqualTo(new Run(1, "", "Error executing handler: exit status 4\n"));
    }

    @Test
    void watch_withAHandler_runsItAtEveryChange_withTheJsonOnStdin() throws Exception {
        Path seen = work.resolve("seen.txt");
        Process watcher = jar("watch", "-type", "keyprefix", "-prefix", "app/",
                "(echo index=$CONSUL_INDEX; cat; echo) >> " + seen);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(seen)
                && Files.readString(seen).contains("null"));
        Http.put(agent.uri("/v1/kv/app/one"), "1");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(seen).contains("\"Key\":\"app/one\""));
        Http.put(agent.uri("/v1/kv/app/two"), "2");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(seen).contains("\"Key\":\"app/two\""));
        String lines = Files.readString(seen);
        assertThat(lines.lines().filter(l -> l.startsWith("index=")).count()).isEqualTo(3);
        assertThat(lines).contains("[{\"Key\":\"app/one\",\"CreateIndex\":");

        watcher.destroy(); // SIGTERM
        assertThat(watcher.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(watcher.exitValue()).isZero();
    }
}
