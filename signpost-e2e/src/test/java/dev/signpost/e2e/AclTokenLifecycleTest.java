package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Tokens over time on a real agent: a token set through {@code /v1/agent/token} survives a restart when
 * {@code acl.enable_token_persistence} is on, and a token made to expire stops working when it does.
 */
class AclTokenLifecycleTest {
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";
    private static final String ACL = "acl { enabled = true\n default_policy = \"deny\"\n"
            + " enable_token_persistence = true\n token_min_expiration_ttl = \"1s\"\n"
            + " tokens { initial_management = \"" + ROOT + "\" } }";

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

    private AgentProcess server() {
        AgentProcess agent = hosts.server(1, "s1", "-bootstrap", "-hcl", ACL);
        agent.awaitLeader(Duration.ofSeconds(60));
        // The initial management token is written by the leader once it leads.
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.as(ROOT, "GET", agent.uri("/v1/acl/token/self"), "").statusCode() == 200);
        return agent;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    void aDefaultTokenSetThroughTheApi_survivesARestart() throws Exception {
        AgentProcess agent = server();
        ok(Http.as(ROOT, "PUT", agent.uri("/v1/acl/policy"), "{\"Name\":\"app-read\","
                + "\"Rules\":\"key_prefix \\\"app/\\\" { policy = \\\"read\\\" }\"}"));
        String reader = ok(Http.as(ROOT, "PUT", agent.uri("/v1/acl/token"),
                "{\"Policies\":[{\"Name\":\"app-read\"}]}")).get("SecretID").asText();
        ok(Http.as(ROOT, "PUT", agent.uri("/v1/kv/app/greeting"), "hello"));
        assertThat(Http.as("", "GET", agent.uri("/v1/kv/app/greeting?raw"), "").statusCode()).isEqualTo(403);

        ok(Http.as(ROOT, "PUT", agent.uri("/v1/agent/token/default"), "{\"Token\":\"" + reader + "\"}"));
        assertThat(Http.as("", "GET", agent.uri("/v1/kv/app/greeting?raw"), "").body()).isEqualTo("hello");
        assertThat(Files.readString(work.resolve("s1/acl-tokens.json"))).isEqualTo("{\"default\":\"" + reader
                + "\"}");

        hosts.close();
        hosts = new LoopbackHosts(work, ports);
        AgentProcess again = server();

        assertThat(again.output()).contains("agent: loaded the ACL tokens set through the API from acl-tokens.json");
        assertThat(Http.as("", "GET", again.uri("/v1/kv/app/greeting?raw"), "").body()).isEqualTo("hello");
    }

    @Test
    void anExpiringToken_stopsWorking_andIsReaped() {
        AgentProcess agent = server();
        JsonNode token = ok(Http.as(ROOT, "PUT", agent.uri("/v1/acl/token"),
                "{\"Description\":\"short\",\"Policies\":[{\"ID\":\"00000000-0000-0000-0000-000000000001\"}],"
                        + "\"ExpirationTTL\":\"3s\"}"));
        String secret = token.get("SecretID").asText();
        String accessor = token.get("AccessorID").asText();
        assertThat(token.get("ExpirationTime").asText()).isNotEmpty();
        ok(Http.as(secret, "PUT", agent.uri("/v1/kv/app/x"), "1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> r = Http.as(secret, "GET", agent.uri("/v1/kv/app/x"), "");
            return r.statusCode() == 403 && r.body().equals("ACL not found");
        });
        await().atMost(Duration.ofSeconds(10)).until(
                () -> agent.output().contains("acl: deleted expired token " + accessor));
        assertThat(ok(Http.as(ROOT, "GET", agent.uri("/v1/acl/tokens"), "")).toString()).doesNotContain(accessor);
        HttpResponse<String> tooShort = Http.as(ROOT, "PUT", agent.uri("/v1/acl/token"), "{\"ExpirationTTL\":\"10ms\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).isEqualTo("ExpirationTime cannot be less than 1s in the future (was 10ms)");
    }
}
