package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.signpost.testing.InMemoryRegistry;

/** {@code ?dc=} and {@code ?peer=} at the one routing point, for reads and writes alike. */
class DatacenterRouterTest {
    private final ApiTestSupport api = new ApiTestSupport();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /v1/catalog/nodes?dc=dc2",
        "GET, /v1/catalog/service/web?dc=dc2&index=5&wait=1m",
        "GET, /v1/health/state/any?dc=dc2",
        "GET, /v1/kv/x?dc=dc2",
        "GET, /v1/session/list?dc=dc2",
        "GET, /v1/status/leader?dc=dc2",
        "PUT, /v1/kv/x?dc=dc2",
        "DELETE, /v1/kv/x?dc=dc2",
        "PUT, /v1/catalog/register?dc=dc2",
        "PUT, /v1/catalog/deregister?dc=dc2",
        "PUT, /v1/session/create?dc=dc2",
        "PUT, /v1/txn?dc=dc2",
        "PUT, /v1/event/fire/deploy?dc=dc2",
    })
    void unknownDatacenter_is500NoPath(String method, String path) {
        ApiResponse r = api.call(method, path, "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\"}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).isEqualTo("No path to datacenter");
    }

    @Test
    void aRefusedWrite_changesNothing() {
        api.call("PUT", "/v1/kv/x?dc=dc2", "1");
        assertThat(api.call("GET", "/v1/kv/x").status()).isEqualTo(404);
    }

    @Test
    void theLocalDatacenter_byNameOrEmpty_isServedHere() {
        assertThat(text(api.call("PUT", "/v1/kv/x?dc=dc1", "1"))).isEqualTo("true");
        assertThat(api.call("GET", "/v1/kv/x?dc=dc1").status()).isEqualTo(200);
        assertThat(api.call("GET", "/v1/kv/x?dc=").status()).isEqualTo(200);
        assertThat(text(api.call("PUT", "/v1/event/fire/deploy?dc=dc1"))).contains("\"Name\":\"deploy\"");
    }

    @Test
    void agentEndpointsAndTheDatacenterList_takeNoDc() {
        assertThat(api.call("GET", "/v1/agent/self?dc=dc2").status()).isEqualTo(200);
        assertThat(text(api.call("GET", "/v1/catalog/datacenters?dc=dc2"))).isEqualTo("[\"dc1\"]");
    }

    @Test
    void unknownPath_isStill404() {
        assertThat(api.call("GET", "/v1/nope?dc=dc2").status()).isEqualTo(404);
    }

    @Test
    void peerReads_findNothingImported_inConsulsEmptyShapes() {
        api.call("PUT", "/v1/catalog/register",
                "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":{\"Service\":\"web\"}}");
        ApiResponse nodes = api.call("GET", "/v1/catalog/nodes?peer=cluster-02");
        assertThat(nodes.status()).isEqualTo(200);
        assertThat(text(nodes)).isEqualTo("[]");
        assertThat(nodes.headers()).containsKeys("X-Consul-Index", "X-Consul-KnownLeader", "X-Consul-LastContact");
        assertThat(text(api.call("GET", "/v1/catalog/services?peer=cluster-02"))).isEqualTo("{}");
        assertThat(text(api.call("GET", "/v1/catalog/node/n1?peer=cluster-02"))).isEqualTo("null");
        assertThat(text(api.call("GET", "/v1/health/service/web?peer=cluster-02"))).isEqualTo("[]");
        assertThat(text(api.call("GET", "/v1/catalog/service/web"))).contains("\"ServiceName\":\"web\"");
    }

    @Test
    void peerOnKv_isIgnored_asConsulIgnoresIt() {
        api.call("PUT", "/v1/kv/x", "1");
        assertThat(api.call("GET", "/v1/kv/x?peer=cluster-02").status()).isEqualTo(200);
    }

    @Test
    void aKnownRemoteDatacenter_isAnsweredByItsRemote() {
        Reads reads = new Reads(new InMemoryRegistry(), "dc1");
        DatacenterRouter router = new DatacenterRouter(reads,
                Map.of("dc2", request -> ApiResponse.json("\"from dc2\"".getBytes(StandardCharsets.UTF_8))));
        Routes routes = new Routes().routedBy(router).exact("GET", "/v1/status/leader",
                Guard.open("a test route"), r -> ApiResponse.empty());

        ApiResponse r = ApiServer.handle(routes, new ApiRequest("GET", "/v1/status/leader",
                Map.of("dc", List.of("dc2")), Map.of(), new byte[0], ""));

        assertThat(text(r)).isEqualTo("\"from dc2\"");
    }
}
