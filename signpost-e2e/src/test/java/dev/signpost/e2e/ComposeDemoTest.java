package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.Ports;

/**
 * examples/compose: the seed's single host as containers, started with {@code docker-compose up} from images built
 * on this machine, ends with an HAProxy on 127.0.0.1 balancing over the three webapps. The test's own project name
 * and free ports keep it apart from anything else on the Docker host; {@code docker-compose down -v} removes its
 * containers and volume.
 */
class ComposeDemoTest {
    private final String project = "spcompose" + Long.toHexString(System.nanoTime());
    private final Map<String, String> env = new HashMap<>();
    private final int haproxyPort = Ports.free();
    private boolean started;

    @BeforeEach
    void needsImagesAndCompose() {
        Tools.require("docker-compose", "docker-compose");
        Tools.require("haproxy", "haproxy");
        Tools.require("dig", "dnsutils");
        String image = SignpostImage.require();
        env.put("COMPOSE_PROJECT_NAME", project);
        env.put("SIGNPOST_IMAGE", image);
        env.put("HAPROXY_IMAGE", "signpost-e2e-haproxy:" + image.substring(image.indexOf(':') + 1));
        env.put("SIGNPOST_HTTP_PORT", Integer.toString(Ports.free()));
        env.put("SIGNPOST_DNS_PORT", Integer.toString(Ports.free()));
        env.put("SIGNPOST_SERVER_PORT", Integer.toString(Ports.free()));
        env.put("SIGNPOST_SERF_LAN_PORT", Integer.toString(Ports.free()));
        env.put("HAPROXY_PORT", Integer.toString(haproxyPort));
        Tools.Result built = Tools.exec(List.of("bash", SignpostImage.root().resolve("examples/compose/build").toString()),
                Duration.ofMinutes(5), env);
        assertThat(built.exitCode()).as(built.output()).isZero();
    }

    @AfterEach
    void down() {
        if (started) {
            compose("down", "-v", "--timeout", "10");
        }
    }

    private Tools.Result compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f",
                SignpostImage.root().resolve("examples/compose/docker-compose.yml").toString()));
        command.addAll(List.of(args));
        return Tools.exec(command, Duration.ofMinutes(3), env);
    }

    @Test
    void dockerComposeUp_endsWithHaproxyBalancingOverTheThreeWebapps_andTheAgentKeepsItsDataAcrossAStop() {
        started = true;
        Tools.Result up = compose("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        try {
            await("HAProxy with three webapps").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> haproxySessions().size() == 3);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no HAProxy with 3 servers; docker-compose logs:\n"
                    + compose("logs", "--no-color").output(), e);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(Http.get(URI.create("http://127.0.0.1:" + haproxyPort + "/")).body()).startsWith("Hello world!");
        }
        assertThat(haproxySessions().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));

        // The registry as the seed's walkthrough reads it: the catalog and DNS list the three webapps.
        assertThat(webapps()).hasSize(3);
        assertThat(Tools.dig(Integer.parseInt(env.get("SIGNPOST_DNS_PORT")), "webapp.service.consul", "SRV"))
                .contains("ANSWER: 3");

        // The agent's container stops and starts again with its data volume: what was written is still there.
        assertThat(Http.put(agent("/v1/kv/compose"), "kept").statusCode()).isEqualTo(200);
        Tools.Result stop = compose("stop", "agent");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        Tools.Result start = compose("start", "agent");
        assertThat(start.exitCode()).as(start.output()).isZero();
        await("the agent back with its data").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> Http.get(agent("/v1/kv/compose?raw")).body().equals("kept")
                        && webapps().size() == 3);
        assertThat(Http.get(URI.create("http://127.0.0.1:" + haproxyPort + "/")).body()).startsWith("Hello world!");
    }

    private URI agent(String path) {
        return URI.create("http://127.0.0.1:" + env.get("SIGNPOST_HTTP_PORT") + path);
    }

    private JsonNode webapps() {
        return Http.json(Http.get(agent("/v1/catalog/service/webapp")));
    }

    /** HAProxy's sessions per backend server, from its CSV stats page. */
    private Map<String, Long> haproxySessions() {
        Map<String, Long> sessions = new HashMap<>();
        String csv = Http.get(URI.create("http://127.0.0.1:" + haproxyPort + "/haproxy-stats;csv")).body();
        for (String line : csv.lines().toList()) {
            String[] f = line.split(",", -1);
            if (f.length > 8 && f[0].equals("app") && !f[1].equals("BACKEND")) {
                sessions.put(f[1], Long.parseLong(f[7]));
            }
        }
        return sessions;
    }
}
