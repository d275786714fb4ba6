package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
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

    /**
     * Closing fails the calls still pending on the client, on Ratis' threads, and waits for them; their callbacks
     * come back to {@link LeaderClient#dropIfBuiltBefore}. A leader that accepts the connection and never answers
     * keeps the call pending. Closed under the client's lock, this never returned (an agent stopped while a write
     * was on its way to the leader did not exit).
     */
    @Test
    void closing_whileACallIsPending_returns_thoughTheCallsFailureComesBackHere() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            voters = List.of(Membership.voter(new Peer("n1", "127.0.0.1:" + silent.getLocalPort())));
            RaftClient through = client.get();
            long sent = System.nanoTime();
            CompletableFuture<?> call = through.async().send(Message.valueOf("x"))
                    .whenComplete((reply, failure) -> client.dropIfBuiltBefore(sent));
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepted.isEmpty());

            CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);

            closing.get(15, TimeUnit.SECONDS);
            assertThat(call).isCompletedExceptionally();
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
