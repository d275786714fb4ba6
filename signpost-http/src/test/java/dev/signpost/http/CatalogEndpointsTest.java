package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private void register(String node, String address, String serviceJson) {
        ApiResponse r = api.call("PUT", "/v1/catalog/register",
                "{\"Node\":\"" + node + "\",\"Address\":\"" + address + "\",\"Service\":" + serviceJson + "}");
        assertThat(text(r)).isEqualTo("true");
    }

    @Test
    void catalogRegister_thenService_answersConsulsShape_withIndexHeaders() {
        register("n36", "10.111.222.36", "{\"ID\":\"1f61c2d2bcf9:z001:5000\",\"Service\":\"webapp\",\"Port\":32774}");

        ApiResponse r = api.call("GET", "/v1/catalog/service/webapp");

        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).startsWith("[{\"ID\":\"\",\"Node\":\"n36\",\"Address\":\"10.111.222.36\",\"Datacenter\":\"dc1\"")
                .contains("\"ServiceID\":\"1f61c2d2bcf9:z001:5000\",\"ServiceName\":\"webapp\",\"ServiceTags\":[]")
                .contains("\"ServicePort\":32774");
        assertThat(r.headers()).containsEntry("X-Consul-KnownLeader", "true").containsEntry("X-Consul-LastContact", "0")
                .containsEntry("X-Consul-Effective-Consistency", "leader").containsKey("X-Consul-Index");
    }

    @Test
    void tagFilter_needsEveryTag_caseInsensitively() {
        register("a", "10.0.0.1", "{\"ID\":\"w1\",\"Service\":\"web\",\"Tags\":[\"Primary\",\"v1\"]}");
        register("b", "10.0.0.2", "{\"ID\":\"w2\",\"Service\":\"web\",\"Tags\":[\"v1\"]}");

        assertThat(text(api.call("GET", "/v1/catalog/service/web?tag=primary&tag=v1"))).contains("w1").doesNotContain("w2");
        assertThat(text(api.call("GET", "/v1/catalog/services"))).isEqualTo("{\"web\":[\"Primary\",\"v1\"]}");
    }

    @Test
    void unknownNode_isNullWith200() {
        ApiResponse r = api.call("GET", "/v1/catalog/node/ghost");
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("null");
    }

    @Test
    void registerWithoutNodeOrAddress_is400WithConsulsMessage() {
        assertThat(text(api.call("PUT", "/v1/catalog/register", "{\"Address\":\"1.2.3.4\"}"))).isEqualTo("Must provide node");
        assertThat(text(api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n\"}"))).isEqualTo("Must provide address");
        assertThat(api.call("PUT", "/v1/catalog/register", "[1,2]").status()).isEqualTo(400);
    }

    @Test
    void snakeCaseAndAnyCaseFieldNames_areAccepted() {
        ApiResponse r = api.call("PUT", "/v1/catalog/register",
                "{\"node\":\"n1\",\"ADDRESS\":\"10.0.0.9\",\"service\":{\"service_id\":\"x\",\"id\":\"s1\",\"service\":\"db\",\"port\":5432}}");
        assertThat(text(r)).isEqualTo("true");
        assertThat(text(api.call("GET", "/v1/catalog/service/db"))).contains("\"ServiceID\":\"s1\"");
    }

    @Test
    void deregister_removesService_thenNode() {
        register("n1", "10.0.0.1", "{\"ID\":\"s1\",\"Service\":\"db\"}");
        api.call("PUT", "/v1/catalog/deregister", "{\"Node\":\"n1\",\"ServiceID\":\"s1\"}");
        assertThat(text(api.call("GET", "/v1/catalog/service/db"))).isEqualTo("[]");
        api.call("PUT", "/v1/catalog/deregister", "{\"Node\":\"n1\"}");
        assertThat(text(api.call("GET", "/v1/catalog/nodes"))).isEqualTo("[]");
    }

    @Test
    void withoutALeader_writesAndDefaultReadsAre500_butStaleReadsAnswer() {
        register("n1", "10.0.0.1", "{\"ID\":\"s1\",\"Service\":\"db\"}");
        api.registry.loseLeader();

        ApiResponse write = api.call("PUT", "/v1/kv/x", "1");
        assertThat(write.status()).isEqualTo(500);
        assertThat(text(write)).isEqualTo("No cluster leader");
        assertThat(api.call("GET", "/v1/catalog/service/db").status()).isEqualTo(500);
        ApiResponse stale = api.call("GET", "/v1/catalog/service/db?stale");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.headers()).containsEntry("X-Consul-KnownLeader", "false")
                .containsEntry("X-Consul-Effective-Consistency", "stale");
    }
}
