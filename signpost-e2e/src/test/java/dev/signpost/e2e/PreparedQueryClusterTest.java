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
 * Prepared queries on three servers: a query written through a follower is replicated, so every server executes it
 * over HTTP and answers it over DNS, and a delete through another server is seen everywhere.
 */
class PreparedQueryClusterTest {
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
    void aQueryWrittenOnAFollower_answersOnEveryServer_overHttpAndDns() {
        List<AgentProcess> servers = hosts.threeServers();
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.put(servers.get(0).uri("/v1/catalog/register"),
                "{\"Node\":\"web-node\",\"Address\":\"127.0.0.9\",\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\","
                        + "\"Port\":8080}}").statusCode() == 200);
        HttpResponse<String> created = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.as("", "POST", servers.get(2).uri("/v1/query"),
                        "{\"Name\":\"web\",\"Service\":{\"Service\":\"web\"},\"DNS\":{\"TTL\":\"5s\"}}"),
                r -> r.statusCode() == 200);
        String id = Http.json(created).get("ID").asText();

        Tools.require("dig", "dnsutils");
        for (int n = 1; n <= 3; n++) {
            AgentProcess server = servers.get(n - 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(server.uri("/v1/query/web/execute")).body()
                    .contains("\"ID\":\"web-1\""));
            assertThat(Tools.dig(ports.dns(), "@127.0.0." + n, "web.query.consul", "SRV"))
                    .containsPattern("web\\.query\\.consul\\.\\s+5\\s+IN\\s+SRV\\s+1 1 8080 web-node\\.node\\.dc1\\.consul\\.");
        }

        assertThat(Http.delete(servers.get(1).uri("/v1/query/" + id)).statusCode()).isEqualTo(200);
        for (int n = 1; n <= 3; n++) {
            AgentProcess server = servers.get(n - 1);
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> Http.get(server.uri("/v1/query/web/execute")).statusCode() == 404);
            assertThat(Tools.dig(ports.dns(), "@127.0.0." + n, "web.query.consul", "SRV")).contains("status: NXDOMAIN");
        }
    }
}
