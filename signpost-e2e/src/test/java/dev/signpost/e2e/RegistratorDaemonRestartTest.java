package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.SignpostProcess;

/**
 * Issue #6: {@code signpost registrator} outlives a restart of the Docker daemon it watches. The daemon is the test's
 * own ({@link DedicatedDockerd}, with {@code --live-restore}); the shared one is never stopped.
 *
 * <p>The story: containers "gone" and "kept" run and are registered; the daemon stops (the event stream ends) and,
 * while it is down, gone's process is killed, so no Docker event can ever tell the registrator; the daemon starts
 * again. The registrator must still be running, reconnect, and resync: gone deregistered, kept still registered.
 * A container started after the restart must be added from the new event stream.
 */
class RegistratorDaemonRestartTest {
    private static final String HOSTNAME = "205155915c61";
    private static final String RECONNECTED = "Listening for Docker events ... (reconnected, resyncing)";

    @TempDir
    Path work;
    private DedicatedDockerd dockerd;
    private AgentProcess agent;
    private SignpostProcess registrator;
    private final String prefix = "sp-restart-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void start() {
        DedicatedDockerd.require();
        dockerd = DedicatedDockerd.create(work.resolve("dockerd.log"));
        dockerd.start();
        dockerd.importWebapp();
        agent = AgentProcess.dev(work, "restart-node");
    }

    @AfterEach
    void stop() {
        try {
            if (registrator != null) {
                registrator.close();
            }
            if (agent != null) {
                agent.close();
            }
        } finally {
            if (dockerd != null) {
                dockerd.close();
            }
        }
    }

    @Test
    void daemonRestart_registratorKeepsRunning_resyncsAndAddsContainersStartedAfterwards() {
        String gone = dockerd.runWebapp(prefix + "-gone");
        String kept = dockerd.runWebapp(prefix + "-kept");
        // -retry-interval also paces reconnecting (doubling from it); the default 2 s would only make the test slower.
        registrator = SignpostProcess.start(work.resolve("registrator.log"),
                List.of("registrator", "-ip", "127.0.0.1", "-hostname", HOSTNAME, "-retry-interval", "250",
                        "consul://" + agent.httpAddress()),
                Map.of("DOCKER_HOST", dockerd.host()));
        awaitCatalog("gone and kept registered", Duration.ofSeconds(30), "gone", "kept");

        long goneProcess = dockerd.containerPid(gone);
        dockerd.stop();
        await("the registrator sees the event stream end").atMost(Duration.ofSeconds(10))
                .until(() -> registrator.output().contains("Docker event loop closed ("));
        ProcessHandle.of(goneProcess).ifPresent(ProcessHandle::destroyForcibly);
        await("gone's process killed").atMost(Duration.ofSeconds(10))
                .until(() -> !DedicatedDockerd.running(goneProcess));
        assertThat(registrator.isAlive()).as("registrator alive while Docker is down").isTrue();

        dockerd.start();
        awaitCatalog("resync after the restart", Duration.ofSeconds(20), "kept");
        String added = dockerd.runWebapp(prefix + "-added");
        awaitCatalog("a container started after the restart", Duration.ofSeconds(10), "kept", "added");

        assertThat(registrator.isAlive()).as("registrator alive after the restart").isTrue();
        JsonNode keptEntry = webapp().stream().filter(n -> n.get("ServiceID").asText().equals(serviceId("kept")))
                .findFirst().orElseThrow();
        assertThat(keptEntry.get("ServiceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(keptEntry.get("ServicePort").asInt()).isEqualTo(5000);

        String log = registrator.output();
        assertThat(log).contains(RECONNECTED);
        String before = log.substring(0, log.indexOf(RECONNECTED));
        String after = log.substring(log.indexOf(RECONNECTED));
        // No "removed:" before the reconnect: gone's removal must come from the resync, as no event reported it.
        assertThat(before).as("registrator log up to the reconnect")
                .contains("added: " + shortId(gone) + " " + serviceId("gone"))
                .contains("added: " + shortId(kept) + " " + serviceId("kept"))
                .containsPattern("Docker event loop closed \\(.+\\), reconnecting")
                .doesNotContain("removed: ");
        assertThat(after).as("registrator log from the reconnect on")
                .containsSubsequence("stale: Removing service " + shortId(gone) + " because it does not exist",
                        "removed: " + shortId(gone) + " " + serviceId("gone"),
                        "added: " + shortId(added) + " " + serviceId("added"))
                .as("kept is re-registered quietly, not added twice")
                .doesNotContain("added: " + shortId(kept));
    }

    /** The ID the registrator gives this test's container NAME ("gone", "kept", "added"). */
    private String serviceId(String name) {
        return HOSTNAME + ":" + prefix + "-" + name + ":5000";
    }

    /** The catalog's webapp entries, one per service instance. */
    private List<JsonNode> webapp() {
        JsonNode entries = Http.json(Http.get(agent.uri("/v1/catalog/service/webapp")));
        return StreamSupport.stream(entries.spliterator(), false).toList();
    }

    /** Waits until the catalog's webapp services are exactly those of the named containers. */
    private void awaitCatalog(String what, Duration timeout, String... names) {
        List<String> expected = Stream.of(names).map(this::serviceId).toList();
        await(what).atMost(timeout).untilAsserted(() -> assertThat(webapp().stream()
                .map(n -> n.get("ServiceID").asText()).toList())
                .as(() -> "webapp service IDs in the catalog; registrator log:\n" + registrator.output())
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    private static String shortId(String containerId) {
        return containerId.substring(0, 12);
    }
}
