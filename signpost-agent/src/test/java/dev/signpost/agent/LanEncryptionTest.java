package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.signpost.raft.RaftAdmin;
import dev.signpost.testing.Ports;

/** Two LAN ports on loopback: what passes between agents with the same key, another key, or none. */
class LanEncryptionTest {
    private static final MemberInfo ME = new MemberInfo("n1", "id-n1", "127.0.0.1", 8301, 8300, "consul", "dc1", 0,
            false, List.of(), "", false);
    private final List<Lan> started = new ArrayList<>();

    /** Answers every hello with the one member it was sent. */
    private static final class Echo implements Lan.Handler {
        @Override
        public List<MemberInfo> hello(MemberInfo from, List<MemberInfo> known) {
            return List.of(from);
        }

        @Override
        public void leave(MemberInfo from) {
        }

        @Override
        public void addVoter(MemberInfo server) {
        }

        @Override
        public void addListener(MemberInfo client) {
        }

        @Override
        public RaftAdmin.Configuration raftConfiguration() {
            throw new IllegalStateException("none");
        }

        @Override
        public Lan.KeyringAnswer keyring(Lan.KeyringCall call) {
            return new Lan.KeyringAnswer("n2", List.of(), "");
        }
    }

    private static GossipSecurity security(String key, boolean verifyIncoming, boolean verifyOutgoing)
            throws IOException {
        Optional<GossipKeyring> ring = key.isEmpty() ? Optional.empty()
                : GossipKeyring.open(Optional.of(key), Optional.empty(), w -> { });
        return new GossipSecurity(ring, verifyIncoming, verifyOutgoing, new GossipCipher(new SecureRandom()));
    }

    private Lan lan(GossipSecurity security) throws IOException {
        Lan lan = Lan.start(new InetSocketAddress("127.0.0.1", Ports.free()), new Echo(), Duration.ofSeconds(2),
                security, Optional.empty());
        started.add(lan);
        return lan;
    }

    @AfterEach
    void stop() {
        started.forEach(Lan::close);
    }

    private static String at(Lan lan) {
        return "127.0.0.1:" + lan.port();
    }

    @Test
    void sameKey_talks() throws Exception {
        Lan server = lan(security(GossipKeyringTest.K1, true, true));
        Lan client = lan(security(GossipKeyringTest.K1, true, true));

        assertThat(client.hello(at(server), ME, List.of())).extracting(MemberInfo::name).containsExactly("n1");
    }

    @Test
    void anotherKey_isRefused_andTheSenderIsToldWhatToDo() throws Exception {
        Lan server = lan(security(GossipKeyringTest.K1, true, true));
        Lan client = lan(security(GossipKeyringTest.K2, true, true));

        assertThatThrownBy(() -> client.hello(at(server), ME, List.of()))
                .isInstanceOf(Lan.GossipRefusedException.class)
                .hasMessage(at(server) + " refused our message: no key installed there decrypts it, so this agent "
                        + "holds another gossip key; start it with the cluster's key (-encrypt), or install that key "
                        + "with consul keyring -install");
    }

    @Test
    void noKey_isRefusedByAnEncryptingAgent_andAKeylessAgentRefusesEncryptedMessages() throws Exception {
        Lan encrypting = lan(security(GossipKeyringTest.K1, true, true));
        Lan plain = lan(security("", true, true));

        assertThatThrownBy(() -> plain.hello(at(encrypting), ME, List.of()))
                .isInstanceOf(Lan.GossipRefusedException.class)
                .hasMessageContaining("refused our message: it requires gossip encryption and this agent has no key");
        assertThatThrownBy(() -> encrypting.hello(at(plain), ME, List.of()))
                .isInstanceOf(Lan.GossipRefusedException.class)
                .hasMessageContaining("refused our message: it has no gossip key and this agent encrypts");
    }

    @Test
    void verifyIncomingOff_letsPlainMessagesIn_duringARollout() throws Exception {
        Lan rolling = lan(security(GossipKeyringTest.K1, false, false));
        Lan plain = lan(security("", true, true));
        Lan encrypting = lan(security(GossipKeyringTest.K1, true, true));

        assertThat(plain.hello(at(rolling), ME, List.of())).hasSize(1);
        assertThat(encrypting.hello(at(rolling), ME, List.of())).hasSize(1);
        assertThatThrownBy(() -> rolling.hello(at(encrypting), ME, List.of())).as("verify_outgoing off sends plain")
                .isInstanceOf(Lan.GossipRefusedException.class);
    }

    @Test
    void afterRotation_aSenderStillOnTheOldPrimary_isUnderstoodAndAnsweredInItsKey() throws Exception {
        GossipSecurity rotated = security(GossipKeyringTest.K1, true, true);
        rotated.keyring().orElseThrow().install(GossipKeyringTest.K2);
        rotated.keyring().orElseThrow().use(GossipKeyringTest.K2);
        Lan server = lan(rotated);
        Lan old = lan(security(GossipKeyringTest.K1, true, true));

        assertThat(old.hello(at(server), ME, List.of())).hasSize(1);
    }
}
