package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.NoLeaderException;
import dev.signpost.http.ApiException;
import dev.signpost.http.ClusterOperator;
import dev.signpost.raft.RaftConfig;
import dev.signpost.raft.RaftRegistry;
import dev.signpost.testing.FakeClock;

class AgentOperatorTest {
    @TempDir
    Path dataDir;
    private final DeferredRegistry registry = new DeferredRegistry();
    private final Members members = new Members(new FakeClock(), Duration.ofSeconds(10), new MemberInfo("n1",
            "0b1d0c5e-1111-2222-3333-444455556666", "127.0.0.1", 8301, 8300, "consul", "dc1", 0, true, List.of(),
            "", false));
    private final AgentOperator operator = new AgentOperator(registry, members, "0.1.0", Clock.systemUTC(),
            lan -> {
                throw new IOException("no other server in this test");
            });
    private RaftRegistry raft;

    @BeforeEach
    void startOneServer() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        raft = RaftRegistry.startSingle(new RaftConfig("n1", dataDir, "127.0.0.1", "127.0.0.1", port, "dc1",
                Duration.ofMillis(150), Duration.ofSeconds(30), 1000, Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> raft.cluster().isLeader());
    }

    @AfterEach
    void stop() throws IOException {
        raft.close();
    }

    @Test
    void withoutARaftGroup_everyCallIsNoClusterLeader() {
        assertThatThrownBy(() -> operator.configuration(true)).isInstanceOf(NoLeaderException.class);
        assertThat(operator.raftStats()).isEmpty();
    }

    @Test
    void configuration_namesServersByNodeIdAndNodeName() {
        registry.set(raft);

        ClusterOperator.RaftConfiguration conf = operator.configuration(false);

        assertThat(conf.servers()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("0b1d0c5e-1111-2222-3333-444455556666");
            assertThat(s.node()).isEqualTo("n1");
            assertThat(s.leader()).isTrue();
        });
        assertThat(operator.raftStats()).containsEntry("state", "Leader").containsEntry("num_peers", "0")
                .containsEntry("last_contact", "0");
    }

    @Test
    void removingAnUnknownPeer_isConsuls500() {
        registry.set(raft);

        assertThatThrownBy(() -> operator.removePeer("10.0.0.9:8300", true)).isInstanceOf(ApiException.class)
                .hasMessage("address \"10.0.0.9:8300\" was not found in the Raft configuration");
        assertThatThrownBy(() -> operator.removePeer("ghost", false))
                .hasMessage("id \"ghost\" was not found in the Raft configuration");
    }

    @Test
    void transferringLeadership_needsAnotherVoter() {
        registry.set(raft);

        assertThatThrownBy(() -> operator.transferLeader("")).hasMessage("cannot find a voter to transfer leadership to");
        assertThatThrownBy(() -> operator.transferLeader("n1")).hasMessage("cannot transfer leadership to itself");
    }

    @Test
    void autopilotConfiguration_beforeTheLeaderWroteIt_isConsuls500() {
        registry.set(raft);

        assertThatThrownBy(() -> operator.autopilotConfiguration(true)).isInstanceOf(ApiException.class)
                .hasMessage("autopilot config not initialized yet");
    }

    @Test
    void theLeadersRound_writesTheInitialConfiguration_whichACheckAndSetThenReplaces() {
        registry.set(raft);

        operator.leaderRound();

        dev.signpost.core.model.AutopilotConfig written = operator.autopilotConfiguration(false);
        assertThat(written.minQuorum()).isZero();
        assertThat(written.cleanupDeadServers()).as("off until an operator turns it on: see docs/decisions.md").isFalse();
        dev.signpost.core.model.AutopilotConfig next = new dev.signpost.core.model.AutopilotConfig(false,
                written.lastContactThresholdNanos(), 10, 3, written.serverStabilizationTimeNanos(), "", false, "",
                0, 0);
        assertThat(operator.setAutopilotConfiguration(next, true, written.modifyIndex() + 1)).isFalse();
        assertThat(operator.setAutopilotConfiguration(next, true, written.modifyIndex())).isTrue();
        assertThat(operator.autopilotConfiguration(true).minQuorum()).isEqualTo(3);
        assertThat(operator.autopilotConfiguration(true).createIndex()).isEqualTo(written.createIndex());
    }

    @Test
    void autopilotState_ofASingleServer_isHealthyWithNoFailureTolerance() {
        registry.set(raft);
        operator.leaderRound();

        ClusterOperator.AutopilotState state = operator.autopilotState(false);

        assertThat(state.healthy()).isTrue();
        assertThat(state.failureTolerance()).isZero();
        assertThat(state.leader()).isEqualTo("0b1d0c5e-1111-2222-3333-444455556666");
        assertThat(state.servers()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("leader");
            assertThat(s.nodeStatus()).isEqualTo("alive");
        });
    }

    @Test
    void autopilotState_beforeTheFirstRound_judgesByTheConfigurationAboutToBeWritten() {
        registry.set(raft);

        assertThat(operator.autopilotState(true).healthy()).isTrue();
    }
}
