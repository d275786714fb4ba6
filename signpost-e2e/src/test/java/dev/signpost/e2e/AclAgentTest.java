package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * One agent started with {@code acl { enabled default_policy = "deny" tokens { initial_management } }}, driven
 * like a user: the configured management token works at once and stands for the bootstrap, a request without a
 * token is refused or filtered with Consul's answers, and DNS answers with the default token's rights, which
 * {@code PUT /v1/agent/token/default} changes while the agent runs.
 */
class AclAgentTest {
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) {
        return Http.as(token, method, agent.uri(path), body);
    }

    @Test
    void aDenyingAgent_answersAsConsulDoes_overHttpAndDns() throws IOException {
        agent = AgentProcess.start(work.resolve("agent.log"), List.of("agent", "-dev", "-node", "n1", "-hcl",
                "acl { enabled = true\n default_policy = \"deny\"\n tokens { initial_management = \"" + ROOT + "\" } }"),
                "127.0.0.1", AgentPorts.free());
        String webapp = "{\"ID\":\"webapp-1\",\"Name\":\"webapp\",\"Port\":5000}";

        HttpResponse<String> anonymous = call("PUT", "/v1/agent/service/register", "", webapp);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'service:write' on \"webapp\"");
        assertThat(call("PUT", "/v1/agent/service/register", ROOT, webapp).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(
                () -> call("GET", "/v1/catalog/service/webapp", ROOT, "").body().contains("webapp-1"));
        HttpResponse<String> filtered = call("GET", "/v1/catalog/service/webapp", "", "");
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body()).isEqualTo("[]");
        assertThat(filtered.headers().firstValue("X-Consul-Results-Filtered-By-ACLs")).contains("true");

        await().atMost(Duration.ofSeconds(10)).until(
                () -> call("PUT", "/v1/acl/bootstrap", "", "").statusCode() == 403);
        assertThat(call("PUT", "/v1/acl/bootstrap", "", "").body())
                .startsWith("Permission denied: ACL bootstrap no longer allowed (reset index: ");

        Tools.require("dig", "dnsutils");
        assertThat(Tools.dig(agent.dnsPort(), "webapp.service.consul", "A")).contains("status: NXDOMAIN");
        assertThat(call("PUT", "/v1/acl/policy", ROOT, "{\"Name\":\"dns\",\"Rules\":\"service_prefix \\\"\\\" "
                + "{ policy = \\\"read\\\" } node_prefix \\\"\\\" { policy = \\\"read\\\" }\"}").statusCode())
                .isEqualTo(200);
        String dns = JSON.readTree(call("PUT", "/v1/acl/token", ROOT, "{\"Policies\":[{\"Name\":\"dns\"}]}").body())
                .get("SecretID").asText();
        assertThat(call("PUT", "/v1/agent/token/default", ROOT, "{\"Token\":\"" + dns + "\"}").statusCode())
                .isEqualTo(200);
        assertThat(Tools.dig(agent.dnsPort(), "webapp.service.consul", "A")).contains("status: NOERROR")
                .containsPattern("webapp\\.service\\.consul\\.\\s+0\\s+IN\\s+A\\s+127\\.0\\.0\\.1");
        // The default token now also answers HTTP requests that carry none.
        assertThat(call("GET", "/v1/catalog/service/webapp", "", "").body()).contains("webapp-1");
    }
}
