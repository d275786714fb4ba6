package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.raft.RaftRegistry;
import dev.signpost.raft.RaftRegistry.Peer;

/** Which voters a server starts its Raft replica with, from what the other members report. */
class ClusterFormationTest {
    private final List<List<Peer>> started = new ArrayList<>();

    private static MemberInfo server(String name, int n, int expect, List<Peer> voters) {
        return new MemberInfo(name, "id-" + name, "127.0.0." + n, 8301, 8300, "consul", "dc1", expect,
                !voters.isEmpty(), voters, "", false);
    }

    private static Peer peer(String name, int n) {
        return new Peer(name, "127.0.0." + n + ":8300");
    }

    private Cluster cluster(MemberInfo self, MemberInfo... others) {
        Members members = new Members(Clock.systemUTC(), Duration.ofSeconds(10), self);
        for (MemberInfo other : others) {
            members.heard(other);
        }
        Cluster.RaftStarter starter = voters -> {
            started.add(voters);
            throw new IOException("not started in this test");
        };
        return new Cluster(members, new DeferredRegistry(), starter, List.of(), Clock.systemUTC(), Duration.ofSeconds(30),
                0, address -> { });
    }

    @Test
    void aServerBackFromItsRaftData_rejoinsTheOtherVotersOnItsOwnLanPort() {
        List<Peer> voters = List.of(peer("s1", 1), peer("s2", 2), new Peer("s3", "[::1]:8300"));
        assertThat(Cluster.rejoinTargets(voters, "s1", 18301)).containsExactly("127.0.0.2:18301", "[::1]:18301");
        assertThat(Cluster.rejoinTargets(List.of(peer("s1", 1)), "s1", 8301)).isEmpty();
    }

    @Test
    void aFailedJoin_isRetriedSoonFirst_thenEveryRetryInterval() {
        Cluster cluster = cluster(server("s1", 1, 3, List.of()));
        assertThat(cluster.retryDelay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(cluster.retryDelay(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(cluster.retryDelay(8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(cluster.retryDelay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBootstrapServerThatHearsOfTheGroupLate_startsWithTheGroupsVoters_notOnlyThoseThatHaveStarted() {
        // s2 bootstrapped with all three; s3 has not started its replica yet. s1 must not form [s1, s2].
        List<Peer> bootstrap = List.of(peer("s1", 1), peer("s2", 2), peer("s3", 3));
        cluster(server("s1", 1, 3, List.of()), server("s2", 2, 3, bootstrap), server("s3", 3, 3, List.of()))
                .formOrJoin();
        assertThat(started).containsExactly(bootstrap);
    }

    @Test
    void aNewServer_startsWithTheGroupsVotersAndItself_thenAsksToBeAdded() {
        List<Peer> group = List.of(peer("s1", 1), peer("s2", 2), peer("s3", 3));
        cluster(server("s4", 4, 0, List.of()), server("s1", 1, 3, group)).formOrJoin();
        assertThat(started).containsExactly(List.of(peer("s1", 1), peer("s2", 2), peer("s3", 3), peer("s4", 4)));
    }

    @Test
    void aGroupWhoseVotersAreNotKnownYet_isWaitedFor() {
        MemberInfo withDataOnly = new MemberInfo("s2", "id-s2", "127.0.0.2", 8301, 8300, "consul", "dc1", 3, true,
                List.of(), "", false);
        cluster(server("s1", 1, 3, List.of()), withDataOnly, server("s3", 3, 3, List.of())).formOrJoin();
        assertThat(started).isEmpty();
    }

    @Test
    void theExpectedServers_bootstrapWithAllOfThem() {
        cluster(server("s1", 1, 3, List.of()), server("s2", 2, 3, List.of()), server("s3", 3, 3, List.of()))
                .formOrJoin();
        assertThat(started).containsExactly(List.of(peer("s1", 1), peer("s2", 2), peer("s3", 3)));
    }
}
