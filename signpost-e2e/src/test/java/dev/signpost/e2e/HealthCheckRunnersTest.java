package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.signpost.testing.AgentProcess;

/**
 * Every kind of check the agent runs, against real endpoints this test starts and flips: an HTTP server,
 * a TCP listener, a TTL fed over HTTP, a script and a Docker container; seen through {@code /v1/health/service?passing}, the
 * agent-local health endpoint and DNS (dig).
 */
class HealthCheckRunnersTest {
    private static final Duration FLIP = Duration.ofSeconds(15);

    @TempDir
    static Path work;
    static AgentProcess agent;
    static HttpServer http;
    static final AtomicInteger httpCode = new AtomicInteger(200);

    @BeforeAll
    static void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(httpCode.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        List<String> args = new ArrayList<>(List.of("agent", "-dev", "-node", "checks", "-enable-script-checks"));
        agent = AgentProcess.start(work.resolve("checks.log"), args, "127.0.0.1", AgentProcess.AgentPorts.free());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    private static void register(String json) {
        HttpResponse<String> r = Http.put(agent.uri("/v1/agent/service/register"), json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static int passing(String service) {
        return Http.json(Http.get(agent.uri("/v1/health/service/" + service + "?passing"))).size();
    }

    private static void awaitPassing(String service, int instances) {
        await().atMost(FLIP).untilAsserted(() -> assertThat(passing(service)).isEqualTo(instances));
    }

    private static String srv(String service) {
        return Tools.dig(agent.dnsPort(), service + ".service.consul", "SRV", "+short").trim();
    }

    @Test
    void httpCheck_followsTheServersStatus_inHealthDnsAndAgentHealth() {
        Tools.require("dig", "dnsutils");
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
        register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":8080,\"Check\":{\"HTTP\":\"" + url
                + "\",\"Interval\":\"1s\"}}");

        awaitPassing("web", 1);
        await().atMost(FLIP).untilAsserted(() -> assertThat(srv("web")).contains(" 8080 "));
        assertThat(Http.get(agent.uri("/v1/agent/health/service/id/web-1")).statusCode()).isEqualTo(200);

        httpCode.set(429);
        await().atMost(FLIP).untilAsserted(() ->
                assertThat(Http.get(agent.uri("/v1/agent/health/service/id/web-1")).statusCode()).isEqualTo(429));

        httpCode.set(500);
        awaitPassing("web", 0);
        await().atMost(FLIP).untilAsserted(() -> assertThat(srv("web")).isEmpty());
        HttpResponse<String> byName = Http.get(agent.uri("/v1/agent/health/service/name/web"));
        assertThat(byName.statusCode()).isEqualTo(503);
        assertThat(Http.json(byName).get(0).get("AggregatedStatus").asText()).isEqualTo("critical");

        httpCode.set(200);
        awaitPassing("web", 1);
    }

    @Test
    void aCheckThatKeepsPassing_addsNoRaftEntries() {
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
        register("{\"ID\":\"steady-1\",\"Name\":\"steady\",\"Check\":{\"HTTP\":\"" + url
                + "\",\"Interval\":\"1s\"}}");
        awaitPassing("steady", 1);
        long index = Http.index(Http.get(agent.uri("/v1/health/service/steady")));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                Http.index(Http.get(agent.uri("/v1/health/service/steady"))) == index);
    }

    @Test
    void tcpCheck_passesWhileTheListenerIsOpen() throws IOException {
        Tools.require("dig", "dnsutils");
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            register("{\"ID\":\"db-1\",\"Name\":\"db\",\"Port\":" + port + ",\"Check\":{\"TCP\":\"127.0.0.1:" + port
                    + "\",\"Interval\":\"1s\",\"Timeout\":\"1s\"}}");
            awaitPassing("db", 1);
            int listening = port;
            await().atMost(FLIP).untilAsserted(() -> assertThat(srv("db")).contains(" " + listening + " "));
        }
        awaitPassing("db", 0);
        await().atMost(FLIP).untilAsserted(() -> assertThat(srv("db")).isEmpty());
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            awaitPassing("db", 1);
        }
    }

    @Test
    void ttlCheck_isCriticalUntilPassed_andAgainWhenTheTtlLapses() {
        register("{\"ID\":\"job-1\",\"Name\":\"job\",\"Check\":{\"CheckID\":\"job-ttl\",\"TTL\":\"2s\"}}");
        assertThat(passing("job")).isZero();

        assertThat(Http.put(agent.uri("/v1/agent/check/pass/job-ttl?note=alive"), "").statusCode()).isEqualTo(200);
        assertThat(passing("job")).isEqualTo(1);

        awaitPassing("job", 0);
        String output = Http.json(Http.get(agent.uri("/v1/health/checks/job"))).get(0).get("Output").asText();
        assertThat(output).isEqualTo("TTL expired");
    }

    @Test
    void scriptCheck_followsTheExitCode_andHonoursThresholds() throws IOException {
        Tools.require("dig", "dnsutils");
        Path flag = work.resolve("healthy");
        Files.writeString(flag, "");
        register("{\"ID\":\"batch-1\",\"Name\":\"batch\",\"Check\":{\"Args\":[\"sh\",\"-c\",\"test -f " + flag
                + " && echo fine || exit 2\"],\"Interval\":\"1s\",\"FailuresBeforeCritical\":2}}");
        awaitPassing("batch", 1);
        assertThat(Http.json(Http.get(agent.uri("/v1/health/checks/batch"))).get(0).get("Output").asText())
                .isEqualTo("fine\n");

        await().atMost(FLIP).untilAsserted(() -> assertThat(srv("batch")).isNotEmpty());

        Files.delete(flag);
        awaitPassing("batch", 0);
        await().atMost(FLIP).untilAsserted(() -> assertThat(srv("batch")).isEmpty());
    }

    @Test
    void dockerCheck_execsInTheContainer_throughTheEngineApi() {
        Docker.require();
        String name = "signpost-e2e-dockercheck-" + ProcessHandle.current().pid();
        String id = Docker.runWebapp(name);
        try {
            register("{\"ID\":\"box-1\",\"Name\":\"box\",\"Check\":{\"DockerContainerID\":\"" + id
                    + "\",\"Args\":[\"/bin/sh\",\"-c\",\"test -f /tmp/healthy && echo ready || exit 2\"],"
                    + "\"Interval\":\"1s\"}}");
            Tools.run("docker", "exec", name, "touch", "/tmp/healthy");
            awaitPassing("box", 1);
            assertThat(Http.json(Http.get(agent.uri("/v1/health/checks/box"))).get(0).get("Output").asText())
                    .isEqualTo("ready\n");

            Tools.run("docker", "exec", name, "rm", "/tmp/healthy");
            awaitPassing("box", 0);
        } finally {
            Docker.removeForce(name);
        }
    }

    @Test
    void maintenanceMode_takesTheServiceOutOfHealthyAnswers() {
        register("{\"ID\":\"maint-1\",\"Name\":\"maint\",\"Check\":{\"CheckID\":\"maint-ttl\",\"TTL\":\"10m\","
                + "\"Status\":\"passing\"}}");
        assertThat(passing("maint")).isEqualTo(1);

        assertThat(Http.put(agent.uri("/v1/agent/service/maintenance/maint-1?enable=true&reason=deploy"), "")
                .statusCode()).isEqualTo(200);
        assertThat(passing("maint")).isZero();
        assertThat(Http.get(agent.uri("/v1/agent/checks")).body()).contains("_service_maintenance:maint-1", "deploy");

        Http.put(agent.uri("/v1/agent/service/maintenance/maint-1?enable=false"), "");
        assertThat(passing("maint")).isEqualTo(1);
    }
}
