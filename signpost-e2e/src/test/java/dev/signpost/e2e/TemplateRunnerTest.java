package dev.signpost.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code signpost template} from the real jar against a real {@code signpost agent -dev}, as the seed runs it. */
class TemplateRunnerTest {

    private static final String BACKEND = """
            backend app
              balance roundrobin{{range service "%s"}}
              server {{.ID}} {{.Address}}:{{.Port}}{{end}}
            """;

    @TempDir
    static Path work;
    static AgentProcess agent;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.dev(work, "template-node");
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    static void register(AgentProcess a, String name, String id, int port) {
        HttpResponse<String> r = Http.put(a.uri("/v1/agent/service/register"),
                "{\"ID\":\"" + id + "\",\"Name\":\"" + name + "\",\"Address\":\"127.0.0.1\",\"Port\":" + port + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static void deregister(AgentProcess a, String id) {
        HttpResponse<String> r = Http.put(a.uri("/v1/agent/service/deregister/" + id), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private Path template(String service) throws IOException {
        Path in = dir.resolve(service + ".ctmpl");
        Files.writeString(in, BACKEND.formatted(service));
        return in;
    }

    private static String content(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long lines(Path p) {
        return content(p).lines().count();
    }

    @Test
    void once_writesTheSeedsBackend_andExits0() throws IOException {
        register(agent, "webapp", "web1", 32768);
        Path in = template("webapp");
        Path out = dir.resolve("haproxy.cfg");
        try (TemplateProcess t = TemplateProcess.start(dir, "once", List.of("-consul", agent.httpAddress(),
                "-template", in + ":" + out + ":echo ran >> " + dir.resolve("ran.log"), "-once"))) {
            assertThat(t.waitForExit()).as(t.stderr()).isZero();
        }
        assertThat(Files.readString(out)).isEqualTo("backend app\n  balance roundrobin\n"
                + "  server web1 127.0.0.1:32768\n");
        assertThat(lines(dir.resolve("ran.log"))).isEqualTo(1);
    }

    @Test
    void deadFirstAddress_failsOverToTheNext_andThePidFileComesAndGoes() throws IOException {
        register(agent, "failover", "f1", 5101);
        Path in = template("failover");
        Path out = dir.resolve("failover.cfg");
        Path pid = dir.resolve("run/template.pid");
        String dead = "127.0.0.1:" + dev.signpost.testing.Ports.free();
        try (TemplateProcess t = TemplateProcess.start(dir, "failover", List.of("-consul", dead, "-consul",
                agent.httpAddress(), "-template", in + ":" + out, "-pid-file", pid.toString()))) {
            await().atMost(TemplateProcess.timeout()).until(() -> content(out).contains("server f1 127.0.0.1:5101"));
            assertThat(content(pid).strip()).isEqualTo(Long.toString(t.pid()));
            t.close();
        }
        assertThat(pid).as("removed on exit").doesNotExist();
    }

    @Test
    void exec_startsTheChildAfterTheFirstRender_signalsItOnChange_andExitsWithIt() throws IOException {
        register(agent, "supervised", "s1", 5201);
        Path in = template("supervised");
        Path out = dir.resolve("supervised.cfg");
        Path seen = dir.resolve("child.log");
        String child = "trap 'echo reload >> " + seen + "' HUP; trap 'exit 7' USR1; echo start >> " + seen
                + "; while :; do sleep 0.1; done";
        try (TemplateProcess t = TemplateProcess.start(dir, "exec", List.of("-consul", agent.httpAddress(),
                "-template", in + ":" + out, "-exec", child, "-exec-reload-signal", "SIGHUP"))) {
            await().atMost(TemplateProcess.timeout()).until(() -> content(seen).equals("start\n"));
            assertThat(content(out)).contains("server s1");
            register(agent, "supervised", "s2", 5202);
            await().atMost(TemplateProcess.timeout()).until(() -> content(seen).equals("start\nreload\n"));
            t.signal("USR1");
            assertThat(t.waitForExit()).as("signals other than reload and kill go to the child").isEqualTo(7);
            assertThat(t.stderr()).contains("child exited with status 7");
        }
    }

    @Test
    void dry_printsDestinationAndContent_andWritesNothing() throws IOException {
        register(agent, "drysvc", "dry1", 5000);
        Path in = template("drysvc");
        Path out = dir.resolve("dry.cfg");
        try (TemplateProcess t = TemplateProcess.start(dir, "dry", List.of("-consul", agent.httpAddress(),
                "-template", in + ":" + out + ":touch " + dir.resolve("ran"), "-once", "-dry"))) {
            assertThat(t.waitForExit()).as(t.stderr()).isZero();
            assertThat(t.stdout()).startsWith("> " + out + "\nbackend app\n  balance roundrobin\n"
                    + "  server dry1 127.0.0.1:5000\n");
        }
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void watch_rerendersOnRegisterAndDeregister_runningTheCommandOncePerChange() throws IOException {
        register(agent, "watched", "w1", 6001);
        Path in = template("watched");
        Path out = dir.resolve("watched.cfg");
        Path ran = dir.resolve("ran.log");
        try (TemplateProcess t = TemplateProcess.start(dir, "watch", List.of("-consul-addr", agent.httpAddress(),
                "-template", in + ":" + out + ":echo ran >> " + ran, "-log-level", "info"))) {
            await().atMost(TemplateProcess.timeout()).until(() -> content(out).contains("w1"));
            await().atMost(TemplateProcess.timeout()).until(() -> lines(ran) == 1);

            register(agent, "watched", "w2", 6002);
            await().atMost(TemplateProcess.timeout()).until(() -> content(out).contains("server w2 127.0.0.1:6002"));
            await().atMost(TemplateProcess.timeout()).until(() -> lines(ran) == 2);

            deregister(agent, "w1");
            await().atMost(TemplateProcess.timeout()).until(() -> !content(out).contains("w1"));
            await().atMost(TemplateProcess.timeout()).until(() -> lines(ran) == 3);
            assertThat(content(out)).isEqualTo("backend app\n  balance roundrobin\n  server w2 127.0.0.1:6002\n");
            assertThat(t.output()).as("info shows a diff of the change").contains("-  server w1 127.0.0.1:6001");

            t.signal("INT");
            assertThat(t.waitForExit()).as("the kill signal exits 12").isEqualTo(12);
            assertThat(t.stderr()).contains("signpost template: interrupted by SIGINT");
        }
        assertThat(lines(ran)).as("exactly one command per change").isEqualTo(3);
    }

    @Test
    void configFile_inHclShape_renders() throws IOException {
        register(agent, "configured", "c1", 7001);
        Path out = dir.resolve("sub/dir/out.txt");
        Path conf = dir.resolve("ct.hcl");
        Files.writeString(conf, """
                consul {
                  address = "%s"
                  retry { attempts = 3 backoff = "100ms" }
                }
                log_level = "info"
                template {
                  contents    = "{{range service \\"configured\\"}}{{.ID}}={{.Port}}{{end}}"
                  destination = "%s"
                  perms       = 0600
                  command     = "echo done > %s"
                }
                """.formatted(agent.httpAddress(), out, dir.resolve("done")));
        try (TemplateProcess t = TemplateProcess.start(dir, "config", List.of("-config", conf.toString(), "-once"))) {
            assertThat(t.waitForExit()).as(t.stderr()).isZero();
        }
        assertThat(Files.readString(out)).isEqualTo("c1=7001");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("done")).hasContent("done");
    }

    @Test
    void badFlag_exits13_badConfig_exits15_withOneLineSayingWhy() throws IOException {
        try (TemplateProcess t = TemplateProcess.start(dir, "badflag", List.of("-bogus"))) {
            assertThat(t.waitForExit()).isEqualTo(13);
            assertThat(t.stderr()).contains("flag provided but not defined: -bogus");
        }
        Path conf = dir.resolve("bad.hcl");
        Files.writeString(conf, "template {\n  source = \"a\"\n  destination \"b\"\n}\n");
        try (TemplateProcess t = TemplateProcess.start(dir, "badconf", List.of("-config", conf.toString()))) {
            assertThat(t.waitForExit()).isEqualTo(15);
            assertThat(t.stderr().strip()).isEqualTo("signpost template: " + conf
                    + ":3:15: expected '=' or '{' after key \"destination\", found '\"'");
        }
    }

    @Test
    void unreachableRegistry_exits14_afterItsRetries() throws IOException {
        Path in = template("nowhere");
        try (TemplateProcess t = TemplateProcess.start(dir, "down", List.of("-consul",
                "127.0.0.1:" + dev.signpost.testing.Ports.free(), "-consul-retry-attempts", "2",
                "-consul-retry-backoff", "50ms", "-template", in + ":" + dir.resolve("x"), "-once"))) {
            assertThat(t.waitForExit()).isEqualTo(14);
            assertThat(t.output()).contains("retry 1/2").contains("retry 2/2")
                    .contains("signpost template: health.service(nowhere|passing): cannot reach 127.0.0.1:");
        }
    }

    @Test
    void registryKilledAndRestarted_midWatch_theRunnerRetriesAndCatchesUp() throws IOException {
        AgentProcess.AgentPorts ports = AgentProcess.AgentPorts.free();
        List<String> args = List.of("agent", "-dev", "-node", "restarted");
        Path in = template("phoenix");
        Path out = dir.resolve("phoenix.cfg");
        AgentProcess first = AgentProcess.start(dir.resolve("agent1.log"), args, "127.0.0.1", ports);
        try (TemplateProcess t = TemplateProcess.start(dir, "restart", List.of("-consul", first.httpAddress(),
                "-template", in + ":" + out, "-consul-retry-attempts", "0", "-consul-retry-backoff", "100ms",
                "-consul-retry-max-backoff", "500ms"))) {
            try {
                register(first, "phoenix", "p1", 8001);
                await().atMost(TemplateProcess.timeout()).until(() -> content(out).contains("p1"));
                first.kill();
                await().atMost(TemplateProcess.timeout()).until(() -> t.output().contains("cannot reach"));
                assertThat(t.isAlive()).as("a dead registry is retried, not fatal at once").isTrue();
            } finally {
                first.close();
            }
            try (AgentProcess second = AgentProcess.start(dir.resolve("agent2.log"), args, "127.0.0.1", ports)) {
                register(second, "phoenix", "p2", 8002);
                await().atMost(TemplateProcess.timeout())
                        .until(() -> content(out).contains("server p2 127.0.0.1:8002"));
                assertThat(content(out)).doesNotContain("p1");
                assertThat(t.isAlive()).isTrue();
            }
        }
    }

    @Test
    void sighup_reloadsTheTemplateFromDisk() throws IOException {
        register(agent, "reloaded", "r1", 9001);
        Path in = dir.resolve("r.ctmpl");
        Files.writeString(in, "v1 {{range service \"reloaded\"}}{{.ID}}{{end}}");
        Path out = dir.resolve("r.out");
        try (TemplateProcess t = TemplateProcess.start(dir, "hup", List.of("-consul", agent.httpAddress(),
                "-template", in + ":" + out, "-log-level", "info"))) {
            await().atMost(TemplateProcess.timeout()).until(() -> content(out).equals("v1 r1"));
            Files.writeString(in, "v2 {{range service \"reloaded\"}}{{.ID}}:{{.Port}}{{end}}");
            t.signal("HUP");
            await().atMost(TemplateProcess.timeout()).until(() -> content(out).equals("v2 r1:9001"));
            assertThat(t.output()).contains("received SIGHUP, reloading");
            assertThat(t.isAlive()).isTrue();
        }
    }
}
