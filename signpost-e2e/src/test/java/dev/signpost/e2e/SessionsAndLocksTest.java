package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.HostAndPort;

import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.SessionClient;
import org.kiwiproject.consul.model.session.ImmutableSession;

import dev.signpost.testing.AgentProcess;

/**
 * Sessions, locks and transactions against the real agent (a plain {@code -dev} one, without script
 * checks): TTL expiry releasing a lock for real, a leader election between two clients of a third-party
 * Consul library, {@code /v1/txn} and events.
 */
class SessionsAndLocksTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void start() {
        agent = AgentProcess.dev(work, "locks");
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static String createSession(String body) {
        HttpResponse<String> r = Http.put(agent.uri("/v1/session/create"), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("ID").asText();
    }

    private static JsonNode key(String key) {
        return Http.json(Http.get(agent.uri("/v1/kv/" + key))).get(0);
    }

    @Test
    void sessionJson_hasConsulsFieldsAndDefaults() {
        String id = createSession("{\"Name\":\"web-lock\"}");
        JsonNode info = Http.json(Http.get(agent.uri("/v1/session/info/" + id))).get(0);
        assertThat(info.get("ID").asText()).isEqualTo(id);
        assertThat(info.get("Node").asText()).isEqualTo("locks");
        assertThat(info.get("LockDelay").asLong()).isEqualTo(15_000_000_000L);
        assertThat(info.get("Behavior").asText()).isEqualTo("release");
        assertThat(info.get("NodeChecks").toString()).isEqualTo("[\"serfHealth\"]");
        assertThat(Http.json(Http.get(agent.uri("/v1/session/node/locks"))).toString()).contains(id);
        assertThat(Http.json(Http.get(agent.uri("/v1/session/list"))).toString()).contains(id);
        assertThat(Http.put(agent.uri("/v1/session/create"), "{\"TTL\":\"5s\"}").statusCode()).isEqualTo(400);
        assertThat(Http.put(agent.uri("/v1/session/renew/nope"), "").statusCode()).isEqualTo(404);
        assertThat(Http.put(agent.uri("/v1/session/destroy/" + id), "").body()).isEqualTo("true");
        assertThat(Http.json(Http.get(agent.uri("/v1/session/info/" + id)))).isEmpty();
    }

    @Test
    void ttlLapse_invalidatesTheSession_andReleasesItsLock() {
        String id = createSession("{\"TTL\":\"10s\",\"LockDelay\":\"0s\"}");
        assertThat(Http.put(agent.uri("/v1/kv/expiring/lock?acquire=" + id), "me").body()).isEqualTo("true");
        assertThat(key("expiring/lock").get("Session").asText()).isEqualTo(id);
        assertThat(key("expiring/lock").get("LockIndex").asLong()).isEqualTo(1);
        JsonNode renewed = Http.json(Http.put(agent.uri("/v1/session/renew/" + id), "")).get(0);
        assertThat(renewed.get("TTL").asText()).isEqualTo("10s");

        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Http.json(Http.get(agent.uri("/v1/session/info/" + id)))).isEmpty());
        assertThat(key("expiring/lock").has("Session")).isFalse();
        assertThat(Base64.getDecoder().decode(key("expiring/lock").get("Value").asText())).isEqualTo("me".getBytes());
    }

    @Test
    void aBoundCheckGoingCritical_invalidatesTheSession_andReleasesItsLock() {
        assertThat(Http.put(agent.uri("/v1/agent/check/register"),
                "{\"Name\":\"guard\",\"TTL\":\"10m\",\"Status\":\"passing\"}").statusCode()).isEqualTo(200);
        String id = createSession("{\"Checks\":[\"serfHealth\",\"guard\"],\"LockDelay\":\"0s\"}");
        assertThat(Http.put(agent.uri("/v1/kv/guarded?acquire=" + id), "me").body()).isEqualTo("true");

        assertThat(Http.put(agent.uri("/v1/agent/check/fail/guard"), "").statusCode()).isEqualTo(200);

        assertThat(Http.json(Http.get(agent.uri("/v1/session/info/" + id)))).isEmpty();
        assertThat(key("guarded").has("Session")).isFalse();
        HttpResponse<String> refused = Http.put(agent.uri("/v1/session/create"), "{\"Checks\":[\"guard\"]}");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).isEqualTo("Check 'guard' is in critical state");
    }

    @Test
    void lockDelay_keepsAReleasedLockFromOthers_forItsDuration() {
        String first = createSession("{\"LockDelay\":\"2s\"}");
        String second = createSession("{\"LockDelay\":\"0s\"}");
        assertThat(Http.put(agent.uri("/v1/kv/delayed?acquire=" + first), "1").body()).isEqualTo("true");
        Http.put(agent.uri("/v1/session/destroy/" + first), "");

        assertThat(Http.put(agent.uri("/v1/kv/delayed?acquire=" + second), "2").body()).isEqualTo("false");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                Http.put(agent.uri("/v1/kv/delayed?acquire=" + second), "2").body().equals("true"));
        assertThat(key("delayed").get("LockIndex").asLong()).isEqualTo(2);
    }

    @Test
    void acquireWithAnUnknownSession_is500() {
        HttpResponse<String> r = Http.put(agent.uri("/v1/kv/x?acquire=00000000-0000-0000-0000-000000000000"), "v");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("invalid session");
    }

    @Test
    void leaderElection_withTwoKiwiClients_isMutuallyExclusive() throws Exception {
        String key = "service/election/leader";
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger maxLeaders = new AtomicInteger();
        ConcurrentLinkedQueue<String> elected = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger contested = new AtomicInteger();
        CountDownLatch twoTerms = new CountDownLatch(2);
        List<Thread> candidates = new java.util.ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            candidates.add(Thread.ofPlatform().name("candidate-" + name).start(() -> {
                Consul consul = Consul.builder()
                        .withHostAndPort(HostAndPort.fromParts(agent.address(), agent.httpPort())).build();
                SessionClient sessions = consul.sessionClient();
                KeyValueClient kv = consul.keyValueClient();
                String session = sessions.createSession(ImmutableSession.builder().name(name).lockDelay("0s")
                        .build()).getId();
                try {
                    while (!stop.get()) {
                        if (!kv.acquireLock(key, name, session)) {
                            contested.incrementAndGet();
                            continue;
                        }
                        maxLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                        elected.add(name);
                        // Lead until the other candidate has tried, and failed, five times meanwhile.
                        int seen = contested.get();
                        await().atMost(Duration.ofSeconds(10)).until(() -> stop.get() || contested.get() >= seen + 5);
                        leaders.decrementAndGet();
                        kv.releaseLock(key, session);
                        twoTerms.countDown();
                        await().atMost(Duration.ofSeconds(10)).until(() -> stop.get()
                                || kv.getSession(key).isPresent() || twoTerms.getCount() == 0);
                    }
                } finally {
                    sessions.destroySession(session);
                    consul.destroy();
                }
            }));
        }
        assertThat(twoTerms.await(30, TimeUnit.SECONDS)).as("both candidates led in turn").isTrue();
        stop.set(true);
        for (Thread t : candidates) {
            t.join(15_000);
        }
        assertThat(maxLeaders.get()).as("leaders at the same time").isEqualTo(1);
        assertThat(elected).contains("alpha", "beta");
    }

    @Test
    void txn_isAtomic_andReportsTheFailingOp() {
        String ok = "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"txn/a\",\"Value\":\"" + b64("1") + "\"}},"
                + "{\"KV\":{\"Verb\":\"set\",\"Key\":\"txn/b\",\"Value\":\"" + b64("2") + "\"}},"
                + "{\"KV\":{\"Verb\":\"get\",\"Key\":\"txn/a\"}}]";
        HttpResponse<String> r = Http.put(agent.uri("/v1/txn"), ok);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = Http.json(r).get("Results");
        assertThat(results).hasSize(3);
        assertThat(results.get(2).at("/KV/Value").asText()).isEqualTo(b64("1"));

        String failing = "[{\"KV\":{\"Verb\":\"delete\",\"Key\":\"txn/a\"}},"
                + "{\"KV\":{\"Verb\":\"check-not-exists\",\"Key\":\"txn/b\"}}]";
        HttpResponse<String> conflict = Http.put(agent.uri("/v1/txn"), failing);
        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode error = Http.json(conflict).get("Errors").get(0);
        assertThat(error.get("OpIndex").asInt()).isEqualTo(1);
        assertThat(error.get("What").asText()).isEqualTo("key \"txn/b\" exists");
        assertThat(Http.get(agent.uri("/v1/kv/txn/a")).statusCode()).as("rolled back").isEqualTo(200);

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 129; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"KV\":{\"Verb\":\"get\",\"Key\":\"k").append(i).append("\"}}");
        }
        assertThat(Http.put(agent.uri("/v1/txn"), tooMany.append("]").toString()).statusCode()).isEqualTo(413);
    }

    @Test
    void events_areFiredAndListed() {
        HttpResponse<String> fired = Http.put(agent.uri("/v1/event/fire/deploy?service=web"), "v42");
        assertThat(fired.statusCode()).isEqualTo(200);
        String id = Http.json(fired).get("ID").asText();
        HttpResponse<String> list = Http.get(agent.uri("/v1/event/list?name=deploy"));
        JsonNode event = Http.json(list).get(0);
        assertThat(event.get("ID").asText()).isEqualTo(id);
        assertThat(event.get("ServiceFilter").asText()).isEqualTo("web");
        assertThat(event.get("Payload").asText()).isEqualTo(b64("v42"));
        assertThat(list.headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void scriptChecks_areRefused_byAnAgentWithoutTheFlag() {
        HttpResponse<String> r = Http.put(agent.uri("/v1/agent/check/register"),
                "{\"Name\":\"s\",\"Args\":[\"true\"],\"Interval\":\"1s\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Scripts are disabled on this agent");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }
}
