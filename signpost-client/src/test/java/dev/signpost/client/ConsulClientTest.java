package dev.signpost.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsulClientTest {

    private FakeConsul consul;
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        consul = new FakeConsul();
    }

    @AfterEach
    void stop() {
        consul.close();
    }

    private ConsulClient.Builder client(String... addresses) {
        ConsulClient.Builder b = ConsulClient.builder().sleeper(slept::add)
                .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2));
        for (String a : addresses) {
            b.address(a);
        }
        return b;
    }

    @Test
    void read_returnsValueAndMetadata_fromCanonicalizedHeaders() {
        consul.on("/v1/catalog/services", FakeConsul.Answer.json("{\"consul\":[],\"webapp\":[\"v1\"]}")
                .withHeader("X-Consul-Index", "42").withHeader("X-Consul-Knownleader", "true")
                .withHeader("X-Consul-Lastcontact", "7"));
        try (ConsulClient c = client(consul.address()).build()) {
            QueryResult<Map<String, List<String>>> r = c.catalog().services(QueryOptions.DEFAULT);
            assertThat(r.value()).containsEntry("webapp", List.of("v1")).containsEntry("consul", List.of());
            assertThat(r.index()).isEqualTo(42);
            assertThat(r.knownLeader()).isTrue();
            assertThat(r.lastContactMillis()).isEqualTo(7);
        }
    }

    @Test
    void token_andQueryOptions_travelLikeTheGoClient() {
        consul.on("/v1/health/service/", FakeConsul.Answer.json("[]"));
        try (ConsulClient c = client(consul.address()).token("secret").build()) {
            c.health().service("webapp", List.of("v1"), true,
                    QueryOptions.DEFAULT.withDatacenter("dc1").withStale(true).withIndex(5)
                            .withWait(Duration.ofMillis(100)));
        }
        FakeConsul.Seen seen = consul.requests.get(0);
        assertThat(seen.path()).isEqualTo("/v1/health/service/webapp");
        assertThat(seen.query()).isEqualTo("tag=v1&passing=1&dc=dc1&stale=&index=5&wait=100ms");
        assertThat(seen.header("X-Consul-Token")).isEqualTo("secret");
    }

    @Test
    void errorStatus_becomesOneLineConsulException_withoutRetryFor4xx() {
        consul.on("/v1/agent/service/register", new FakeConsul.Answer(400, Map.of(), "Missing service name\n"));
        try (ConsulClient c = client(consul.address()).build()) {
            assertThatThrownBy(() -> c.agent().register(ServiceRegistration.of("", "x", "", 1)))
                    .isInstanceOf(ConsulException.class)
                    .hasMessage("PUT /v1/agent/service/register on " + consul.address() + ": 400 Missing service name")
                    .extracting(e -> ((ConsulException) e).statusCode()).isEqualTo(400);
        }
        assertThat(consul.requests).hasSize(1);
        assertThat(consul.requests.get(0).body()).isEqualTo("{\"ID\":\"\",\"Name\":\"x\",\"Port\":1}"
                .replace("\"ID\":\"\",", ""));
    }

    @Test
    void aclRefusal_saysWhetherAToken_wasSent() {
        consul.on("/v1/agent/service/register", new FakeConsul.Answer(403, Map.of(), "Permission denied"));
        try (ConsulClient c = client(consul.address()).build()) {
            assertThatThrownBy(() -> c.agent().register(ServiceRegistration.of("", "x", "", 1)))
                    .hasMessageEndingWith(": 403 Permission denied (refused by ACLs: no token was sent; give one with "
                            + "-token or CONSUL_HTTP_TOKEN)");
        }
        try (ConsulClient c = client(consul.address()).token("secret").build()) {
            assertThatThrownBy(() -> c.agent().register(ServiceRegistration.of("", "x", "", 1)))
                    .hasMessageEndingWith(": 403 Permission denied (refused by ACLs for the token sent)");
        }
    }

    @Test
    void noClusterLeader_isRetriedWithBackoff_thenThrown() {
        consul.on("/v1/status/leader", new FakeConsul.Answer(500, Map.of(), "No cluster leader"));
        try (ConsulClient c = client(consul.address()).build()) {
            assertThatThrownBy(() -> c.status().leader())
                    .isInstanceOf(ConsulException.class)
                    .hasMessageEndingWith(": 500 No cluster leader")
                    .satisfies(e -> assertThat(((ConsulException) e).body()).isEqualTo("No cluster leader"));
        }
        assertThat(consul.requests).hasSize(4);
        assertThat(slept).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void transientFailure_thenSuccess_returnsTheAnswer() {
        AtomicInteger calls = new AtomicInteger();
        consul.on("/v1/status/leader", r -> calls.incrementAndGet() < 3
                ? new FakeConsul.Answer(500, Map.of(), "No cluster leader")
                : FakeConsul.Answer.json("\"10.0.0.1:8300\""));
        try (ConsulClient c = client(consul.address()).build()) {
            assertThat(c.status().leader()).isEqualTo("10.0.0.1:8300");
        }
        assertThat(slept).hasSize(2);
    }

    @Test
    void refusedConnection_saysCannotReach() throws Exception {
        int port = FakeConsul.freePort();
        try (ConsulClient c = client("127.0.0.1:" + port).retry(RetryPolicy.NONE).build()) {
            assertThatThrownBy(() -> c.status().leader())
                    .isInstanceOf(ConsulUnreachableException.class)
                    .hasMessage("cannot reach 127.0.0.1:" + port + ": connection refused");
        }
    }

    @Test
    void deadFirstAddress_failsOverToTheNext_andSticksToIt() throws Exception {
        consul.on("/v1/status/peers", FakeConsul.Answer.json("[\"10.0.0.1:8300\"]"));
        String dead = "127.0.0.1:" + FakeConsul.freePort();
        try (ConsulClient c = client(dead, consul.address()).build()) {
            assertThat(c.status().peers()).containsExactly("10.0.0.1:8300");
            assertThat(c.currentAddress()).hasToString(consul.address());
            c.status().peers();
        }
        assertThat(consul.requests).hasSize(2);
        assertThat(slept).isEmpty();
    }

    @Test
    void nodeWithoutLeader_isLeftForTheNextAddress_onRetry() throws Exception {
        try (FakeConsul leaderless = new FakeConsul()) {
            leaderless.on("/v1/kv/", new FakeConsul.Answer(500, Map.of(), "No cluster leader"));
            consul.on("/v1/kv/", FakeConsul.Answer.json("[{\"Key\":\"k\",\"Value\":\"dg==\"}]"));
            try (ConsulClient c = client(leaderless.address(), consul.address()).build()) {
                assertThat(c.kv().get("k", QueryOptions.DEFAULT).value()).get()
                        .extracting(KvPair::valueAsString).isEqualTo("v");
                assertThat(c.currentAddress()).hasToString(consul.address());
            }
            assertThat(leaderless.requests).hasSize(1);
        }
        assertThat(slept).hasSize(1);
    }

    @Test
    void allAddressesDead_listsEach() throws Exception {
        String a = "127.0.0.1:" + FakeConsul.freePort();
        String b = "127.0.0.1:" + FakeConsul.freePort();
        try (ConsulClient c = client(a, b).retry(RetryPolicy.NONE).build()) {
            assertThatThrownBy(() -> c.status().leader()).hasMessage(
                    "cannot reach " + a + " (connection refused), " + b + " (connection refused)");
        }
    }

    @Test
    void silentServer_timesOut_insteadOfHanging() {
        consul.on("/v1/status/leader", r -> {
            Thread.sleep(3_000);
            return FakeConsul.Answer.json("\"x\"");
        });
        try (ConsulClient c = client(consul.address()).retry(RetryPolicy.NONE)
                .requestTimeout(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.status().leader()).isInstanceOf(ConsulUnreachableException.class)
                    .hasMessage("cannot reach " + consul.address() + ": no answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void silentFirstAddress_timesOut_andTheNextAnswers() throws Exception {
        try (FakeConsul silent = new FakeConsul()) {
            silent.on("/v1/status/leader", r -> {
                Thread.sleep(3_000);
                return FakeConsul.Answer.json("\"silent\"");
            });
            consul.on("/v1/status/leader", FakeConsul.Answer.json("\"10.0.0.2:8300\""));
            try (ConsulClient c = client(silent.address(), consul.address())
                    .requestTimeout(Duration.ofMillis(300)).build()) {
                assertThat(c.status().leader()).isEqualTo("10.0.0.2:8300");
            }
        }
        assertThat(slept).isEmpty();
    }

    @Test
    void blockingRead_timeoutCoversWaitPlusJitterPlusMargin() {
        try (ConsulClient c = client(consul.address()).requestTimeout(Duration.ofSeconds(10)).build()) {
            assertThat(c.timeoutFor(QueryOptions.DEFAULT)).isEqualTo(Duration.ofSeconds(10));
            assertThat(c.timeoutFor(QueryOptions.DEFAULT.withIndex(3).withWait(Duration.ofSeconds(64))))
                    .isEqualTo(Duration.ofSeconds(64 + 4 + 10));
            assertThat(c.timeoutFor(QueryOptions.DEFAULT.withIndex(3)))
                    .isEqualTo(Duration.ofMinutes(5).plusSeconds(300 / 16 + 10).plusMillis(750));
        }
    }

    @Test
    void kv_getPutCasDeleteKeys() {
        consul.on("/v1/kv/", r -> switch (r.method()) {
            case "GET" -> r.path().equals("/v1/kv/app/missing")
                    ? new FakeConsul.Answer(404, Map.of("X-Consul-Index", "9"), "")
                    : r.query().contains("keys") ? FakeConsul.Answer.json("[\"app/a\",\"app/b\"]")
                    : FakeConsul.Answer.json("[{\"Key\":\"app/a\",\"Value\":\"MQ==\",\"ModifyIndex\":4}]");
            case "PUT" -> FakeConsul.Answer.json(r.query().contains("cas=0") ? "false" : "true");
            default -> FakeConsul.Answer.json("true");
        });
        try (ConsulClient c = client(consul.address()).build()) {
            assertThat(c.kv().get("app/a", QueryOptions.DEFAULT).value()).get()
                    .extracting(KvPair::valueAsString).isEqualTo("1");
            QueryResult<java.util.Optional<KvPair>> missing = c.kv().get("app/missing", QueryOptions.DEFAULT);
            assertThat(missing.value()).isEmpty();
            assertThat(missing.index()).isEqualTo(9);
            assertThat(c.kv().keys("app/", "/", QueryOptions.DEFAULT).value()).containsExactly("app/a", "app/b");
            c.kv().put("/app/a b", "x");
            assertThat(c.kv().cas("app/a", new byte[] {1}, 5, 0)).isFalse();
            c.kv().deleteTree("app");
        }
        assertThat(consul.requests).extracting(r -> r.method() + " " + r.path() + "?" + r.query()).containsExactly(
                "GET /v1/kv/app/a?", "GET /v1/kv/app/missing?", "GET /v1/kv/app/?keys=&separator=%2F",
                "PUT /v1/kv/app/a%20b?", "PUT /v1/kv/app/a?flags=5&cas=0", "DELETE /v1/kv/app?recurse=");
        assertThat(consul.requests.get(3).body()).isEqualTo("x");
    }

    @Test
    void unknownNode_isEmpty_andServiceIdsKeepColons() {
        consul.on("/v1/catalog/node/", FakeConsul.Answer.json("null"));
        consul.on("/v1/agent/service/deregister/", new FakeConsul.Answer(200, Map.of(), ""));
        try (ConsulClient c = client(consul.address()).build()) {
            assertThat(c.catalog().node("ghost", QueryOptions.DEFAULT).value()).isEmpty();
            c.agent().deregister("h:web.1:5000:udp");
        }
        assertThat(consul.requests.get(1).path()).isEqualTo("/v1/agent/service/deregister/h:web.1:5000:udp");
        assertThat(consul.requests.get(1).method()).isEqualTo("PUT");
    }

    @Test
    void ttlUpdate_sendsStatusAndOutput() {
        consul.on("/v1/agent/check/", new FakeConsul.Answer(200, Map.of(), ""));
        try (ConsulClient c = client(consul.address()).build()) {
            c.agent().updateTtl("service:web", "critical", "unhealthy");
            c.agent().passTtl("service:web", "ok now");
        }
        assertThat(consul.requests.get(0).body()).contains("\"Status\":\"critical\"")
                .contains("\"Output\":\"unhealthy\"");
        assertThat(consul.requests.get(1).path()).isEqualTo("/v1/agent/check/pass/service:web");
        assertThat(consul.requests.get(1).query()).isEqualTo("note=ok%20now");
    }

    @Test
    void agentMembershipCalls_useConsulsPaths() {
        consul.on("/v1/agent/", new FakeConsul.Answer(200, Map.of(), ""));
        try (ConsulClient c = client(consul.address()).build()) {
            c.agent().join("10.0.0.2:8301", false);
            c.agent().forceLeave("n36");
            c.agent().deregisterCheck("service:web");
            c.agent().leave();
        }
        assertThat(consul.requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "PUT /v1/agent/join/10.0.0.2:8301", "PUT /v1/agent/force-leave/n36",
                "PUT /v1/agent/check/deregister/service:web", "PUT /v1/agent/leave");
    }
}
