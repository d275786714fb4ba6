package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Telemetry;
import dev.signpost.testing.FakeClock;

class MembersTest {
    private final FakeClock clock = new FakeClock();

    private static MemberInfo member(String name, String address, String role) {
        return new MemberInfo(name, "id-" + name, address, 8301, 8300, role, "dc1", 0, false, List.of(), "", false);
    }

    private final Members members = new Members(clock, Duration.ofSeconds(10), member("n35", "127.0.0.1", "consul"));

    @Test
    void aMemberHeardFromRecently_isAlive_andFailsAfterTheTimeout() {
        members.heard(member("n36", "127.0.0.2", "consul"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(members.status("n36")).isEqualTo(Members.ALIVE);

        clock.advance(Duration.ofSeconds(2));
        assertThat(members.status("n36")).isEqualTo(Members.FAILED);

        members.heard(member("n36", "127.0.0.2", "consul"));
        assertThat(members.status("n36")).isEqualTo(Members.ALIVE);
    }

    @Test
    void secondHandNews_addsAnUnknownMember_butDoesNotKeepAKnownOneAlive() {
        members.learned(member("c1", "127.0.0.4", "node"));
        assertThat(members.status("c1")).isEqualTo(Members.ALIVE);

        clock.advance(Duration.ofSeconds(11));
        members.learned(member("c1", "127.0.0.4", "node"));
        assertThat(members.status("c1")).isEqualTo(Members.FAILED);
    }

    @Test
    void thisAgent_isAlwaysAlive_andLeavingIsRemembered() {
        clock.advance(Duration.ofHours(1));
        assertThat(members.status("n35")).isEqualTo(Members.ALIVE);

        members.heard(member("n36", "127.0.0.2", "consul"));
        members.left("n36");
        assertThat(members.status("n36")).isEqualTo(Members.LEFT);
        assertThat(members.others()).isEmpty();
    }

    @Test
    void aLeavingMembersHeartbeat_countsAsItsLeave_andTheLeaveMessageAfterItAsNothingMore() {
        Metrics metrics = Metrics.manual(new Telemetry("consul", Optional.empty(), Duration.ZERO), clock);
        members.meteredBy(metrics);
        MemberInfo n36 = member("n36", "127.0.0.2", "consul");
        members.heard(n36);
        members.heard(n36.withState(false, List.of(), "", true));
        assertThat(members.status("n36")).isEqualTo(Members.LEFT);
        members.left("n36");
        assertThat(metrics.prometheus("").body()).containsPattern("consul_serf_member_left(_total)? 1.0");
    }

    @Test
    void aliveServers_countsOnlyServersOfThisDatacenterThatAreAlive() {
        members.heard(member("n36", "127.0.0.2", "consul"));
        members.heard(member("c1", "127.0.0.4", "node"));
        members.heard(new MemberInfo("far", "id", "10.0.0.1", 8301, 8300, "consul", "dc2", 0, false, List.of(), "", false));
        assertThat(members.aliveServers()).extracting(MemberInfo::name).containsExactlyInAnyOrder("n35", "n36");

        clock.advance(Duration.ofSeconds(11));
        assertThat(members.aliveServers()).extracting(MemberInfo::name).containsExactly("n35");
    }

    @Test
    void unknownMember_isFailed() {
        assertThat(members.status("nobody")).isEqualTo(Members.FAILED);
        assertThat(members.get("nobody")).isEmpty();
    }

    @Test
    void forceLeave_marksAFailedMemberLeft_andPruneStopsListingIt() {
        members.heard(member("n36", "127.0.0.2", "consul"));
        members.heard(member("n37", "127.0.0.3", "consul"));
        clock.advance(Duration.ofSeconds(11));

        assertThat(members.forceLeave("n36", false)).isTrue();
        assertThat(members.forceLeave("n37", true)).isTrue();
        assertThat(members.forceLeave("ghost", false)).isFalse();

        assertThat(members.status("n36")).isEqualTo(Members.LEFT);
        assertThat(members.status("n37")).isEqualTo(Members.LEFT);
        assertThat(members.listed()).extracting(MemberInfo::name).containsExactly("n35", "n36");
        assertThat(members.all()).extracting(MemberInfo::name).contains("n37"); // still gossiped as left
    }

    @Test
    void aServerForcedOutThatStartsAgain_staysAlive_thoughOthersStillGossipItsOldRunAsLeft() {
        MemberInfo firstRun = member("n36", "127.0.0.2", "consul").asIncarnation(1_000);
        members.heard(firstRun);
        members.forceLeave("n36", false);
        assertThat(members.status("n36")).isEqualTo(Members.LEFT);

        members.heard(member("n36", "127.0.0.2", "consul").asIncarnation(2_000));
        members.learned(firstRun.withState(false, List.of(), "", true)); // a third member's stale view
        assertThat(members.status("n36")).isEqualTo(Members.ALIVE);

        members.learned(member("n36", "127.0.0.2", "consul").asIncarnation(2_000).withState(false, List.of(), "", true));
        assertThat(members.status("n36")).as("the new run's own leave counts").isEqualTo(Members.LEFT);
    }
}
