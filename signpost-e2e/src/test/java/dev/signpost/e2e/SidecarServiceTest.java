package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;

/**
 * A service registered with {@code "Connect": {"SidecarService": {}}} on the jar's {@code agent -dev}, as Consul's
 * "Sidecar service registration" page documents the expansion: the sidecar's fields one by one, the connect reads
 * of catalog and health, a blocking connect read woken by the sidecar's registration, a bad sidecar refused with
 * Consul's text leaving nothing behind, and the sidecar removed with its parent.
 */
class SidecarServiceTest {
    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static List<String> ids(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.at(field).asText()));
        return out;
    }

    @Test
    void anEmptySidecarBlock_registersConsulsDocumentedSidecar_servedByTheConnectReads_untilTheParentGoes()
            throws Exception {
        agent = AgentProcess.dev(work, "n1");
        HttpResponse<String> before = Http.get(agent.uri("/v1/health/connect/web"));
        assertThat(before.body()).isEqualTo("[]");
        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                agent.uri("/v1/health/connect/web?index=" + Http.index(before) + "&wait=30s"));

        HttpResponse<String> registered = Http.put(agent.uri("/v1/agent/service/register"),
                "{\"Name\":\"web\",\"Port\":8080,\"Connect\":{\"SidecarService\":{}}}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.index(woken)).isGreaterThan(Http.index(before));
        assertThat(ids(Http.json(woken), "/Service/ID")).containsExactly("web-sidecar-proxy");

        JsonNode sidecar = Http.json(Http.get(agent.uri("/v1/agent/service/web-sidecar-proxy")));
        assertThat(sidecar.get("Kind").asText()).isEqualTo("connect-proxy");
        assertThat(sidecar.get("ID").asText()).isEqualTo("web-sidecar-proxy");
        assertThat(sidecar.get("Service").asText()).isEqualTo("web-sidecar-proxy");
        assertThat(sidecar.get("Port").asInt()).isEqualTo(21000);
        JsonNode proxy = sidecar.get("Proxy");
        assertThat(proxy.get("DestinationServiceName").asText()).isEqualTo("web");
        assertThat(proxy.get("DestinationServiceID").asText()).isEqualTo("web");
        assertThat(proxy.get("LocalServiceAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(proxy.get("LocalServicePort").asInt()).isEqualTo(8080);
        assertThat(Http.json(Http.get(agent.uri("/v1/agent/service/web"))).has("Proxy")).isFalse();

        JsonNode checks = Http.json(Http.get(agent.uri("/v1/agent/checks")));
        JsonNode listening = checks.get("service:web-sidecar-proxy:1");
        assertThat(listening.get("Name").asText()).isEqualTo("Connect Sidecar Listening");
        assertThat(listening.get("ServiceID").asText()).isEqualTo("web-sidecar-proxy");
        assertThat(listening.get("Type").asText()).isEqualTo("tcp");
        assertThat(listening.get("Interval").asText()).isEqualTo("10s");
        assertThat(listening.at("/Definition/TCP").asText()).isEqualTo("127.0.0.1:21000");
        JsonNode aliasing = checks.get("service:web-sidecar-proxy:2");
        assertThat(aliasing.get("Name").asText()).isEqualTo("Connect Sidecar Aliasing web");
        assertThat(aliasing.get("Type").asText()).isEqualTo("alias");

        JsonNode catalog = Http.json(Http.get(agent.uri("/v1/catalog/connect/web")));
        assertThat(ids(catalog, "/ServiceID")).containsExactly("web-sidecar-proxy");
        assertThat(catalog.get(0).get("ServiceKind").asText()).isEqualTo("connect-proxy");
        assertThat(catalog.get(0).at("/ServiceProxy/DestinationServiceName").asText()).isEqualTo("web");
        assertThat(ids(Http.json(Http.get(agent.uri("/v1/catalog/service/web"))), "/ServiceID"))
                .containsExactly("web");

        HttpResponse<String> bad = Http.put(agent.uri("/v1/agent/service/register"),
                "{\"Name\":\"api\",\"Port\":9090,\"Connect\":{\"SidecarService\":"
                        + "{\"Connect\":{\"SidecarService\":{}}}}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("Validation failed: 1 error occurred:\n\t* A SidecarService cannot have a "
                + "nested SidecarService\n\n");
        assertThat(Http.json(Http.get(agent.uri("/v1/agent/services"))).fieldNames())
                .toIterable().containsExactlyInAnyOrder("web", "web-sidecar-proxy");

        HttpResponse<String> connected = Http.get(agent.uri("/v1/catalog/connect/web"));
        CompletableFuture<HttpResponse<String>> gone = Http.getAsync(
                agent.uri("/v1/catalog/connect/web?index=" + Http.index(connected) + "&wait=30s"));
        assertThat(Http.put(agent.uri("/v1/agent/service/deregister/web"), "").statusCode()).isEqualTo(200);

        assertThat(gone.get(10, TimeUnit.SECONDS).body()).isEqualTo("[]");
        assertThat(Http.get(agent.uri("/v1/agent/services")).body()).isEqualTo("{}");
        assertThat(Http.get(agent.uri("/v1/health/connect/web")).body()).isEqualTo("[]");
    }
}
