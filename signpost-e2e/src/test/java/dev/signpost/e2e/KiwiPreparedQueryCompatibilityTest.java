package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.agent.FullService;
import org.kiwiproject.consul.model.query.ImmutablePreparedQuery;
import org.kiwiproject.consul.model.query.ImmutableServiceQuery;
import org.kiwiproject.consul.model.query.QueryResults;
import org.kiwiproject.consul.model.query.StoredQuery;
import org.kiwiproject.consul.option.Options;

import com.google.common.net.HostAndPort;

import dev.signpost.testing.AgentProcess;

/** {@code org.kiwiproject:consul-client}'s PreparedQueryClient and AgentClient.getService against the jar. */
class KiwiPreparedQueryCompatibilityTest {
    @TempDir
    static Path work;
    static AgentProcess agent;
    static Consul consul;

    @BeforeAll
    static void start() {
        agent = AgentProcess.dev(work, "kiwi");
        consul = Consul.builder().withHostAndPort(HostAndPort.fromParts(agent.address(), agent.httpPort())).build();
        Http.put(agent.uri("/v1/agent/service/register"), "{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":8080,"
                + "\"Tags\":[\"v1\"]}");
    }

    @AfterAll
    static void stop() {
        if (consul != null) {
            consul.destroy();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void createListReadExecuteAndDelete_throughKiwisClient() {
        String id = consul.preparedQueryClient().createPreparedQuery(ImmutablePreparedQuery.builder().name("web-q")
                .service(ImmutableServiceQuery.builder().service("web").onlyPassing(true).tags(List.of("v1")).build())
                .build());
        StoredQuery stored = consul.preparedQueryClient().getPreparedQuery(id).orElseThrow();
        assertThat(stored.getName()).isEqualTo("web-q");
        assertThat(stored.getService().getService()).isEqualTo("web");
        assertThat(consul.preparedQueryClient().getPreparedQueries()).extracting(StoredQuery::getId).contains(id);

        QueryResults results = consul.preparedQueryClient().execute("web-q");
        assertThat(results.service()).isEqualTo("web");
        assertThat(results.nodes()).extracting(n -> n.getService().getId()).containsExactly("web-1");

        consul.preparedQueryClient().deletePreparedQuery(id);
        // Consul answers a deleted query's ID with 404 "Query not found", which this client raises.
        assertThatThrownBy(() -> consul.preparedQueryClient().getPreparedQuery(id))
                .hasMessageContaining("404").hasMessageContaining("Query not found");
    }

    @Test
    void agentGetService_readsTheServiceAndItsContentHash() throws Exception {
        ConsulResponse<FullService> response = consul.agentClient().getService("web-1", Options.BLANK_QUERY_OPTIONS);
        assertThat(response.getResponse().getId()).isEqualTo("web-1");
        assertThat(response.getResponse().getService()).isEqualTo("web");
        assertThat(response.getResponse().getContentHash()).isNotBlank();
    }
}
