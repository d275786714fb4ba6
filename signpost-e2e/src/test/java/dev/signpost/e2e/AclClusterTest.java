package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * ACLs on three servers: bootstrap works once for the whole cluster, a token made on a follower works on every
 * server and after all three restart, and a deleted token is refused everywhere at once.
 */
class AclClusterTest {
    private static final String ACL = "acl { enabled = true\n default_policy = \"deny\" }";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static HttpResponse<String> call(String method, URI uri, String token, String body) {
        return Http.as(token, method, uri, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<AgentProcess> startThree() {
        return List.of(hosts.server(1, "s1", "-bootstrap-expect", "3", "-hcl", ACL),
                hosts.server(2, "s2", "-bootstrap-expect", "3", "-join", "127.0.0.1", "-hcl", ACL),
                hosts.server(3, "s3", "-bootstrap-expect", "3", "-join", "127.0.0.1", "-hcl", ACL));
    }

    private static void awaitLeader(List<AgentProcess> servers) {
        await().atMost(Duration.ofSeconds(60)).until(() -> servers.stream().allMatch(s -> {
            try {
                return !call("GET", s.uri("/v1/status/leader"), "", "").body().equals("\"\"");
            } catch (RuntimeException e) {
                return false;
            }
        }));
    }

    @Test
    void bootstrapOnce_tokensReplicate_survivingRestarts_andDeletionsAreSeenEverywhere() {
        List<AgentProcess> servers = startThree();
        awaitLeader(servers);

        List<String> tries = new java.util.ArrayList<>();
        HttpResponse<String> boot = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = call("PUT", servers.get(0).uri("/v1/acl/bootstrap"), "", "");
            tries.add(r.statusCode() + " " + r.body());
            return r;
        }, r -> r.statusCode() == 200 || r.statusCode() == 403);
        assertThat(boot.statusCode()).as(tries.toString()).isEqualTo(200);
        String root = json(boot).get("SecretID").asText();
        HttpResponse<String> again = call("PUT", servers.get(1).uri("/v1/acl/bootstrap"), "", "");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).startsWith("Permission denied: ACL bootstrap no longer allowed (reset index: ");

        // A policy and a token made through a follower (s3 is one unless it leads; either way it forwards).
        AgentProcess follower = servers.get(2);
        json(call("PUT", follower.uri("/v1/acl/policy"), root,
                "{\"Name\":\"app-read\",\"Rules\":\"key_prefix \\\"app/\\\" { policy = \\\"read\\\" }\"}"));
        JsonNode token = json(call("PUT", follower.uri("/v1/acl/token"), root,
                "{\"Description\":\"reader\",\"Policies\":[{\"Name\":\"app-read\"}]}"));
        String reader = token.get("SecretID").asText();
        json(call("PUT", servers.get(0).uri("/v1/kv/app/greeting"), root, "hello"));
        for (AgentProcess server : servers) {
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> call("GET", server.uri("/v1/kv/app/greeting?raw"), reader, "").body().equals("hello"));
            HttpResponse<String> write = call("PUT", server.uri("/v1/kv/app/greeting"), reader, "bye");
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(write.body()).contains("lacks permission 'key:write' on \"app/greeting\"");
            assertThat(call("GET", server.uri("/v1/kv/app/greeting"), "", "").statusCode()).isEqualTo(403);
        }

        // All three restart on their data.
        hosts.close();
        hosts = new LoopbackHosts(work, ports);
        List<AgentProcess> again3 = startThree();
        awaitLeader(again3);
        for (AgentProcess server : again3) {
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> call("GET", server.uri("/v1/kv/app/greeting?raw"), reader, "").body().equals("hello"));
        }
        assertThat(call("PUT", again3.get(0).uri("/v1/acl/bootstrap"), "", "").statusCode()).isEqualTo(403);

        // A deleted token is refused everywhere, as soon as its deletion is applied there.
        json(call("DELETE", again3.get(1).uri("/v1/acl/token/" + token.get("AccessorID").asText()), root, ""));
        for (AgentProcess server : again3) {
            await().atMost(Duration.ofSeconds(2)).until(() -> {
                HttpResponse<String> r = call("GET", server.uri("/v1/kv/app/greeting"), reader, "");
                return r.statusCode() == 403 && r.body().equals("ACL not found");
            });
        }
    }
}
