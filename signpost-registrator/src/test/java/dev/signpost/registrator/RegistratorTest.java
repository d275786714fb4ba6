package dev.signpost.registrator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Telemetry;
import dev.signpost.testing.LogCapture;

import static dev.signpost.registrator.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The registrator loop against an in-memory Docker and a fake agent over real HTTP. */
class RegistratorTest {

    private static final String ID_A = "a".repeat(12) + "0".repeat(52);
    private static final String ID_B = "b".repeat(12) + "0".repeat(52);

    private FakeAgent agent;
    private final FakeDocker docker = new FakeDocker();
    private final LogCapture log = new LogCapture();
    private final List<String> lines = log.lines();
    private final List<Registrator> started = new ArrayList<>();
    private final LogSink sink = LogSink.to(log);

    @BeforeEach
    void startAgent() throws Exception {
        agent = new FakeAgent();
    }

    @AfterEach
    void stopAll() {
        started.forEach(Registrator::close);
        agent.close();
    }

    private Registrator registrator(String uriScheme, String... flags) {
        List<String> args = new ArrayList<>(List.of("-hostname", "h1", "-retry-interval", "50"));
        args.addAll(List.of(flags));
        args.add(uriScheme + "://" + agent.address() + (uriScheme.equals("consulkv") ? "/services" : ""));
        RegistratorConfig config = RegistratorConfig.parse(args).withRegistryCheck(Duration.ofMillis(200));
        Registrator r = new Registrator(config, docker, Registrator.backend(config), Clock.systemUTC(),
                name -> Optional.of("10.0.0.5"), sink);
        started.add(r);
        return r;
    }

    private Registrator running(String... flags) {
        Registrator r = registrator("consul", flags);
        r.start();
        Thread.ofVirtual().start(r::loop);
        return r;
    }

    private static ContainerInfo web(String id, String name, int hostPort) {
        return container().id(id).name(name).published("5000/tcp", "127.0.0.1", hostPort).build();
    }

    private static ContainerInfo dead(ContainerInfo c, long exitCode) {
        return new ContainerInfo(c.id(), c.name(), c.image(), c.env(), c.labels(), c.exposedPorts(), c.ports(),
                c.networkMode(), c.ipAddress(), c.networks(), false, exitCode, c.health());
    }

    @Test
    void startUp_logsTheSeedsLines_inOrder_andRegistersRunningContainers() {
        docker.containers.put(ID_A, web(ID_A, "z002", 32772));
        docker.containers.put(ID_B, container().id(ID_B).name("quiet").build());
        running();
        assertThat(lines).startsWith("Starting registrator " + Registrator.version() + " ...",
                "Using consul adapter: consul://" + agent.address(),
                "Connecting to backend (0/0)",
                "consul: current leader  127.0.0.1:8300",
                "Listening for Docker events ...",
                "Syncing services on 2 containers",
                "added: aaaaaaaaaaaa h1:z002:5000",
                "ignored: bbbbbbbbbbbb no published ports");
        assertThat(agent.services).containsOnlyKeys("h1:z002:5000");
        assertThat(agent.services.get("h1:z002:5000").toString())
                .isEqualTo("{\"ID\":\"h1:z002:5000\",\"Name\":\"webapp\",\"Address\":\"127.0.0.1\",\"Port\":32772}");
    }

    @Test
    void startEvent_adds_dieEvent_removes() {
        running();
        docker.start(web(ID_A, "z002", 32772));
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        docker.containers.put(ID_A, dead(docker.containers.get(ID_A), 137));
        docker.emit("die", ID_A);
        await().until(() -> agent.services.isEmpty() && lines.contains("removed: aaaaaaaaaaaa h1:z002:5000"));
        assertThat(lines).contains("added: aaaaaaaaaaaa h1:z002:5000");
    }

    @Test
    void onSuccess_keepsAFailedContainer_untilItIsDestroyed() {
        running("-deregister", "on-success");
        docker.start(web(ID_A, "z002", 32772));
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        docker.containers.put(ID_A, dead(docker.containers.get(ID_A), 1));
        docker.emit("die", ID_A);
        docker.start(web(ID_B, "other", 32773));
        await().until(() -> agent.services.containsKey("h1:other:5000"));
        assertThat(agent.services).containsKey("h1:z002:5000");
        docker.containers.remove(ID_A);
        docker.emit("destroy", ID_A);
        await().until(() -> !agent.services.containsKey("h1:z002:5000"));
    }

    @Test
    void failedRegister_isRetriedWithBackoff_untilItSucceeds() {
        running();
        agent.failWrites.set(3);
        docker.start(web(ID_A, "z002", 32772));
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("added: aaaaaaaaaaaa h1:z002:5000"));
        assertThat(agent.services).containsKey("h1:z002:5000");
        assertThat(lines).anyMatch(l -> l.startsWith("register failed: h1:z002:5000 ")
                && l.contains("500 No cluster leader") && l.endsWith("(retry 1 in 50 ms)"));
    }

    @Test
    void meteredRegistrator_countsEventsRegistrationsRetriesAndFailures() {
        Metrics metrics = Metrics.manual(new Telemetry("signpost", Optional.empty(), Duration.ZERO), Clock.systemUTC());
        Registrator r = registrator("consul").meteredBy(metrics);
        r.start();
        Thread.ofVirtual().start(r::loop);
        agent.failWrites.set(2); // one failed attempt: the client's own quick retry fails too
        docker.start(web(ID_A, "z002", 32772));
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("added: aaaaaaaaaaaa h1:z002:5000"));
        docker.containers.put(ID_A, dead(docker.containers.get(ID_A), 0));
        docker.emit("die", ID_A);
        await().until(() -> agent.services.isEmpty());

        String text = metrics.prometheus("").body();
        assertThat(text).contains("signpost_registrator_events_total{action=\"start\"} 1.0",
                "signpost_registrator_events_total{action=\"die\"} 1.0",
                "signpost_registrator_registrations_total 1.0", "signpost_registrator_deregistrations_total 1.0",
                "signpost_registrator_failures_total 1.0", "signpost_registrator_retries_total 1.0");
    }

    @Test
    void failedDeregister_isRetried_andARetriedRegisterOfAGoneContainerIsDropped() {
        running();
        docker.start(web(ID_A, "z002", 32772));
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        agent.failWrites.set(2);
        docker.containers.remove(ID_A);
        docker.emit("die", ID_A);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.services.isEmpty());
        assertThat(lines).anyMatch(l -> l.startsWith("deregister failed: h1:z002:5000"));
    }

    @Test
    void registryThatLostItsState_isRepopulated_withoutResync() {
        running();
        docker.start(web(ID_A, "z002", 32772));
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        agent.loseState();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.services.containsKey("h1:z002:5000"));
        assertThat(lines).contains("registry lost 1 services, registering them again");
    }

    @Test
    void closedEventStream_reconnects_andResyncs() {
        running();
        docker.start(web(ID_A, "z002", 32772));
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        docker.down.set(true);
        docker.breakStream();
        // While Docker is away, one container goes and another comes; no event reaches us.
        docker.containers.remove(ID_A);
        docker.containers.put(ID_B, web(ID_B, "z003", 32773));
        await().until(() -> lines.stream().anyMatch(l -> l.startsWith("cannot reconnect to Docker")));
        docker.down.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.services.containsKey("h1:z003:5000")
                && !agent.services.containsKey("h1:z002:5000"));
        assertThat(docker.listening()).isTrue();
        assertThat(lines).contains("Docker event loop closed (end of stream), reconnecting");
    }

    @Test
    void dockerHealth_becomesACheck_andFollowsHealthEvents() {
        running();
        docker.start(container().id(ID_A).name("z002").published("5000/tcp", "127.0.0.1", 32772)
                .health("starting").build());
        await().until(() -> agent.services.containsKey("h1:z002:5000"));
        assertThat(agent.services.get("h1:z002:5000").path("Check").path("Status").asText()).isEqualTo("critical");
        docker.emit("health_status: healthy", ID_A);
        await().until(() -> agent.checkUpdates.contains("service:h1:z002:5000:docker-health passing"));
        docker.emit("health_status: unhealthy", ID_A);
        await().until(() -> agent.checkUpdates.contains("service:h1:z002:5000:docker-health critical"));
    }

    @Test
    void cleanup_removesOnlyThisHostsDanglingServices_atStart() {
        agent.services.put("h1:ghost:5000", json("{\"ID\":\"h1:ghost:5000\",\"Name\":\"webapp\"}"));
        agent.services.put("h2:ghost:5000", json("{\"ID\":\"h2:ghost:5000\",\"Name\":\"webapp\"}"));
        agent.services.put("custom-id", json("{\"ID\":\"custom-id\",\"Name\":\"webapp\"}"));
        docker.containers.put(ID_A, web(ID_A, "z002", 32772));
        running("-cleanup");
        assertThat(agent.services).containsOnlyKeys("h1:z002:5000", "h2:ghost:5000", "custom-id");
        assertThat(lines).contains("dangling: h1:ghost:5000", "h1:ghost:5000 removed");
    }

    @Test
    void unreachableBackend_failsStartUp_afterTheRetries() throws Exception {
        agent.close();
        Registrator r = registrator("consul", "-retry-attempts", "1");
        assertThatThrownBy(r::start).isInstanceOf(RegistratorException.class)
                .hasMessageStartingWith("cannot reach 127.0.0.1:").hasMessageEndingWith(": connection refused");
        assertThat(lines).contains("Connecting to backend (0/1)", "Connecting to backend (1/1)");
        agent = new FakeAgent();
    }

    @Test
    void consulkv_writesIpPortUnderPrefixNameId() {
        Registrator r = registrator("consulkv");
        docker.containers.put(ID_A, web(ID_A, "z002", 32772));
        r.start();
        assertThat(agent.kv).containsExactly(java.util.Map.entry("services/webapp/h1:z002:5000", "127.0.0.1:32772"));
        assertThat(lines).contains("Using consulkv adapter: consulkv://" + agent.address() + "/services");
        r.handle(new Docker.Event("container", "die", ID_A));
        assertThat(agent.kv).isEmpty();
    }

    @Test
    void resyncReregisters_andTtlRefreshLogs() {
        Registrator r = registrator("consul", "-resync", "1", "-ttl", "3", "-ttl-refresh", "1");
        docker.containers.put(ID_A, web(ID_A, "z002", 32772));
        r.start();
        Thread.ofVirtual().start(r::loop);
        int before = (int) agent.requests.stream().filter(x -> x.equals("PUT /v1/agent/service/register")).count();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.requests.stream()
                .filter(x -> x.equals("PUT /v1/agent/service/register")).count() > before);
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("refreshed: aaaaaaaaaaaa h1:z002:5000"));
    }

    @Test
    void podStyleContainer_usesTheNetworkContainersIp() {
        ContainerInfo pause = container().id(ID_B).name("pause").build();
        ContainerInfo app = new ContainerInfo(ID_A, "app", "training/webapp", List.of(), java.util.Map.of(),
                List.of("5000/tcp"), java.util.Map.of(), "container:" + ID_B, "", java.util.Map.of(), true, 0, "");
        docker.containers.put(ID_B, pause);
        docker.containers.put(ID_A, app);
        running("-internal");
        assertThat(agent.services.get("h1:app:5000").path("Address").asText()).isEqualTo("172.17.0.2");
        assertThat(lines).contains("app: detected container NetworkMode, linked to: bbbbbbbbbbbb",
                "app: using network container IP 172.17.0.2");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
