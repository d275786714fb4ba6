package dev.signpost.raft;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;
import dev.signpost.core.state.CatalogState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The log format of the session, lock and transaction commands: what goes in comes back equal. */
class CommandCodecTest {
    private final CommandCodec codec = new CommandCodec();

    private Command roundTrip(Command command) {
        return codec.decode(codec.encode(command), 1);
    }

    @Test
    void sessionAndLockCommands_roundTrip() {
        Session session = new Session("id-1", "lock", "n1", List.of("serfHealth"), List.of("svc"), 15_000,
                Session.Behavior.DELETE, "10s", 123_456, 0, 0);
        for (Command c : List.of(new SessionCreate(session), new SessionDestroy("id-1", 99),
                new SessionRenew("id-1", 1_000), new KvLock("k", "v".getBytes(StandardCharsets.UTF_8), 3, "id-1", true, 7))) {
            assertThat(roundTrip(c)).isEqualTo(c);
        }
        assertThat(new String(codec.encode(new SessionDestroy("x", 1)), StandardCharsets.UTF_8))
                .contains("\"tag\":\"session-destroy\"");
    }

    @Test
    void tombstoneReap_roundTrips_withItsTag() {
        Command reap = new dev.signpost.core.command.KvReapTombstones(1234);
        assertThat(roundTrip(reap)).isEqualTo(reap);
        assertThat(new String(codec.encode(reap), StandardCharsets.UTF_8)).contains("\"tag\":\"kv-reap-tombstones\"");
    }

    @Test
    void txn_withEveryKindOfOp_roundTrips() {
        Node node = Node.of("", "n1", "10.0.0.1", "dc1");
        Txn txn = new Txn(List.of(new TxnOp.KvOp("cas", "k", new byte[] {1, 2}, 0, 5, ""), new TxnOp.NodeOp("set", node),
                new TxnOp.ServiceOp("set", "n1", Service.of("web-1", "web", "", 80, List.of("a"))),
                new TxnOp.CheckOp("delete", Check.serfHealth("n1", HealthStatus.PASSING))), 42);
        assertThat(roundTrip(txn)).isEqualTo(txn);
    }

    @Test
    void snapshot_withSessions_roundTrips() throws Exception {
        CatalogState state = new CatalogState();
        state.apply(dev.signpost.core.command.Register.node(Node.of("", "n1", "10.0.0.1", "dc1")), 1);
        state.apply(new SessionCreate(new Session("s", "", "n1", List.of(), List.of(), 0, Session.Behavior.RELEASE, "",
                0, 0, 0)), 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        assertThat(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray()))).isEqualTo(state.snapshot());
    }

    @Test
    void anOldSnapshotWithoutSessions_stillLoads() throws Exception {
        byte[] old = "{\"lastIndex\":3,\"nodes\":[],\"kv\":[],\"kvTombstones\":{},\"indexes\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.readSnapshot(new java.io.ByteArrayInputStream(old)).sessions()).isEmpty();
    }

    @Test
    void unknownTag_failsHard() {
        assertThatIllegalStateException().isThrownBy(() -> codec.decode("{\"tag\":\"nope\"}".getBytes(StandardCharsets.UTF_8), 7))
                .withMessageContaining("unknown command tag nope at index 7");
    }
}
