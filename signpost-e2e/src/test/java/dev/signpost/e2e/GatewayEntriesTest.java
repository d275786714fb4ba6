package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;

/**
 * Ingress and terminating gateways on the jar's {@code agent -dev}, as a user sets them up with curl: the entries of
 * Consul's "List Services for Gateway" examples written in snake_case, gateway instances registered with the agent,
 * {@code /v1/catalog/gateway-services/:gateway} compared field by field with Consul's documented responses,
 * {@code /v1/health/ingress/:service} listing the ingress instances (a blocking read woken by a registration), and
 * bad entries refused with Consul's status and text, leaving nothing stored.
 */
class GatewayEntriesTest {
    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void gatewaysFrontTheirServices_asConsulDocumentsThem() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        ok(Http.put(agent.uri("/v1/config"), "{\"kind\":\"service-defaults\",\"name\":\"api\",\"protocol\":\"http\"}"));
        ok(Http.put(agent.uri("/v1/config"), "{\"kind\":\"ingress-gateway\",\"name\":\"my-ingress-gateway\","
                + "\"listeners\":[{\"port\":8888,\"protocol\":\"http\",\"services\":[{\"name\":\"api\","
                + "\"hosts\":[\"api.mydomain.com\"]}]},{\"port\":8443,\"services\":[{\"name\":\"redis\"}]}]}"));
        ok(Http.put(agent.uri("/v1/config"), "{\"kind\":\"terminating-gateway\",\"name\":\"my-terminating-gateway\","
                + "\"services\":[{\"name\":\"api\",\"ca_file\":\"/etc/certs/ca.pem\",\"cert_file\":"
                + "\"/etc/certs/api/client.pem\",\"key_file\":\"/etc/certs/api/client.key\",\"sni\":"
                + "\"api.my-domain\"},{\"name\":\"web\"}]}"));

        JsonNode ingress = Http.json(Http.get(agent.uri("/v1/catalog/gateway-services/my-ingress-gateway")));
        assertThat(ingress).hasSize(2);
        JsonNode api = ingress.get(0);
        assertThat(api.get("Gateway").get("Name").asText()).isEqualTo("my-ingress-gateway");
        assertThat(api.get("Service").get("Name").asText()).isEqualTo("api");
        assertThat(api.get("GatewayKind").asText()).isEqualTo("ingress-gateway");
        assertThat(api.get("Port").asInt()).isEqualTo(8888);
        assertThat(api.get("Protocol").asText()).isEqualTo("http");
        assertThat(api.get("Hosts").toString()).isEqualTo("[\"api.mydomain.com\"]");
        assertThat(api.get("CreateIndex").asLong()).isPositive().isEqualTo(api.get("ModifyIndex").asLong());
        JsonNode redis = ingress.get(1);
        assertThat(redis.get("Service").get("Name").asText()).isEqualTo("redis");
        assertThat(redis.get("Port").asInt()).isEqualTo(8443);
        assertThat(redis.get("Protocol").asText()).isEqualTo("tcp");
        assertThat(redis.has("Hosts")).isFalse();
        assertThat(redis.has("CAFile")).isFalse();

        JsonNode terminating = Http.json(Http.get(agent.uri("/v1/catalog/gateway-services/my-terminating-gateway")));
        assertThat(terminating).hasSize(2);
        JsonNode tls = terminating.get(0);
        assertThat(tls.get("Gateway").get("Name").asText()).isEqualTo("my-terminating-gateway");
        assertThat(tls.get("Service").get("Name").asText()).isEqualTo("api");
        assertThat(tls.get("GatewayKind").asText()).isEqualTo("terminating-gateway");
        assertThat(tls.get("CAFile").asText()).isEqualTo("/etc/certs/ca.pem");
        assertThat(tls.get("CertFile").asText()).isEqualTo("/etc/certs/api/client.pem");
        assertThat(tls.get("KeyFile").asText()).isEqualTo("/etc/certs/api/client.key");
        assertThat(tls.get("SNI").asText()).isEqualTo("api.my-domain");
        assertThat(tls.has("Port")).isFalse();
        assertThat(tls.has("Protocol")).isFalse();
        JsonNode web = terminating.get(1);
        assertThat(web.get("Service").get("Name").asText()).isEqualTo("web");
        assertThat(web.has("CAFile")).isFalse();
        assertThat(web.has("SNI")).isFalse();

        HttpResponse<String> none = Http.get(agent.uri("/v1/health/ingress/api"));
        assertThat(none.body()).isEqualTo("[]");
        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                agent.uri("/v1/health/ingress/api?index=" + Http.index(none) + "&wait=30s"));
        Http.awaitParkedQuery(agent.uri("/"), ""); // the change below must wake the read, not its 30 s end
        ok(Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"my-ingress-gateway\","
                + "\"ID\":\"ingress-1\",\"Kind\":\"ingress-gateway\",\"Port\":8888}"));
        ok(Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"my-terminating-gateway\","
                + "\"Kind\":\"terminating-gateway\",\"Port\":9443}"));

        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.index(woken)).isGreaterThan(Http.index(none));
        JsonNode entry = Http.json(woken).get(0);
        assertThat(entry.get("Node").get("Node").asText()).isEqualTo("n1");
        assertThat(entry.get("Service").get("ID").asText()).isEqualTo("ingress-1");
        assertThat(entry.get("Service").get("Service").asText()).isEqualTo("my-ingress-gateway");
        assertThat(entry.get("Service").get("Kind").asText()).isEqualTo("ingress-gateway");
        assertThat(entry.get("Service").get("Port").asInt()).isEqualTo(8888);
        assertThat(entry.get("Checks").isArray()).isTrue();
        assertThat(Http.json(Http.get(agent.uri("/v1/health/ingress/redis")))).hasSize(1);
        assertThat(Http.get(agent.uri("/v1/health/ingress/web")).body()).isEqualTo("[]");
    }

    @Test
    void badGatewayEntries_areRefusedWithConsulsStatusAndText_andNothingIsStored() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        HttpResponse<String> tcpWildcard = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"ingress-gateway\","
                + "\"Name\":\"ig\",\"Listeners\":[{\"Port\":8080,\"Protocol\":\"tcp\",\"Services\":"
                + "[{\"Name\":\"*\"}]}]}");
        assertThat(tcpWildcard.statusCode()).isEqualTo(500);
        assertThat(tcpWildcard.body())
                .isEqualTo("Wildcard service name is only valid for protocol = 'http' (listener on port 8080)");

        HttpResponse<String> protocol = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"ingress-gateway\","
                + "\"Name\":\"ig\",\"Listeners\":[{\"Port\":8080,\"Protocol\":\"http\",\"Services\":"
                + "[{\"Name\":\"web\"}]}]}");
        assertThat(protocol.statusCode()).isEqualTo(500);
        assertThat(protocol.body()).isEqualTo("service \"web\" has protocol \"tcp\", which does not match defined "
                + "listener protocol \"http\"");

        HttpResponse<String> unknownKey = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"terminating-gateway\","
                + "\"Name\":\"tg\",\"Services\":[{\"Name\":\"db\",\"CaFiles\":\"/x\"}]}");
        assertThat(unknownKey.statusCode()).isEqualTo(400);
        assertThat(unknownKey.body()).isEqualTo("Request decoding failed: 1 error occurred:\n\t* invalid config key "
                + "\"Services[0].CaFiles\"\n\n");

        assertThat(Http.get(agent.uri("/v1/config/ingress-gateway/ig")).statusCode()).isEqualTo(404);
        assertThat(Http.get(agent.uri("/v1/config/terminating-gateway")).body()).isEqualTo("[]");
        assertThat(Http.get(agent.uri("/v1/catalog/gateway-services/ig")).body()).isEqualTo("[]");
    }
}
