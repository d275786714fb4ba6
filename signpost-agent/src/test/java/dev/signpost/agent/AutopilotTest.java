package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.http.ClusterOperator.AutopilotServer;
import dev.signpost.http.ClusterOperator.AutopilotState;

class AutopilotTest {
    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
    private final Autopilot autopilot = new Autopilot();

    private static Autopilot.Peer leader(String name) {
        return new Autopilot.Peer("id-" + name, name, "127.0.0.1:8300", true, true, 1000, 0, "alive");
    }

    private static Autopilot.Peer follower(String name, long index, long contactMillis, String status) {
        return new Autopilot.Peer("id-" + name, name, "127.0.0.1:8300", true, false, index, contactMillis, status);
    }

    private static AutopilotConfig config(boolean cleanup, int minQuorum) {
        AutopilotConfig d = AutopilotConfig.defaults();
        return new AutopilotConfig(cleanup, d.lastContactThresholdNanos(), d.maxTrailingLogs(), minQuorum,
                d.serverStabilizationTimeNanos(), "", false, "", 1, 1);
    }

    private static AutopilotServer server(AutopilotState state, String name) {
        return state.servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void threeHealthyVoters_tolerateOneFailure_withTheLeaderFirstAmongTheVoters() {
        AutopilotState state = autopilot.observe(AutopilotConfig.defaults(), List.of(follower("s2", 999, 20, "alive"),
                leader("s1"), follower("s3", 1000, 50, "alive")), 4, "1.20.0", T0);

        assertThat(state.healthy()).isTrue();
        assertThat(state.failureTolerance()).isEqualTo(1);
        assertThat(state.optimisticFailureTolerance()).isEqualTo(1);
        assertThat(state.leader()).isEqualTo("id-s1");
        assertThat(state.voters()).first().isEqualTo("id-s1");
        assertThat(server(state, "s1").status()).isEqualTo("leader");
        assertThat(server(state, "s2").status()).isEqualTo("voter");
        assertThat(server(state, "s2").lastTerm()).isEqualTo(4);
    }

    @Test
    void aServer_outOfContactBeyondTheThreshold_trailingTooFar_orNotAlive_isUnhealthy() {
        AutopilotState state = autopilot.observe(AutopilotConfig.defaults(), List.of(leader("s1"),
                follower("late", 1000, 201, "alive"), follower("behind", 749, 0, "alive"),
                follower("failed", 1000, 0, "failed"), follower("ok", 750, 200, "alive")), 4, "1.20.0", T0);

        assertThat(server(state, "late").healthy()).isFalse();
        assertThat(server(state, "behind").healthy()).isFalse();
        assertThat(server(state, "failed").healthy()).isFalse();
        assertThat(server(state, "ok").healthy()).isTrue();
        assertThat(state.healthy()).isFalse();
        assertThat(state.failureTolerance()).isZero(); // 2 healthy voters of 5: below the quorum of 3
    }

    @Test
    void stableSince_movesOnlyWhenHealthChanges() {
        autopilot.observe(AutopilotConfig.defaults(), List.of(leader("s1"), follower("s2", 1000, 0, "alive")), 1,
                "v", T0);
        AutopilotState same = autopilot.observe(AutopilotConfig.defaults(), List.of(leader("s1"),
                follower("s2", 1000, 10, "alive")), 1, "v", T0.plusSeconds(5));
        AutopilotState changed = autopilot.observe(AutopilotConfig.defaults(), List.of(leader("s1"),
                follower("s2", 1000, 10, "failed")), 1, "v", T0.plusSeconds(9));

        assertThat(server(same, "s2").stableSince()).isEqualTo(T0);
        assertThat(server(changed, "s2").stableSince()).isEqualTo(T0.plusSeconds(9));
        assertThat(server(changed, "s1").stableSince()).isEqualTo(T0);
    }

    @Test
    void deadServerCleanup_removesAFailedVoter_whenTheQuorumAllows() {
        AutopilotState state = autopilot.observe(config(true, 0), List.of(leader("s1"),
                follower("s2", 1000, 0, "alive"), follower("s3", 900, 9000, "failed")), 1, "v", T0);

        assertThat(Autopilot.deadServersToRemove(config(true, 0), state)).containsExactly("s3");
    }

    @Test
    void deadServerCleanup_isOff_whenCleanupDeadServersIsFalse() {
        AutopilotState state = autopilot.observe(config(false, 0), List.of(leader("s1"),
                follower("s2", 1000, 0, "alive"), follower("s3", 900, 9000, "failed")), 1, "v", T0);

        assertThat(Autopilot.deadServersToRemove(config(false, 0), state)).isEmpty();
    }

    @Test
    void deadServerCleanup_neverLeavesFewerVotersThanMinQuorum() {
        AutopilotState state = autopilot.observe(config(true, 3), List.of(leader("s1"),
                follower("s2", 1000, 0, "alive"), follower("s3", 900, 9000, "failed")), 1, "v", T0);

        assertThat(Autopilot.deadServersToRemove(config(true, 3), state)).isEmpty();
    }

    @Test
    void deadServerCleanup_neverRemovesAMajorityAtOnce_norTheLeader() {
        AutopilotState state = autopilot.observe(config(true, 0), List.of(leader("s1"),
                follower("s2", 0, 9000, "failed"), follower("s3", 0, 9000, "failed")), 1, "v", T0);

        assertThat(Autopilot.deadServersToRemove(config(true, 0), state)).containsExactly("s2");
    }

    @Test
    void aFailedServer_stillInContact_isNotRemoved() {
        AutopilotState state = autopilot.observe(config(true, 0), List.of(leader("s1"),
                follower("s2", 1000, 0, "alive"), follower("s3", 1000, 10, "alive")), 1, "v", T0);

        assertThat(Autopilot.deadServersToRemove(config(true, 0), state)).isEmpty();
    }
}
