package dev.signpost.registrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signpost.testing.LogCapture;

import static dev.signpost.registrator.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registrator against a real Docker Engine ({@code DOCKER_HOST} or the default socket) and a fake agent: the
 * seed's sequence with containers published on 127.0.0.1 only. Skipped when Docker is missing and CI is unset;
 * fails under CI. Every container carries a label with this run's ID and is removed afterwards.
 */
class RealDockerTest {

    private final String run = "sp" + UUID.randomUUID().toString().substring(0, 8);
    private final LogCapture log = new LogCapture();
    private final List<String> lines = log.lines();
    private FakeAgent agent;
    private Registrator registrator;

    @BeforeAll
    static void docker_isThere() {
        DockerCli.requireDocker();
        DockerCli.ensureImages();
    }

    @BeforeEach
    void startAgent() throws Exception {
        agent = new FakeAgent();
    }

    @AfterEach
    void cleanUp() {
        if (registrator != null) {
            registrator.close();
        }
        String ids = docker("ps", "-aq", "--filter", "label=signpost.test=" + run);
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(ids.lines().toList());
            docker(rm.toArray(String[]::new));
        }
        agent.close();
    }

    private String runContainer(String name, String... args) {
        List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", run + "-" + name,
                "--label", "signpost.test=" + run));
        cmd.addAll(List.of(args));
        return docker(cmd.toArray(String[]::new));
    }

    private void startRegistrator(String... flags) {
        List<String> args = new ArrayList<>(List.of("-hostname", "testhost", "-retry-interval", "100"));
        args.addAll(List.of(flags));
        args.add("consul://" + agent.address());
        RegistratorConfig config = RegistratorConfig.parse(args).withRegistryCheck(Duration.ofMillis(300));
        registrator = new Registrator(config, new DockerEngine(config.dockerHost()), Registrator.backend(config),
                Clock.systemUTC(), name -> Optional.of("127.0.0.1"), LogSink.to(log));
        registrator.start();
        Thread.ofVirtual().start(registrator::loop);
    }

    private static int hostPort(String container, String port) {
        String mapping = docker("port", container, port).lines().findFirst().orElseThrow();
        return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
    }

    private String id(String name) {
        return "testhost:" + run + "-" + name + ":5000";
    }

    @Test
    void seedSequence_registersPublishedPorts_survivesRegistryRestart_andRemovesStoppedAndDeleted() throws Exception {
        String before = runContainer("before", "-p", "127.0.0.1::5000", DockerCli.WEBAPP);
        String quiet = runContainer("quiet", DockerCli.NOPORTS);
        String unpublished = runContainer("unpublished", DockerCli.WEBAPP);
        startRegistrator();

        int port = hostPort(before, "5000/tcp");
        assertThat(agent.services).containsKey(id("before"));
        assertThat(agent.services.get(id("before")).path("Name").asText()).isEqualTo("webapp");
        assertThat(agent.services.get(id("before")).path("Address").asText()).isEqualTo("127.0.0.1");
        assertThat(agent.services.get(id("before")).path("Port").asInt()).isEqualTo(port);
        assertThat(lines).contains("added: " + before.substring(0, 12) + " " + id("before"),
                "ignored: " + quiet.substring(0, 12) + " no published ports",
                "ignored: " + unpublished.substring(0, 12) + " port 5000 not published on host");
        assertThat(lines).anyMatch(l -> l.matches("Syncing services on \\d+ containers"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).isEqualTo("Hello world!\n");
        }

        String two = runContainer("two", "--expose", "6000", "-p", "127.0.0.1::5000",
                "-p", "127.0.0.1::6000", "-e", "SERVICE_NAME=web", "-e", "SERVICE_TAGS=blue,v1", DockerCli.WEBAPP);
        String six = "testhost:" + run + "-two:6000";
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.services.containsKey(id("two"))
                && agent.services.containsKey(six));
        assertThat(agent.services.get(id("two")).path("Name").asText()).isEqualTo("web-5000");
        assertThat(agent.services.get(six).path("Name").asText()).isEqualTo("web-6000");
        assertThat(agent.services.get(id("two")).path("Tags").toString()).isEqualTo("[\"blue\",\"v1\"]");

        agent.loseState();
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.services.containsKey(id("two"))
                && agent.services.containsKey(id("before")));

        docker("stop", "-t", "1", two);
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.services.containsKey(id("two"))
                && lines.contains("removed: " + two.substring(0, 12) + " " + id("two")));
        docker("rm", "-f", before);
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.services.containsKey(id("before"))
                && lines.contains("removed: " + before.substring(0, 12) + " " + id("before")));
    }

    @Test
    void dockerHealthcheck_flipsTheConsulCheck() {
        startRegistrator();
        String c = runContainer("health", "-p", "127.0.0.1::5000", "--health-cmd", "test -f /tmp/ok",
                "--health-interval", "1s", "--health-retries", "1", DockerCli.WEBAPP);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.services.containsKey(id("health")));
        assertThat(agent.services.get(id("health")).path("Check").path("Status").asText()).isEqualTo("critical");
        docker("exec", c, "touch", "/tmp/ok");
        String check = "service:" + id("health") + ":docker-health";
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.checkUpdates.contains(check + " passing"));
        docker("exec", c, "rm", "/tmp/ok");
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.checkUpdates.contains(check + " critical"));
    }
}
