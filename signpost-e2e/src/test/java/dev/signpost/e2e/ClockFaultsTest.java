package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Wall-clock steps on servers while a session with a TTL holds a lock: every server runs under libfaketime, its
 * offset read from a file the test rewrites (monotonic time is left alone, as a real clock step leaves it). A step
 * forwards or backwards on the leader or a follower neither expires the session nor fails a node, a lock delay still
 * holds, and the session still expires once nobody renews it.
 */
class ClockFaultsTest {
    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    @TempDir
    Path work;
    private FaultCluster cluster;
    private final AtomicBoolean renewing = new AtomicBoolean(true);
    private Thread renewer;

    @AfterEach
    void stopEverything() throws InterruptedException {
        renewing.set(false);
        if (renewer != null) {
            renewer.join(10_000);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clockSteps_neitherExpireALiveSessionNorShortenALockDelay() throws Exception {
        if (!Files.isReadable(LIBFAKETIME)) {
            Tools.unavailable("libfaketime is not installed (apt-get install libfaketime)",
                    "under CI=true every tool is required");
        }
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            step(host, "+0");
        }
        cluster = new FaultCluster(work, host -> Map.of("LD_PRELOAD", LIBFAKETIME.toString(),
                "FAKETIME_TIMESTAMP_FILE", offsetFile(host).toString(), "FAKETIME_CACHE_DURATION", "1",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1"));
        cluster.start();
        int leader = cluster.leader().orElseThrow();
        int follower = leader % 3 + 1;
        String session = Http.json(Http.put(cluster.agent(leader).uri("/v1/session/create"),
                "{\"Name\":\"clock\",\"TTL\":\"10s\",\"LockDelay\":\"15s\"}")).get("ID").asText();
        assertThat(Http.put(cluster.agent(leader).uri("/v1/kv/clock/lock?acquire=" + session), "me").body())
                .isEqualTo("true");
        renewer = Thread.ofPlatform().name("renewer").start(() -> renew(follower, session));

        step(leader, "+1h");
        Thread.sleep(6_000); // several rounds of the leader's session reaper and node health checks
        assertAlive(session);
        step(leader, "-1h");
        step(follower, "+1h"); // the renewals go through this one: its stamps must not move either
        Thread.sleep(6_000);
        assertAlive(session);
        step(leader, "+0");

        renewing.set(false);
        renewer.join(10_000);
        // Consul invalidates a session once twice its TTL has passed without a renewal.
        await().atMost(Duration.ofSeconds(45)).until(() ->
                Http.json(Http.get(cluster.agent(leader).uri("/v1/session/info/" + session))).isEmpty());
        String other = Http.json(Http.put(cluster.agent(follower).uri("/v1/session/create"),
                "{\"Name\":\"next\"}")).get("ID").asText();
        assertThat(Http.put(cluster.agent(follower).uri("/v1/kv/clock/lock?acquire=" + other), "next").body())
                .as("the lock delay holds although this server's clock is an hour ahead").isEqualTo("false");
    }

    private void assertAlive(String session) {
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            JsonNode info = Http.json(Http.get(cluster.agent(host).uri("/v1/session/info/" + session + "?stale")));
            assertThat(info).as("session on host " + host).hasSize(1);
        }
        int leader = cluster.leader().orElseThrow();
        assertThat(Http.json(Http.get(cluster.agent(leader).uri("/v1/kv/clock/lock"))).get(0).path("Session").asText())
                .isEqualTo(session);
        assertThat(Http.json(Http.get(cluster.agent(leader).uri("/v1/health/state/critical")))).as("critical checks")
                .isEmpty();
    }

    private void renew(int host, String session) {
        while (renewing.get()) {
            try {
                Http.put(cluster.agent(host).uri("/v1/session/renew/" + session), "");
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a renewal lost to a busy moment: the next one comes in two seconds
            }
        }
    }

    /** Sets host HOST's clock offset, as libfaketime reads it: "+1h", "-1h", "+0". */
    private void step(int host, String offset) throws IOException {
        Files.writeString(offsetFile(host), offset + "\n");
    }

    private Path offsetFile(int host) {
        return work.resolve("clock-" + host);
    }
}
