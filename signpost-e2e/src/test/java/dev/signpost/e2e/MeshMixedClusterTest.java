package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Issue #20's mixed test on three loopback servers: a service registered with a sidecar on one server's agent API,
 * an intention, service-defaults, a resolver with subsets and a splitter, and the compiled discovery chain; all of it
 * read back on a follower (through the leader and from the follower's own state with {@code ?stale}), then again
 * after a server restarts from its data directory, and on that restarted server once it has caught up. The answers
 * after the restart must equal those before, field by field: the sidecar's registration, the intention (its
 * precedence and indexes), the check's decision and the whole chain (its target SNI names carry the cluster's trust
 * domain).
 */
class MeshMixedClusterTest {
    private static final String EXACT = "/v1/connect/intentions/exact?source=api&destination=web";
    private static final String CHECK = "/v1/connect/intentions/check?source=api&destination=web";

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
    void sidecarIntentionAndChain_readBackOnAFollower_afterARestart_andOnTheRestartedServer() {
        List<AgentProcess> servers = hosts.threeServers();
        AgentProcess s1 = servers.get(0);
        HttpResponse<String> registered = await().atMost(Duration.ofSeconds(30)).until(() -> Http.put(
                s1.uri("/v1/agent/service/register"), "{\"Name\":\"web\",\"Port\":8080,\"Meta\":{\"version\":\"v1\"},"
                        + "\"Connect\":{\"SidecarService\":{}}}"), r -> r.statusCode() == 200);
        assertThat(registered.body()).isEmpty();
        HttpResponse<String> intention = Http.put(s1.uri(EXACT), "{\"Action\":\"deny\",\"Description\":\"no api\"}");
        assertThat(intention.statusCode()).as(intention.body()).isEqualTo(200);
        write(servers.get(1), "{\"kind\":\"service-defaults\",\"name\":\"web\",\"protocol\":\"http\"}");
        write(servers.get(2), "{\"kind\":\"service-resolver\",\"name\":\"web\",\"default_subset\":\"v1\",\"subsets\":{"
                + "\"v1\":{\"filter\":\"Service.Meta.version == v1\"},\"v2\":{\"filter\":\"Service.Meta.version == v2\"}}}");
        write(s1, "{\"kind\":\"service-splitter\",\"name\":\"web\",\"splits\":[{\"weight\":80,\"service_subset\":\"v1\"},"
                + "{\"weight\":20,\"service_subset\":\"v2\"}]}");

        AgentProcess follower = follower(servers);
        Map<String, JsonNode> before = await().atMost(Duration.ofSeconds(30)).until(() -> readsOrNull(follower, ""),
                r -> r != null && complete(r));
        assertWhatWasWritten(before);
        assertSame(before, await().atMost(Duration.ofSeconds(10)).until(() -> readsOrNull(follower, "?stale"),
                r -> r != null && complete(r)));

        // Restart a server other than the one whose agent holds the registration (its agent state is not the point).
        int restartedAt = servers.indexOf(follower) == 0 ? 1 : servers.indexOf(follower);
        servers.get(restartedAt).close();
        AgentProcess restarted = hosts.server(restartedAt + 1, "s" + (restartedAt + 1), "-bootstrap-expect", "3",
                "-join", "127.0.0.1");
        servers.set(restartedAt, restarted);
        LoopbackHosts.awaitLeader(servers);

        AgentProcess reader = follower(servers);
        Map<String, JsonNode> after = await().atMost(Duration.ofSeconds(60)).until(() -> readsOrNull(reader, ""),
                r -> r != null && complete(r));
        assertSame(before, after);
        Map<String, JsonNode> caughtUp = await().atMost(Duration.ofSeconds(60)).until(
                () -> readsOrNull(restarted, "?stale"), r -> r != null && complete(r));
        assertSame(before, caughtUp);
        assertSame(before, await().atMost(Duration.ofSeconds(30)).until(() -> readsOrNull(restarted, ""),
                r -> r != null && complete(r)));
    }

    /** What was written is what comes back: the sidecar, the intention, the decision and the chain's shape. */
    private static void assertWhatWasWritten(Map<String, JsonNode> reads) {
        JsonNode catalog = reads.get("catalog");
        assertThat(catalog).hasSize(1);
        assertThat(catalog.get(0).get("ServiceID").asText()).isEqualTo("web-sidecar-proxy");
        assertThat(catalog.get(0).get("ServiceKind").asText()).isEqualTo("connect-proxy");
        assertThat(catalog.get(0).get("ServicePort").asInt()).isEqualTo(21000);
        assertThat(catalog.get(0).get("Node").asText()).isEqualTo("s1");
        assertThat(catalog.get(0).at("/ServiceProxy/DestinationServiceName").asText()).isEqualTo("web");
        assertThat(catalog.get(0).at("/ServiceProxy/LocalServicePort").asInt()).isEqualTo(8080);
        JsonNode health = reads.get("health");
        assertThat(health).hasSize(1);
        assertThat(health.get(0).at("/Service/ID").asText()).isEqualTo("web-sidecar-proxy");
        assertThat(health.get(0).at("/Node/Node").asText()).isEqualTo("s1");
        List<String> checks = new ArrayList<>();
        health.get(0).get("Checks").forEach(c -> checks.add(c.get("CheckID").asText()));
        assertThat(checks).contains("service:web-sidecar-proxy:1", "service:web-sidecar-proxy:2");
        JsonNode intention = reads.get("intention");
        assertThat(intention.get("SourceName").asText()).isEqualTo("api");
        assertThat(intention.get("DestinationName").asText()).isEqualTo("web");
        assertThat(intention.get("Action").asText()).isEqualTo("deny");
        assertThat(intention.get("Description").asText()).isEqualTo("no api");
        assertThat(reads.get("check").toString()).isEqualTo("{\"Allowed\":false}");
        JsonNode chain = reads.get("chain").get("Chain");
        assertThat(chain.get("Protocol").asText()).isEqualTo("http");
        assertThat(chain.get("StartNode").asText()).isEqualTo("splitter:web.default.default");
        assertThat(chain.get("Nodes").get("splitter:web.default.default").get("Splits").toString()).isEqualTo(
                "[{\"Definition\":{\"Weight\":80,\"ServiceSubset\":\"v1\"},\"Weight\":80,"
                        + "\"NextNode\":\"resolver:v1.web.default.default.dc1\"},"
                        + "{\"Definition\":{\"Weight\":20,\"ServiceSubset\":\"v2\"},\"Weight\":20,"
                        + "\"NextNode\":\"resolver:v2.web.default.default.dc1\"}]");
        assertThat(chain.get("Targets").get("v2.web.default.default.dc1").get("Subset").toString())
                .isEqualTo("{\"Filter\":\"Service.Meta.version == v2\"}");
    }

    /**
     * The answers after a restart equal those before. Only what a restart may change is left out: a check's Output
     * (each run of the sidecar's TCP check writes its own dial error).
     */
    private static void assertSame(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        assertThat(after.get("catalog")).isEqualTo(before.get("catalog"));
        assertThat(after.get("intention")).isEqualTo(before.get("intention"));
        assertThat(after.get("check")).isEqualTo(before.get("check"));
        assertThat(after.get("chain")).isEqualTo(before.get("chain"));
        JsonNode was = before.get("health").get(0);
        JsonNode now = after.get("health").get(0);
        assertThat(now.get("Service")).isEqualTo(was.get("Service"));
        assertThat(now.get("Node")).isEqualTo(was.get("Node"));
        assertThat(checks(now, c -> c.get("Status").asText())).isEqualTo(checks(was, c -> c.get("Status").asText()));
        assertThat(checks(now, c -> c.get("Name").asText() + c.get("ServiceID").asText() + c.get("Type").asText()))
                .isEqualTo(checks(was, c -> c.get("Name").asText() + c.get("ServiceID").asText()
                        + c.get("Type").asText()));
    }

    private static Map<String, String> checks(JsonNode entry, Function<JsonNode, String> field) {
        Map<String, String> out = new LinkedHashMap<>();
        entry.get("Checks").forEach(c -> out.put(c.get("CheckID").asText(), field.apply(c)));
        return out;
    }

    /** Everything written has arrived, and the sidecar's checks have run once (their status is settled). */
    private static boolean complete(Map<String, JsonNode> reads) {
        boolean checksRan = reads.get("health").size() == 1;
        for (JsonNode check : reads.get("health").path(0).path("Checks")) {
            checksRan &= !check.path("Output").asText().isEmpty();
        }
        return checksRan && reads.get("catalog").size() == 1
                && reads.get("intention").has("SourceName") && reads.get("chain").at("/Chain/Protocol").asText().equals("http")
                && reads.get("chain").at("/Chain/StartNode").asText().startsWith("splitter:");
    }

    /** The reads of issue #20's mixed test on one server, with a query suffix ("" or "?stale"). */
    private static Map<String, JsonNode> reads(AgentProcess server, String query) {
        String and = query.isEmpty() ? "" : "&" + query.substring(1);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("catalog", ok(server.uri("/v1/catalog/connect/web" + query)));
        out.put("health", ok(server.uri("/v1/health/connect/web" + query)));
        out.put("intention", ok(server.uri(EXACT + and)));
        out.put("check", ok(server.uri(CHECK + and)));
        out.put("chain", ok(server.uri("/v1/discovery-chain/web" + query)));
        return out;
    }

    /** The reads, or null while the server does not answer them all (starting, catching up, no leader yet). */
    private static Map<String, JsonNode> readsOrNull(AgentProcess server, String query) {
        try {
            return reads(server, query);
        } catch (RuntimeException | AssertionError e) {
            return null;
        }
    }

    private static JsonNode ok(URI uri) {
        HttpResponse<String> response = Http.get(uri);
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static void write(AgentProcess server, String entry) {
        HttpResponse<String> written = Http.put(server.uri("/v1/config"), entry);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(written.body()).isEqualTo("true");
    }

    /** A server that is not the leader. */
    private static AgentProcess follower(List<AgentProcess> servers) {
        String leader = Http.get(servers.get(0).uri("/v1/status/leader")).body().replace("\"", "");
        return servers.stream().filter(s -> !leader.startsWith(s.address() + ":")).findFirst().orElseThrow();
    }

}
