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
    void dockerComposeUp_endsWithHaproxyBalancingOverTheThreeWebapps() {
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
