package dev.signpost.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.AclToken;
import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AutopilotSet;
import dev.signpost.core.command.Restore;
import dev.signpost.core.model.AutopilotConfig;

class AutopilotStateTest {
    private final CatalogState state = new CatalogState();

    private static AutopilotConfig withMinQuorum(int minQuorum) {
        AutopilotConfig d = AutopilotConfig.defaults();
        return new AutopilotConfig(d.cleanupDeadServers(), d.lastContactThresholdNanos(), d.maxTrailingLogs(),
                minQuorum, d.serverStabilizationTimeNanos(), "", false, "", 0, 0);
    }

    @Test
    void noConfiguration_untilALeaderWritesOne() {
        assertThat(state.autopilot()).isEmpty();
    }

    @Test
    void set_storesTheConfiguration_withItsCreateAndModifyIndex() {
        assertThat(state.apply(new AutopilotSet(AutopilotConfig.defaults(), false, 0), 3).result()).isTrue();
        assertThat(state.apply(new AutopilotSet(withMinQuorum(3), false, 0), 7).result()).isTrue();

        AutopilotConfig stored = state.autopilot().orElseThrow();
        assertThat(stored.minQuorum()).isEqualTo(3);
        assertThat(stored.createIndex()).isEqualTo(3);
        assertThat(stored.modifyIndex()).isEqualTo(7);
    }

    @Test
    void checkAndSet_appliesOnlyAtTheCurrentModifyIndex() {
        state.apply(new AutopilotSet(AutopilotConfig.defaults(), false, 0), 3);

        assertThat(state.apply(new AutopilotSet(withMinQuorum(5), true, 2), 4).result()).isFalse();
        assertThat(state.autopilot().orElseThrow().minQuorum()).isZero();
        assertThat(state.apply(new AutopilotSet(withMinQuorum(5), true, 3), 5).result()).isTrue();
        assertThat(state.autopilot().orElseThrow().minQuorum()).isEqualTo(5);
    }

    @Test
    void checkAndSet_withoutAConfiguration_fails_asConsulsStateStoreDoes() {
        assertThat(state.apply(new AutopilotSet(AutopilotConfig.defaults(), true, 0), 1).result()).isFalse();
        assertThat(state.autopilot()).isEmpty();
    }

    @Test
    void restore_bringsBackTheAutopilotConfigurationAndTheAclTokens() {
        state.apply(new AutopilotSet(withMinQuorum(2), false, 0), 1);
        state.apply(new AclBootstrap(new AclToken("a1", "s1", "boot", List.of(), List.of(), List.of(), List.of(),
                false, "2026-12-07T01:00:00Z", 0, 0)), 2);
        CatalogSnapshot saved = state.snapshot();
        CatalogState other = new CatalogState();
        other.apply(new AutopilotSet(withMinQuorum(9), false, 0), 1);

        other.apply(new Restore(saved), 2);

        assertThat(other.autopilot().orElseThrow().minQuorum()).isEqualTo(2);
        assertThat(other.acl().tokenBySecret("s1")).isPresent();
    }
}
