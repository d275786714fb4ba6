package dev.signpost.e2e;

import static dev.signpost.e2e.OperatorTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.e2e.OperatorTest.Run;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.Ports;

/** {@code signpost maint} and {@code signpost event} against a live agent: consul's texts and exit codes. */
class AgentActionsCliTest {
    @TempDir
    Path work;
    private AgentProcess agent;

    @BeforeEach
    void start() {
        agent = AgentProcess.dev(work, "m1");
        agent.awaitLeader(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void maint_enablesListsAndDisables_nodeAndServiceMaintenance() {
        assertThat(Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"web1\",\"Name\":\"web\",\"Port\":80}")
                .statusCode()).isEqualTo(200);
        String addr = agent.httpAddress();

        assertThat(cli("maint", "-http-addr", addr)).isEqualTo(new Run(0, "", ""));
        assertThat(cli("maint", "-enable", "-reason", "disk swap", "-http-addr", addr))
                .isEqualTo(new Run(0, "Node maintenance is now enabled\n", ""));
        assertThat(cli("maint", "-enable", "-service", "web1", "-http-addr", addr))
                .isEqualTo(new Run(0, "Service maintenance is now enabled for \"web1\"\n", ""));
        Run listed = cli("maint", "-http-addr", addr);
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains("Node:\n  Name:   m1\n  Reason: disk swap\n\n")
                .contains("Service:\n  ID:     web1\n  Reason: ");
        assertThat(cli("maint", "-disable", "-http-addr", addr))
                .isEqualTo(new Run(0, "Node maintenance is now disabled\n", ""));
        assertThat(cli("maint", "-disable", "-service", "web1", "-http-addr", addr))
                .isEqualTo(new Run(0, "Service maintenance is now disabled for \"web1\"\n", ""));
        assertThat(cli("maint", "-http-addr", addr)).isEqualTo(new Run(0, "", ""));

        assertThat(cli("maint", "-enable", "-disable", "-http-addr", addr))
                .isEqualTo(new Run(1, "", "Only one of -enable or -disable may be provided\n"));
        assertThat(cli("maint", "-reason", "x", "-http-addr", addr))
                .isEqualTo(new Run(1, "", "Reason may only be provided with -enable\n"));
        assertThat(cli("maint", "-service", "web1", "-http-addr", addr))
                .isEqualTo(new Run(1, "", "Service requires either -enable or -disable\n"));
        Run unknown = cli("maint", "-enable", "-service", "nope", "-http-addr", addr);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("Error enabling service maintenance: Unexpected response code: 404");
    }

    @Test
    void event_firesAnEvent_thatTheEventListShows() {
        Run fired = cli("event", "-name", "deploy", "-http-addr", agent.httpAddress(), "v42");
        assertThat(fired.err()).isEmpty();
        assertThat(fired.out()).matches("Event ID: [0-9a-f-]{36}\n");
        JsonNode events = Http.json(Http.get(agent.uri("/v1/event/list?name=deploy")));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("ID").asText()).isEqualTo(fired.out().substring("Event ID: ".length()).strip());

        assertThat(cli("event", "-http-addr", agent.httpAddress()))
                .isEqualTo(new Run(1, "", "Event name must be specified\n"));
        assertThat(cli("event", "-name", "x", "-tag", "v1", "-http-addr", agent.httpAddress()))
                .isEqualTo(new Run(1, "", "Cannot provide tag filter without service filter.\n"));
        assertThat(cli("event", "-name", "x", "-node", "(", "-http-addr", agent.httpAddress()).err())
                .startsWith("Failed to compile node filter regexp: ");
        int port = Ports.free();
        assertThat(cli("event", "-name", "x", "-http-addr", "127.0.0.1:" + port)).isEqualTo(new Run(1, "",
                "Error querying Consul agent: Get \"http://127.0.0.1:" + port + "/v1/agent/self\": dial tcp 127.0.0.1:"
                        + port + ": connect: connection refused\n"));
    }
}
