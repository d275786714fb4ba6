package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signpost.raft.RaftRegistry.Peer;

/** When the client to the leader is kept, rebuilt and dropped; no server: a Ratis client connects on first call. */
class LeaderClientTest {
    private static final RaftConfig CONFIG = new RaftConfig("n1", Path.of("unused"), "127.0.0.1", "127.0.0.1", 1,
            "dc1", Duration.ofMillis(150), Duration.ofSeconds(5), 100, Duration.ofSeconds(30));

    private List<RaftPeer> voters = List.of(Membership.voter(new Peer("n1", "127.0.0.1:1")));
    private final LeaderClient client = new LeaderClient(RatisProperties.of(CONFIG), RatisProperties.parameters(CONFIG),
            RaftRegistry.groupId("dc1"), () -> voters, CONFIG.writeTimeout());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theSameVoters_keepTheSameClient() {
        assertThat(client.get()).isSameAs(client.get());
    }

    @Test
    void changedVoters_buildANewClient() {
        RaftClient first = client.get();
        voters = List.of(Membership.voter(new Peer("n1", "127.0.0.1:1")),
                Membership.voter(new Peer("n2", "127.0.0.2:1")));

        assertThat(client.get()).isNotSameAs(first);
    }

    /** Regression guard for 74023ae: the client a timed-out call went through goes, a newer one stays. */
    @Test
    void aCallThatTimedOut_dropsTheClientItWentThrough_butNotOneBuiltAfterIt() {
        RaftClient before = client.get();
        long sent = System.nanoTime();

        client.dropIfBuiltBefore(sent);
        RaftClient after = client.get();
        client.dropIfBuiltBefore(sent);

        assertThat(after).isNotSameAs(before);
        assertThat(client.get()).isSameAs(after);
    }
}
