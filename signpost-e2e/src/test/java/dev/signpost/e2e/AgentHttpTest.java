package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;

/** {@code signpost agent -dev} driven over HTTP the way curl and Consul clients drive Consul. */
class AgentHttpTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.dev(work, "be67d37cbf68");
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    private static void registerWebapp(String id, int port) {
        HttpResponse<String> r = Http.put(agent.uri("/v1/agent/service/register"),
                "{\"ID\":\"" + id + "\",\"Name\":\"webapp\",\"Port\":" + port + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void catalogService_hasTheSeedsFields_forARegistratorStyleRegistration() {
        registerWebapp("205155915c61:z002:5000", 32768);

        HttpResponse<String> r = Http.get(agent.uri("/v1/catalog/service/webapp"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode instance = Http.json(r).get(0);
        assertThat(instance.get("Address").asText()).isEqualTo("127.0.0.1");
        assertThat(instance.get("Node").asText()).isEqualTo("be67d37cbf68");
        assertThat(instance.get("ServiceAddress").asText()).isEmpty();
        assertThat(instance.get("ServiceID").asText()).isEqualTo("205155915c61:z002:5000");
        assertThat(instance.get("ServiceName").asText()).isEqualTo("webapp");
        assertThat(instance.get("ServicePort").asInt()).isEqualTo(32768);
        assertThat(instance.get("ServiceTags").isArray()).isTrue();
        assertThat(instance.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(instance.get("ModifyIndex").asLong()).isPositive();
        assertThat(Http.index(r)).isGreaterThanOrEqualTo(instance.get("ModifyIndex").asLong());
        assertThat(r.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        assertThat(r.headers().firstValue("X-Consul-LastContact")).hasValue("0");
    }

    @Test
    void prettyOutput_isIndentedLikeGo() {
        registerWebapp("pretty:1", 1000);
        String body = Http.get(agent.uri("/v1/catalog/service/webapp?pretty")).body();
        assertThat(body).startsWith("[\n    {\n        \"ID\": ").endsWith("]\n");
    }

    @Test
    void agentSelf_and_servers_consulService_describeThisAgent() {
        JsonNode self = Http.json(Http.get(agent.uri("/v1/agent/self")));
        assertThat(self.at("/Config/NodeName").asText()).isEqualTo("be67d37cbf68");
        assertThat(self.at("/Config/Datacenter").asText()).isEqualTo("dc1");
        assertThat(self.at("/Member/Tags/role").asText()).isEqualTo("consul");

        JsonNode consul = Http.json(Http.get(agent.uri("/v1/health/service/consul?passing")));
        assertThat(consul).hasSize(1);
        assertThat(consul.get(0).at("/Checks/0/CheckID").asText()).isEqualTo("serfHealth");
        assertThat(consul.get(0).at("/Checks/0/Status").asText()).isEqualTo("passing");
        assertThat(Http.json(Http.get(agent.uri("/v1/status/leader"))).asText()).startsWith("127.0.0.1:");
    }

    @Test
    void blockingQuery_returnsWhenItsServiceChanges_andNotForAnotherService() {
        registerWebapp("blocking:1", 2001);
        long index = Http.index(Http.get(agent.uri("/v1/catalog/service/webapp")));
        CompletableFuture<HttpResponse<String>> waiting =
                Http.getAsync(agent.uri("/v1/catalog/service/webapp?index=" + index + "&wait=30s"));

        Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"db1\",\"Name\":\"other-db\",\"Port\":5432}");
        await().until(() -> Http.get(agent.uri("/v1/catalog/service/other-db")).body().contains("db1"));
        assertThat(waiting).isNotDone();

        registerWebapp("blocking:2", 2002);
        HttpResponse<String> woken = waiting.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(Http.index(woken)).isGreaterThan(index);
        assertThat(woken.body()).contains("blocking:2");
    }

    @Test
    void thousandsOfWaitingBlockingQueries_holdNoPlatformThreadEach_andAllWakeOnOneWrite() throws Exception {
        registerWebapp("crowd:0", 5000);
        long index = Http.index(Http.get(agent.uri("/v1/health/service/webapp")));
        int threadsBefore = threads(agent.pid());
        java.util.List<CompletableFuture<HttpResponse<String>>> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            waiting.add(Http.getAsync(agent.uri("/v1/health/service/webapp?index=" + index + "&wait=60s")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openConnections(agent.pid()) >= 2000);

        assertThat(threads(agent.pid())).isLessThan(threadsBefore + 100);
        registerWebapp("crowd:1", 5001);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(waiting).allSatisfy(f -> assertThat(f.join().body()).contains("crowd:1"));
    }

    /** Threads of a process, from /proc (Linux). */
    private static int threads(long pid) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToInt(l -> Integer.parseInt(l.substring(8).strip()))
                .findFirst().orElseThrow();
    }

    /** Open file descriptors of a process: sockets included. */
    private static long openConnections(long pid) throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        }
    }

    @Test
    void blockingQuery_timesOut_withTheSameIndex() {
        registerWebapp("timeout:1", 3001);
        long index = Http.index(Http.get(agent.uri("/v1/health/service/webapp")));
        long start = System.nanoTime();

        HttpResponse<String> r = Http.get(agent.uri("/v1/health/service/webapp?index=" + index + "&wait=400ms"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.index(r)).isEqualTo(index);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void ttlCheck_passAndFail_moveTheInstanceInAndOutOfPassing() {
        HttpResponse<String> r = Http.put(agent.uri("/v1/agent/service/register"),
                "{\"ID\":\"api1\",\"Name\":\"api\",\"Port\":8080,\"Check\":{\"TTL\":\"30s\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(Http.get(agent.uri("/v1/health/service/api?passing")))).isEmpty();

        assertThat(Http.put(agent.uri("/v1/agent/check/pass/service:api1?note=ok"), "").statusCode()).isEqualTo(200);
        JsonNode passing = Http.json(Http.get(agent.uri("/v1/health/service/api?passing")));
        assertThat(passing).hasSize(1);
        assertThat(passing.get(0).at("/Checks/1/Output").asText()).isEqualTo("ok");

        Http.put(agent.uri("/v1/agent/check/fail/service:api1"), "");
        assertThat(Http.json(Http.get(agent.uri("/v1/health/service/api?passing")))).isEmpty();
        assertThat(Http.json(Http.get(agent.uri("/v1/health/state/critical"))).toString()).contains("service:api1");
    }

    @Test
    void deregister_removesTheService_andAnUnknownIdIs404() {
        registerWebapp("gone:1", 4001);
        assertThat(Http.put(agent.uri("/v1/agent/service/deregister/gone:1"), "").statusCode()).isEqualTo(200);
        assertThat(Http.get(agent.uri("/v1/catalog/service/webapp")).body()).doesNotContain("gone:1");

        HttpResponse<String> unknown = Http.put(agent.uri("/v1/agent/service/deregister/gone:1"), "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Unknown service ID \"gone:1\"");
    }

    @Test
    void kv_putGetRawKeysRecurseCasDelete() {
        assertThat(Http.put(agent.uri("/v1/kv/app/config/db?flags=42"), "postgres://x").body()).isEqualTo("true");
        Http.put(agent.uri("/v1/kv/app/config/cache"), "redis");
        Http.put(agent.uri("/v1/kv/app/name"), "shop");

        JsonNode entry = Http.json(Http.get(agent.uri("/v1/kv/app/config/db"))).get(0);
        assertThat(entry.get("Key").asText()).isEqualTo("app/config/db");
        assertThat(entry.get("Flags").asLong()).isEqualTo(42);
        assertThat(entry.get("Value").asText()).isEqualTo("cG9zdGdyZXM6Ly94");
        assertThat(Http.get(agent.uri("/v1/kv/app/config/db?raw")).body()).isEqualTo("postgres://x");
        assertThat(Http.json(Http.get(agent.uri("/v1/kv/app/?keys&separator=/"))).toString())
                .isEqualTo("[\"app/config/\",\"app/name\"]");
        assertThat(Http.json(Http.get(agent.uri("/v1/kv/app/config?recurse")))).hasSize(2);

        long modify = entry.get("ModifyIndex").asLong();
        assertThat(Http.put(agent.uri("/v1/kv/app/config/db?cas=" + (modify + 1000)), "nope").body()).isEqualTo("false");
        assertThat(Http.put(agent.uri("/v1/kv/app/config/db?cas=" + modify), "mysql://y").body()).isEqualTo("true");
        assertThat(Http.put(agent.uri("/v1/kv/app/config/db?cas=0"), "create-only").body()).isEqualTo("false");

        assertThat(Http.delete(agent.uri("/v1/kv/app?recurse")).body()).isEqualTo("true");
        HttpResponse<String> missing = Http.get(agent.uri("/v1/kv/app/name"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void badInput_getsConsulsErrors_andTheAgentKeepsServing() {
        assertError(Http.put(agent.uri("/v1/agent/service/register"), "{not json"), 400, "Request decode failed");
        assertError(Http.put(agent.uri("/v1/agent/service/register"), "{\"Name\":\"x\",\"Port\":\"eighty\"}"), 400,
                "Port must be a number");
        assertError(Http.put(agent.uri("/v1/agent/service/register"), "{\"Port\":80}"), 400, "Missing service name");
        assertError(Http.get(agent.uri("/v1/catalog/service/webapp?index=abc")), 400, "Invalid index");
        assertError(Http.get(agent.uri("/v1/catalog/service/webapp?index=1&wait=forever")), 400, "Invalid wait time");
        assertError(Http.get(agent.uri("/v1/catalog/nodes?stale&consistent")), 400,
                "Cannot specify ?stale with ?consistent, conflicting semantics.");
        assertError(Http.get(agent.uri("/v1/agent/service/register")), 405, "not allowed");
        assertError(Http.put(agent.uri("/v1/kv/big"), new byte[512 * 1024 + 1]), 413, "too large");
        assertError(Http.put(agent.uri("/v1/kv/"), "x"), 400, "Missing key name");
        assertError(Http.put(agent.uri("/v1/agent/check/update/nope"), "{\"Status\":\"great\"}"), 400,
                "Invalid check status: 'great'");
        assertError(Http.get(agent.uri("/v1/catalog/nodes?dc=elsewhere")), 500, "No path to datacenter");

        assertThat(Http.get(agent.uri("/v1/catalog/nodes")).statusCode()).isEqualTo(200);
        assertThat(agent.output()).doesNotContain("Exception");
    }

    @Test
    void chunkedBodies_withoutContentLength_areReadWhole_andTooLargeOnesRefused() {
        byte[] value = new byte[100_000];
        Arrays.fill(value, (byte) 'v');
        assertThat(Http.putChunked(agent.uri("/v1/kv/chunked"), value).body()).isEqualTo("true");
        assertThat(Http.get(agent.uri("/v1/kv/chunked?raw")).body()).isEqualTo(new String(value, StandardCharsets.US_ASCII));
        assertThat(Http.putChunked(agent.uri("/v1/kv/empty"), new byte[0]).body()).isEqualTo("true");
        assertThat(Http.get(agent.uri("/v1/kv/empty?raw")).body()).isEmpty();

        assertError(Http.putChunked(agent.uri("/v1/kv/huge"), new byte[4 * 512 * 1024 + 1]), 413, "too large");
        assertThat(Http.get(agent.uri("/v1/kv/huge")).statusCode()).isEqualTo(404);
    }

    @Test
    void kvKeysInThePath_arePercentDecoded_asConsulReadsThem() {
        assertThat(Http.put(agent.uri("/v1/kv/enc%2Fa%20b"), "v").body()).isEqualTo("true");
        assertThat(Http.get(agent.uri("/v1/kv/enc/a%20b?raw")).body()).isEqualTo("v");
        assertThat(Http.json(Http.get(agent.uri("/v1/kv/enc/?keys"))).toString()).isEqualTo("[\"enc/a b\"]");
    }

    @Test
    void kvValueOfExactly512KiB_isAccepted() {
        assertThat(Http.put(agent.uri("/v1/kv/limit"), new byte[512 * 1024]).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownNode_isJsonNullWith200_asConsulAnswers() {
        HttpResponse<String> r = Http.get(agent.uri("/v1/catalog/node/nowhere"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("null");
    }

    @Test
    void ui_isServed_andTheRootRedirectsToIt() {
        HttpResponse<String> ui = Http.get(agent.uri("/ui/"));
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("<title>Signpost</title>");
        assertThat(Http.get(agent.uri("/")).statusCode()).isEqualTo(301);
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(message);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }
}
