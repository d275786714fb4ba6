package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.SignpostProcess;

/** {@code signpost registrator} against a real Docker Engine and a real agent, as the seed runs them. */
class RegistratorTest {
    @TempDir
    Path work;
    private AgentProcess agent;
    private SignpostProcess registrator;
    private final String prefix = "sp-e2e-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void start() {
        Docker.require();
        agent = AgentProcess.dev(work, "be67d37cbf68");
    }

    @AfterEach
    void stop() {
        Tools.run("sh", "-c", "docker ps -aq --filter name=" + prefix + " | xargs -r docker rm -f");
        if (registrator != null) {
            registrator.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private JsonNode webapp() {
        return Http.json(Http.get(agent.uri("/v1/catalog/service/webapp")));
    }

    @Test
    void containers_areAddedAtStartAndOnStart_andRemovedWhenGone_withTheSeedsLogLines() {
        String z001 = Docker.runWebapp(prefix + "-z001");
        registrator = SignpostProcess.start(work.resolve("registrator.log"), List.of("registrator", "-ip", "127.0.0.1",
                "-hostname", "205155915c61", "consul://" + agent.httpAddress()));

        await().atMost(Duration.ofSeconds(30)).until(() -> webapp().size() == 1);
        int port1 = Docker.publishedPort(z001);
        JsonNode first = webapp().get(0);
        assertThat(first.get("ServiceID").asText()).isEqualTo("205155915c61:" + prefix + "-z001:5000");
        assertThat(first.get("ServicePort").asInt()).isEqualTo(port1);
        assertThat(first.get("ServiceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(Http.get(URI.create("http://127.0.0.1:" + port1 + "/")).body()).startsWith("Hello world!");

        String z002 = Docker.runWebapp(prefix + "-z002");
        await().atMost(Duration.ofSeconds(5)).until(() -> webapp().size() == 2);

        Docker.removeForce(z001);
        await().atMost(Duration.ofSeconds(5)).until(() -> webapp().size() == 1);
        assertThat(webapp().get(0).get("ServiceID").asText()).endsWith(prefix + "-z002:5000");

        String log = registrator.output();
        assertThat(log).contains("Starting registrator ").contains("Using consul adapter: consul://" + agent.httpAddress())
                .contains("consul: current leader").contains("Listening for Docker events ...")
                .containsPattern("Syncing services on \\d+ containers")
                .contains("added: " + z001.substring(0, 12) + " 205155915c61:" + prefix + "-z001:5000")
                .contains("added: " + z002.substring(0, 12) + " 205155915c61:" + prefix + "-z002:5000")
                .contains("removed: " + z001.substring(0, 12) + " 205155915c61:" + prefix + "-z001:5000");
        assertThat(log).containsPattern("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d added: ");
    }

    @Test
    void aRestartedRegistryIsRepopulated_andDockerHealthFlipsTheServiceCheck() {
        // The agent forgets everything when it restarts (-dev); it comes back on the same ports.
        agent.close();
        AgentProcess.AgentPorts ports = AgentProcess.AgentPorts.free();
        agent = AgentProcess.start(work.resolve("agent-1.log"), List.of("agent", "-dev", "-node", "be67d37cbf68"),
                "127.0.0.1", ports);
        String id = Tools.run("docker", "run", "-d", "--name", prefix + "-health", "--label", "signpost-e2e=1",
                "-p", "127.0.0.1::5000", "--health-cmd", "test -f /tmp/ok", "--health-interval", "1s",
                "--health-retries", "1", "training/webapp").strip();
        registrator = SignpostProcess.start(work.resolve("registrator.log"), List.of("registrator", "-ip", "127.0.0.1",
                "-hostname", "205155915c61", "consul://" + agent.httpAddress()));
        String serviceId = "205155915c61:" + prefix + "-health:5000";
        await().atMost(Duration.ofSeconds(30)).until(() -> webapp().size() == 1);
        assertThat(passing()).as("unhealthy (starting) container: its check is critical").isEmpty();

        Tools.run("docker", "exec", id, "touch", "/tmp/ok");
        await().atMost(Duration.ofSeconds(15)).until(() -> passing().size() == 1);
        Tools.run("docker", "exec", id, "rm", "/tmp/ok");
        await().atMost(Duration.ofSeconds(15)).until(() -> passing().isEmpty());

        agent.kill();
        agent = AgentProcess.start(work.resolve("agent-2.log"), List.of("agent", "-dev", "-node", "be67d37cbf68"),
                "127.0.0.1", ports);
        assertThat(webapp()).isEmpty();
        // Noticed without -resync: the registrator sees the registry lost its services and registers them again.
        await().atMost(Duration.ofSeconds(20)).until(() -> webapp().size() == 1);
        assertThat(webapp().get(0).get("ServiceID").asText()).isEqualTo(serviceId);
        assertThat(registrator.output()).contains("registry lost 1 services, registering them again");
        assertThat(registrator.isAlive()).isTrue();
    }

    private JsonNode passing() {
        return Http.json(Http.get(agent.uri("/v1/health/service/webapp?passing")));
    }

    @Test
    void badUri_exits2_withOneLine() {
        SignpostProcess.Result r = SignpostProcess.run(work.resolve("bad.log"), List.of("registrator", "redis://x"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output().strip().lines()).hasSize(1);
    }
}
