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
 * L7 traffic management config against the jar, as a user writes it with curl: service-defaults with protocol
 * http, a service-resolver with subsets, a service-splitter and a service-router through {@code PUT /v1/config},
 * the compiled {@code /v1/discovery-chain/web} read back (and a waiting read woken by a change), and a splitter on
 * a tcp service refused with Consul's 500 and its words.
 */
class DiscoveryChainApiTest {
    @TempDir
    Path work;
    private AgentProcess agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private void write(String body) {
        HttpResponse<String> put = Http.put(agent.uri("/v1/config"), body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("true");
    }

    @Test
    void aRouterSplitterAndResolver_compileIntoConsulsChain() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        JsonNode plain = Http.json(Http.get(agent.uri("/v1/discovery-chain/web"))).get("Chain");
        assertThat(plain.get("Default").asBoolean()).isTrue();
        assertThat(plain.get("StartNode").asText()).isEqualTo("resolver:web.default.default.dc1");

        write("{\"kind\":\"service-defaults\",\"name\":\"web\",\"protocol\":\"http\"}");
        write("{\"kind\":\"service-resolver\",\"name\":\"web\",\"default_subset\":\"v1\",\"subsets\":{"
                + "\"v1\":{\"filter\":\"Service.Meta.version == v1\"},\"v2\":{\"filter\":\"Service.Meta.version == v2\"}}}");
        write("{\"kind\":\"service-splitter\",\"name\":\"web\",\"splits\":[{\"weight\":90,\"service_subset\":\"v1\"},"
                + "{\"weight\":10,\"service_subset\":\"v2\"}]}");
        HttpResponse<String> before = Http.get(agent.uri("/v1/discovery-chain/web"));
        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(
                agent.uri("/v1/discovery-chain/web?index=" + Http.index(before) + "&wait=30s"));
        Http.awaitParkedQuery(agent.uri("/"), ""); // the change below must wake the read, not its 30 s end
        write("{\"kind\":\"service-router\",\"name\":\"web\",\"routes\":[{\"match\":{\"http\":{\"path_prefix\":"
                + "\"/canary\",\"methods\":[\"get\"]}},\"destination\":{\"service_subset\":\"v2\","
                + "\"request_timeout\":\"3s\",\"num_retries\":2}}]}");
        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Http.index(woken)).isGreaterThan(Http.index(before));

        JsonNode chain = Http.json(woken).get("Chain");
        assertThat(chain.get("ServiceName").asText()).isEqualTo("web");
        assertThat(chain.get("Partition").asText()).isEqualTo("default");
        assertThat(chain.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(chain.has("Default")).isFalse();
        assertThat(chain.get("Protocol").asText()).isEqualTo("http");
        assertThat(chain.get("StartNode").asText()).isEqualTo("router:web.default.default");
        assertThat(chain.get("Nodes").fieldNames()).toIterable().containsExactly(
                "resolver:v1.web.default.default.dc1", "resolver:v2.web.default.default.dc1",
                "router:web.default.default", "splitter:web.default.default");
        JsonNode routes = chain.get("Nodes").get("router:web.default.default").get("Routes");
        assertThat(routes.get(0).toString()).isEqualTo("{\"Definition\":{\"Match\":{\"HTTP\":{\"PathPrefix\":"
                + "\"/canary\",\"Methods\":[\"GET\"]}},\"Destination\":{\"RequestTimeout\":\"3s\",\"ServiceSubset\":"
                + "\"v2\",\"NumRetries\":2}},\"NextNode\":\"resolver:v2.web.default.default.dc1\"}");
        assertThat(routes.get(1).toString()).isEqualTo("{\"Definition\":{\"Match\":{\"HTTP\":{\"PathPrefix\":\"/\"}},"
                + "\"Destination\":{\"Service\":\"web\",\"Namespace\":\"default\",\"Partition\":\"default\"}},"
                + "\"NextNode\":\"splitter:web.default.default\"}");
        assertThat(chain.get("Nodes").get("splitter:web.default.default").get("Splits").toString()).isEqualTo(
                "[{\"Definition\":{\"Weight\":90,\"ServiceSubset\":\"v1\"},\"Weight\":90,"
                        + "\"NextNode\":\"resolver:v1.web.default.default.dc1\"},"
                        + "{\"Definition\":{\"Weight\":10,\"ServiceSubset\":\"v2\"},\"Weight\":10,"
                        + "\"NextNode\":\"resolver:v2.web.default.default.dc1\"}]");
        assertThat(chain.get("Nodes").get("resolver:v1.web.default.default.dc1").get("Resolver").toString())
                .isEqualTo("{\"ConnectTimeout\":\"5s\",\"Target\":\"v1.web.default.default.dc1\"}");
        JsonNode v2 = chain.get("Targets").get("v2.web.default.default.dc1");
        assertThat(v2.get("ServiceSubset").asText()).isEqualTo("v2");
        assertThat(v2.get("Subset").toString()).isEqualTo("{\"Filter\":\"Service.Meta.version == v2\"}");
        assertThat(v2.get("SNI").asText()).matches("v2\\.web\\.default\\.dc1\\.internal\\.[0-9a-f-]{36}\\.consul");
        assertThat(chain.get("Targets").size()).isEqualTo(2);

        JsonNode router = Http.json(Http.get(agent.uri("/v1/config/service-router/web")));
        assertThat(router.get("Routes").get(0).get("Destination").get("RequestTimeout").asText()).isEqualTo("3s");
    }

    @Test
    void aSplitterOnATcpService_isConsuls500() throws Exception {
        agent = AgentProcess.dev(work, "n1");
        write("{\"Kind\":\"service-defaults\",\"Name\":\"db\",\"Protocol\":\"tcp\"}");

        HttpResponse<String> refused = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-splitter\","
                + "\"Name\":\"db\",\"Splits\":[{\"Weight\":50},{\"Weight\":50,\"Service\":\"db-replica\"}]}");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).isEqualTo("discovery chain \"db\" uses a protocol \"tcp\" that does not permit "
                + "advanced routing or splitting behavior");
        assertThat(Http.get(agent.uri("/v1/config/service-splitter/db")).statusCode()).isEqualTo(404);
        HttpResponse<String> badWeights = Http.put(agent.uri("/v1/config"), "{\"Kind\":\"service-splitter\","
                + "\"Name\":\"db\",\"Splits\":[{\"Weight\":50}]}");
        assertThat(badWeights.statusCode()).isEqualTo(500);
        assertThat(badWeights.body()).isEqualTo("the sum of all split weights must be 100, not 50.000000");
    }
}
