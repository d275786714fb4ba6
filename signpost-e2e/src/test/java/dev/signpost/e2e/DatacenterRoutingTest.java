package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.AgentProcess;

/** {@code ?dc=} and {@code ?peer=} against the real jar: one cluster, one datacenter, no peerings. */
class DatacenterRoutingTest {
    @TempDir
    static Path work;
    static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.dev(work, "dc-node");
        // A leader is named a moment before it serves default-mode reads.
        await().until(() -> Http.get(agent.uri("/v1/kv/?keys")).statusCode() == 200);
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void writesToAnUnknownDatacenter_are500NoPath_andChangeNothing() {
        HttpResponse<String> put = Http.put(agent.uri("/v1/kv/app/config?dc=dc9"), "x");
        assertThat(put.statusCode()).isEqualTo(500);
        assertThat(put.body()).isEqualTo("No path to datacenter");
        HttpResponse<String> get = Http.get(agent.uri("/v1/kv/app/config"));
        assertThat(get.statusCode()).as(get.body()).isEqualTo(404);
        assertThat(Http.put(agent.uri("/v1/kv/app/config?dc=dc1"), "x").body()).isEqualTo("true");
    }

    @Test
    void peerReads_answerEmpty_withIndexHeaders() {
        HttpResponse<String> r = Http.get(agent.uri("/v1/health/service/consul?peer=cluster-02"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
        assertThat(Http.index(r)).isPositive();
    }
}
