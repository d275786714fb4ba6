package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;

/**
 * Wall-clock steps on a server while a session with a TTL holds a lock: the server runs under libfaketime, its offset
 * read from a file the test rewrites (monotonic time is left alone, as a real clock step leaves it). A step forwards
 * or backwards neither expires the session nor fails the node, a lock delay still holds, and the session still
 * expires once nobody renews it. One server, so that the leader is the one whose clock steps; libfaketime slows a
 * JVM down several times, three of them would not start in time on two cores.
 */
class ClockFaultsTest {
    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

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
    void clockSteps_neitherExpireALiveSessionNorShortenALockDelay() throws Exception {
        if (!Files.isReadable(LIBFAKETIME)) {
            Tools.unavailable("libfaketime is not installed (apt-get install libfaketime)",
                    "under CI=true every tool is required");
        }
        Path offset = work.resolve("clock-offset");
        step(offset, "+0");
        agent = AgentProcess.startWithoutLeader(work.resolve("agent.log"), List.of(), Map.of(
                "LD_PRELOAD", LIBFAKETIME.toString(), "FAKETIME_TIMESTAMP_FILE", offset.toString(),
                "FAKETIME_CACHE_DURATION", "1", "FAKETIME_DONT_FAKE_MONOTONIC", "1"),
                List.of("agent", "-server", "-bootstrap", "-node", "clock", "-bind", "127.0.0.1", "-client",
                        "127.0.0.1", "-data-dir", work.resolve("data").toString()), "127.0.0.1", AgentPorts.free());
        agent.awaitLeader(Duration.ofSeconds(120));
        String session = Http.json(Http.put(agent.uri("/v1/session/create"),
                "{\"Name\":\"clock\",\"TTL\":\"10s\",\"LockDelay\":\"15s\"}")).get("ID").asText();
        assertThat(Http.put(agent.uri("/v1/kv/clock/lock?acquire=" + session), "me").body()).isEqualTo("true");

        for (String step : new String[] {"+1h", "-1h", "+0"}) {
            step(offset, step);
            for (int i = 0; i < 4; i++) { // several rounds of the session reaper and the node's health check
                Thread.sleep(2_000);
                Http.put(agent.uri("/v1/session/renew/" + session), "");
            }
            JsonNode info = Http.json(Http.get(agent.uri("/v1/session/info/" + session)));
            assertThat(info).as("the session after a clock step of " + step).hasSize(1);
            assertThat(Http.json(Http.get(agent.uri("/v1/kv/clock/lock"))).get(0).path("Session").asText())
                    .as("the lock holder after a clock step of " + step).isEqualTo(session);
            assertThat(Http.json(Http.get(agent.uri("/v1/health/state/critical")))).as("critical checks after "
                    + step).isEmpty();
        }

        step(offset, "+1h");
        // Consul invalidates a session once twice its TTL has passed without a renewal.
        await().atMost(Duration.ofSeconds(45)).until(() ->
                Http.json(Http.get(agent.uri("/v1/session/info/" + session))).isEmpty());
        String next = Http.json(Http.put(agent.uri("/v1/session/create"), "{\"Name\":\"next\"}")).get("ID").asText();
        assertThat(Http.put(agent.uri("/v1/kv/clock/lock?acquire=" + next), "next").body())
                .as("the lock delay holds although the clock is an hour ahead").isEqualTo("false");
    }

    /** Sets the agent's clock offset, as libfaketime reads it: "+1h", "-1h", "+0". */
    private static void step(Path offset, String value) throws IOException {
        Files.writeString(offset, value + "\n");
    }
}
