package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.Ports;

/** {@code bin/signpost demo}: the seed's single host in one command, and nothing left behind when it stops. */
class DemoScriptTest {
    @TempDir
    Path work;
    private Process demo;
    private Path output;

    @BeforeEach
    void needsDockerAndHaproxy() {
        Docker.require();
        Tools.require("haproxy", "haproxy");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    private String printed() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Test
    void demo_runsTheWholeChainOnLoopback_andRemovesWhatItStartedOnTerm() throws Exception {
        int http = Ports.free();
        int dns = Ports.free();
        int haproxy = Ports.free();
        output = work.resolve("demo.out");
        Path root = Path.of("").toAbsolutePath().getParent();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bin/signpost").toString(), "demo")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SIGNPOST_HTTP_PORT", Integer.toString(http));
        builder.environment().put("SIGNPOST_DNS_PORT", Integer.toString(dns));
        builder.environment().put("HAPROXY_PORT", Integer.toString(haproxy));
        demo = builder.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> printed().contains("Press Ctrl-C") || !demo.isAlive());
        assertThat(demo.isAlive()).as(printed()).isTrue();
        assertThat(printed()).contains("curl -s 127.0.0.1:" + http + "/v1/catalog/service/webapp?pretty")
                .contains("dig @127.0.0.1 -p " + dns + " webapp.service.consul SRV");
        assertThat(Http.get(URI.create("http://127.0.0.1:" + haproxy + "/")).body()).startsWith("Hello world!");
        assertThat(Http.json(Http.get(URI.create("http://127.0.0.1:" + http + "/v1/catalog/service/webapp")))).hasSize(3);
        assertThat(Tools.dig(dns, "webapp.service.consul", "SRV")).contains("ANSWER: 3");
        Matcher dir = Pattern.compile("(/tmp/signpost-demo\\.\\w+)/").matcher(printed());
        assertThat(dir.find()).isTrue();
        Path demoDir = Path.of(dir.group(1));
        String label = Tools.run("sh", "-c", "docker ps --format '{{.Names}}' | grep signpost-demo- | head -1").strip();
        assertThat(label).startsWith("signpost-demo-");

        demo.destroy(); // SIGTERM, as Ctrl-C's cleanup path
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(printed()).contains("demo: done");
        String runId = label.substring("signpost-demo-".length(), label.lastIndexOf('-'));
        assertThat(Tools.run("docker", "ps", "-a", "--format", "{{.Names}}")).doesNotContain("signpost-demo-" + runId);
        assertThat(demoDir).doesNotExist();
        // "[h]" keeps pgrep from finding the shell that runs it.
        // On failure the message shows each leftover process's command line and what the demo printed.
        assertThat(Tools.run("sh", "-c", "pgrep -af '[h]ttp-port " + http + "' || true").strip()).as(printed())
                .isEmpty();
        assertThat(Tools.run("sh", "-c", "pgrep -af '[/]" + demoDir.toString().substring(1) + "' || true").strip())
                .as(printed()).isEmpty();
    }
}
