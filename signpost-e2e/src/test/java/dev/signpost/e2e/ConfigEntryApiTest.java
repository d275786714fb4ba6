package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * {@code /v1/config} against the jar as a user calls it with curl: write in snake_case, read back Consul's
 * CamelCase JSON, a blocking list woken by a write, check-and-set, Consul's 400 and 500 texts for bad input (and
 * nothing stored), kinds not built refused, entries carried by the snapshot archive, and an ACL refusal.
 */
class ConfigEntryApiTest {
    private static final String ROOT = "5d1c7a3e-8b2f-4e61-9c0d-7a6b5c4d3e21";

    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void entriesAreWrittenReadListedAndDeleted_asConsulAnswers() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        HttpResponse<String> put = Http.put(agent.uri("/v1/config"), "{\"kind\":\"service-defaults\",\"name\":\"web\","
                + "\"protocol\":\"HTTP\",\"transparent_proxy\":{\"outbound_listener_port\":15001},"
                + "\"meta\":{\"team\":\"a\"}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("true");

        HttpResponse<String> read = Http.get(agent.uri("/v1/config/service-defaults/web"));
        JsonNode web = Http.json(read);
        assertThat(web.get("Kind").asText()).isEqualTo("service-defaults");
        assertThat(web.get("Protocol").asText()).isEqualTo("http");
        assertThat(web.get("TransparentProxy").get("OutboundListenerPort").asInt()).isEqualTo(15001);
        assertThat(web.get("MeshGateway").isObject()).isTrue();
        assertThat(web.get("Meta").get("team").asText()).isEqualTo("a");
        long modify = web.get("ModifyIndex").asLong();
        assertThat(web.get("CreateIndex").asLong()).isEqualTo(modify);
        assertThat(Http.index(read)).isEqualTo(modify);

        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                agent.uri("/v1/config/service-defaults?index=" + modify + "&wait=30s"));
        Thread.sleep(300); // the list is waiting; the write below must wake it, not its 30 s end
        Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Name\":\"db\",\"Protocol\":\"tcp\"}");
        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.index(woken)).isGreaterThan(modify);
        assertThat(Http.json(woken)).extracting(n -> n.get("Name").asText()).containsExactly("db", "web");

        String filter = URLEncoder.encode("Protocol == \"tcp\"", StandardCharsets.UTF_8);
        assertThat(Http.json(Http.get(agent.uri("/v1/config/service-defaults?filter=" + filter))))
                .extracting(n -> n.get("Name").asText()).containsExactly("db");

        assertThat(Http.put(agent.uri("/v1/config?cas=" + modify), "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                + "\"Protocol\":\"grpc\"}").body()).isEqualTo("true");
        assertThat(Http.put(agent.uri("/v1/config?cas=" + modify), "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                + "\"Protocol\":\"tcp\"}").body()).isEqualTo("false");
        assertThat(Http.json(Http.get(agent.uri("/v1/config/service-defaults/web"))).get("Protocol").asText())
                .isEqualTo("grpc");

        HttpResponse<String> deleted = Http.delete(agent.uri("/v1/config/service-defaults/db"));
        assertThat(deleted.body()).isEqualTo("{}");
        HttpResponse<String> gone = Http.get(agent.uri("/v1/config/service-defaults/db"));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("Config entry not found for \"service-defaults\" / \"db\"");
    }

    @Test
    void badInput_getsConsulsTexts_andStoresNothing() {
        agent = AgentProcess.dev(work, "n1");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"jwt-provider\",\"Name\":\"web\"}"), 400,
                "Request decoding failed: invalid config entry kind: jwt-provider");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Name\":\"web\",\"Port\":1}"), 400,
                "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Port\"\n\n");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Protocol\":\"http\"}"), 500,
                "Name is required");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"proxy-defaults\",\"Name\":\"web\"}"), 500,
                "invalid name (\"web\"), only \"global\" is supported");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                + "\"BalanceInboundConnections\":\"random\"}"), 500,
                "1 error occurred:\n\t* invalid value for balance_inbound_connections: random\n\n");
        expect(Http.get(agent.uri("/v1/config/jwt-provider")), 500,
                "invalid config entry kind: jwt-provider");
        expect(Http.get(agent.uri("/v1/config/service-defaults")), 200, "[]");
        expect(Http.get(agent.uri("/v1/config/proxy-defaults")), 200, "[]");
    }

    @Test
    void meshAndExportedServices_areStoredUnderTheirOnlyNames_andAnsweredAsConsulsJson() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        HttpResponse<String> mesh = Http.put(agent.uri("/v1/config"), "{\"kind\":\"mesh\","
                + "\"transparent_proxy\":{\"mesh_destinations_only\":true},\"tls\":{\"incoming\":"
                + "{\"tls_min_version\":\"TLSv1_2\",\"cipher_suites\":[\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"]}},"
                + "\"peering\":{\"peer_through_mesh_gateways\":true}}");
        assertThat(mesh.statusCode()).as(mesh.body()).isEqualTo(200);
        JsonNode read = Http.json(Http.get(agent.uri("/v1/config/mesh/mesh")));
        long index = read.get("ModifyIndex").asLong();
        assertThat(read.toString()).isEqualTo("{\"Kind\":\"mesh\",\"TransparentProxy\":{\"MeshDestinationsOnly\":true},"
                + "\"TLS\":{\"Incoming\":{\"TLSMinVersion\":\"TLSv1_2\",\"CipherSuites\":"
                + "[\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"]}},\"Peering\":{\"PeerThroughMeshGateways\":true},"
                + "\"CreateIndex\":" + index + ",\"ModifyIndex\":" + index + "}");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"mesh\",\"Name\":\"mesh\"}"), 400,
                "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Name\"\n\n");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"mesh\",\"TLS\":{\"Outgoing\":"
                + "{\"TLSMinVersion\":\"TLSv1_3\",\"TLSMaxVersion\":\"TLSv1_2\"}}}"), 500,
                "error in outgoing TLS configuration: configuring max version TLSv1_2 less than the configured min "
                        + "version TLSv1_3 is invalid");

        HttpResponse<String> exported = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"exported-services\","
                + "\"Name\":\"default\",\"Services\":[{\"Name\":\"web\",\"Consumers\":[{\"peer_name\":\"east\"}]}]}");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonNode services = Http.json(Http.get(agent.uri("/v1/config/exported-services/default")));
        assertThat(services.get("Services").toString())
                .isEqualTo("[{\"Name\":\"web\",\"Consumers\":[{\"Peer\":\"east\"}]}]");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"exported-services\",\"Name\":\"web\"}"), 500,
                "exported-services Name must be \"default\"");
        expect(Http.put(agent.uri("/v1/config"), "{\"Kind\":\"exported-services\",\"Name\":\"default\","
                + "\"Services\":[{\"Name\":\"web\",\"Consumers\":[{\"SamenessGroup\":\"g\"}]}]}"), 500,
                "Services[0].Consumers[0]: sameness-groups are an enterprise-only feature");
        assertThat(Http.json(Http.get(agent.uri("/v1/config/exported-services/default"))).get("ModifyIndex").asLong())
                .isEqualTo(services.get("ModifyIndex").asLong());

        assertThat(Http.delete(agent.uri("/v1/config/mesh/whatever")).body()).isEqualTo("{}");
        assertThat(Http.get(agent.uri("/v1/config/mesh/mesh")).statusCode()).isEqualTo(404);
    }

    @Test
    void theSnapshotArchive_carriesEntries_andARestoreBringsThemBack() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        Http.put(agent.uri("/v1/config"), "{\"Kind\":\"proxy-defaults\",\"Config\":{\"protocol\":\"http\"}}");
        byte[] archive = HttpClient.newHttpClient().send(HttpRequest.newBuilder(agent.uri("/v1/snapshot")).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        Http.delete(agent.uri("/v1/config/proxy-defaults/global"));
        assertThat(Http.get(agent.uri("/v1/config/proxy-defaults/global")).statusCode()).isEqualTo(404);

        HttpResponse<String> restored = Http.put(agent.uri("/v1/snapshot"), archive);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        JsonNode back = Http.json(Http.get(agent.uri("/v1/config/proxy-defaults/global")));
        assertThat(back.get("Config").get("protocol").asText()).isEqualTo("http");
    }

    @Test
    void underDenyingAcls_aTokenWithoutServiceWrite_isRefused() {
        agent = AgentProcess.start(work.resolve("agent.log"), List.of("agent", "-dev", "-node", "n1", "-hcl",
                "acl { enabled = true\n default_policy = \"deny\"\n tokens { initial_management = \"" + ROOT + "\" } }"),
                "127.0.0.1", AgentPorts.free());
        HttpResponse<String> denied = Http.as("", "PUT", agent.uri("/v1/config"),
                "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'service:write' on \"web\"");
        HttpResponse<String> mesh = Http.as("", "PUT", agent.uri("/v1/config"), "{\"Kind\":\"proxy-defaults\"}");
        assertThat(mesh.body()).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'mesh:write'");
        assertThat(Http.as(ROOT, "PUT", agent.uri("/v1/config"), "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}")
                .body()).isEqualTo("true");
        assertThat(Http.as("", "GET", agent.uri("/v1/config/service-defaults/web"), "").statusCode()).isEqualTo(403);
        HttpResponse<String> list = Http.as("", "GET", agent.uri("/v1/config/service-defaults"), "");
        assertThat(list.body()).isEqualTo("[]");
        assertThat(list.headers().firstValue("X-Consul-Results-Filtered-By-ACLs")).contains("true");
    }

    private static void expect(HttpResponse<String> response, int status, String body) {
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.statusCode()).isEqualTo(status);
    }
}
