package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Config entries on three servers: an entry written through any server is replicated, every server reads it
 * locally ({@code ?stale}), and a server restarted from its data directory has it, with what was written while it
 * was down.
 */
class ConfigEntryClusterTest {
    @TempDir
    Path work;
    private final AgentPorts ports = AgentPorts.free();
    private LoopbackHosts hosts;

    @BeforeEach
    void setUpHosts() {
        hosts = new LoopbackHosts(work, ports);
    }

    @AfterEach
    void stopAll() {
        hosts.close();
    }

    @Test
    void anEntryIsReplicated_andARestartedServerStillHasIt() {
        List<AgentProcess> servers = hosts.threeServers();
        HttpResponse<String> written = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.put(servers.get(2).uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                        + "\"Protocol\":\"http\"}"), r -> r.statusCode() == 200);
        assertThat(written.body()).isEqualTo("true");
        for (AgentProcess server : servers) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(server.uri(
                    "/v1/config/service-defaults/web?stale")).body().contains("\"Protocol\":\"http\""));
        }

        servers.get(1).close();
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.put(servers.get(0).uri("/v1/config"),
                "{\"Kind\":\"proxy-defaults\",\"Config\":{\"protocol\":\"grpc\"}}").statusCode() == 200);
        AgentProcess restarted = hosts.server(2, "s2", "-bootstrap-expect", "3", "-join", "127.0.0.1");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                return Http.get(restarted.uri("/v1/config/service-defaults/web?stale")).statusCode() == 200
                        && Http.get(restarted.uri("/v1/config/proxy-defaults/global?stale")).body()
                        .contains("\"protocol\":\"grpc\"");
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

}
