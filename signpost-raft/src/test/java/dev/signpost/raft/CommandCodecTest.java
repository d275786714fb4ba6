package dev.signpost.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.acl.AclPolicy;
import dev.signpost.core.acl.AclRole;
import dev.signpost.core.acl.AclToken;
import dev.signpost.core.acl.NodeIdentity;
import dev.signpost.core.acl.ServiceIdentity;
import dev.signpost.core.command.AclBootstrap;
import dev.signpost.core.command.AclPolicyDelete;
import dev.signpost.core.command.AclPolicySet;
import dev.signpost.core.command.AclRoleDelete;
import dev.signpost.core.command.AclRoleSet;
import dev.signpost.core.command.AclTokenDelete;
import dev.signpost.core.command.AclTokenSet;
import dev.signpost.core.command.AutopilotSet;
import dev.signpost.core.command.Batch;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.KvReapTombstones;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.Restore;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.command.SessionRenew;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.AutopilotConfig;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;
import dev.signpost.core.model.Weights;
import dev.signpost.core.state.CatalogSnapshot;
import dev.signpost.core.state.CatalogState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The log format of the commands: what goes in comes back equal. */
class CommandCodecTest {
    private final CommandCodec codec = new CommandCodec();

    private Command roundTrip(Command command) {
        return codec.decode(codec.encode(command), 1);
    }

    /**
     * Every kind of command, every field set to something other than its default. The leader applies the
     * command it submitted while followers apply the decoded bytes (see {@link CommandMessage}), so a field the
     * encoding loses or changes would make them diverge.
     */
    @Test
    void everyKindOfCommand_withEveryFieldSet_roundTripsEqual() {
        Node node = new Node("0b1d0c5e-1111-2222-3333-444455556666", "n1", "10.0.0.1", "dc1",
                Map.of("lan", "10.0.0.1", "wan", "198.51.100.1"), Map.of("rack", "r1"), 3, 4);
        Service service = new Service("web-1", "web", List.of("primary", "v1"), "10.0.0.2", 8080,
                Map.of("version", "1.0"), new Weights(3, 2), true, 5, 6);
        CheckDefinition http = new CheckDefinition("http://10.0.0.2:8080/health", "POST",
                Map.of("X-Token", List.of("a", "b")), "{}", true, "", List.of(), "", "10s", "2s", "1m", 2, 3, "", "",
                "");
        CheckDefinition script = new CheckDefinition("", "", Map.of(), "", false, "10.0.0.2:22",
                List.of("/bin/check", "-v"), "30s", "", "", "", 0, 0, "db", "n2", "abc123");
        Check check = new Check("n1", "service:web-1", "web alive", HealthStatus.WARNING, "notes", "slow",
                "web-1", "web", List.of("primary"), http, 7, 8);
        Check other = new Check("n1", "disk", "disk", HealthStatus.CRITICAL, "", "full", "", "", List.of(), script,
                9, 10);
        AclToken token = new AclToken("a1b2c3d4-0000-0000-0000-000000000001", "s3cr3t", "web", List.of("p1"),
                List.of("r1"), List.of(new ServiceIdentity("web", List.of("dc1"))), List.of(new NodeIdentity("n1",
                "dc1")), false, "2026-12-07T01:00:00Z", 0, 0);
        AclPolicy policy = new AclPolicy("p1", "kv-read", "", "key_prefix \"\" { policy = \"read\" }", List.of("dc1"),
                0, 0);
        AclRole role = new AclRole("r1", "web-role", "", List.of("p1"), List.of(), List.of(), 0, 0);
        List<Command> every = List.of(
                new Register(node, List.of(service), List.of(check, other), true),
                new DeregisterNode("n1"),
                new DeregisterService("n1", "web-1"),
                new DeregisterCheck("n1", "disk"),
                new UpdateCheck("n1", "disk", HealthStatus.PASSING, "ok again"),
                new KvPut("a/b", new byte[] {0, -1, 127}, 42, 11),
                new KvDelete("a/b", 12),
                new KvDeleteTree("a/"),
                new SessionCreate(new Session("s-1", "lock", "n1", List.of("serfHealth"), List.of("web-1"), 15_000,
                        Session.Behavior.DELETE, "30s", 99_000, 13, 14)),
                new SessionDestroy("s-1", 1_000),
                new SessionRenew("s-1", 2_000),
                new KvLock("a/lock", Bytes.of(new byte[] {9}), 5, "s-1", false, 3_000),
                new Txn(List.of(new TxnOp.KvOp("cas", "k", Bytes.of(new byte[] {1, 2}), 7, 5, "s-1"),
                        new TxnOp.NodeOp("set", node), new TxnOp.ServiceOp("set", "n1", service),
                        new TxnOp.CheckOp("set", check)), 4_000),
                new KvReapTombstones(15),
                new AclTokenSet(token),
                new AclTokenDelete(token.accessorId()),
                new AclPolicySet(policy),
                new AclPolicyDelete(policy.id()),
                new AclRoleSet(role),
                new AclRoleDelete(role.id()),
                new AclBootstrap(token),
                new dev.signpost.core.command.PreparedQuerySet(new dev.signpost.core.query.PreparedQuery(
                        "11111111-1111-1111-1111-111111111111", "web", "s-1", "tok",
                        dev.signpost.core.query.PreparedQuery.Template.NONE,
                        dev.signpost.core.query.PreparedQuery.ServiceQuery.of("web"),
                        new dev.signpost.core.query.PreparedQuery.Dns("5s", 5), 1, 2)),
                new dev.signpost.core.command.PreparedQueryDelete("11111111-1111-1111-1111-111111111111"),
                new dev.signpost.core.command.ConfigEntrySet(new dev.signpost.core.config.ConfigEntry(
                        "service-defaults", "web", Map.of("Protocol", "http", "Meta", Map.of("a", "b"),
                        "Expose", Map.of("Paths", List.of(Map.of("ListenerPort", 21500L, "Path", "/h")))), 0, 0),
                        true, 7),
                new dev.signpost.core.command.ConfigEntryDelete("proxy-defaults", "global", true, 9),
                new dev.signpost.core.command.ConfigEntrySet(new dev.signpost.core.config.ConfigEntry(
                        "service-splitter", "web", Map.of("Splits", List.of(Map.of("Weight", (double) 33.33f,
                        "ServiceSubset", "v1"), Map.of("Weight", 66.67, "RequestHeaders", Map.of("Remove",
                        List.of("x"))))), 0, 0), false, 0),
                new dev.signpost.core.command.ConfigEntrySet(new dev.signpost.core.config.ConfigEntry(
                        "service-resolver", "web", Map.of("ConnectTimeout", 15_000_000_000L, "Subsets",
                        Map.of("v1", Map.of("Filter", "Service.Meta.v == 1", "OnlyPassing", true))), 0, 0), false, 0),
                new Batch(List.of(new KvPut("a/c", new byte[] {1}, 0, 3), new Register(node, List.of(service),
                        List.of(check), false), new SessionRenew("s-1", 2_500))),
                new Restore(new CatalogSnapshot(20, List.of(new CatalogSnapshot.NodeRecord(node, List.of(service),
                        List.of(check, other))), List.of(new KvEntry("k", Bytes.of(new byte[] {1}), 2, 1, "s-1", 3, 4)),
                        Map.of("gone", 5L), Map.of("nodes", 6L), List.of(new Session("s-1", "lock", "n1",
                        List.of("serfHealth"), List.of(), 15_000, Session.Behavior.RELEASE, "", 0, 7, 7)),
                        Map.of("a/lock", 9L), 8_000)),
                new dev.signpost.core.command.RestorePart("r-1", 1, 3, new byte[] {0, 1, 2, (byte) 255}),
                new AutopilotSet(new AutopilotConfig(false, 5_000_000, 10, 3, 1_000_000_000, "zone", true, "ver", 0,
                        0), true, 42),
                new CoordinateBatchUpdate(List.of(new NodeCoordinate("n1", "", new Coordinate(List.of(0.001, -0.002),
                        0.3, -0.0001, 0.00002)))));

        for (Command command : every) {
            assertThat(roundTrip(command)).as(command.getClass().getSimpleName()).isEqualTo(command);
        }
        assertThat(every.stream().map(Object::getClass).distinct().toList())
                .as("a command kind is missing here")
                .containsExactlyInAnyOrder(Arrays.stream(Command.class.getPermittedSubclasses()).toArray(Class[]::new));
    }

    @Test
    void sessionAndLockCommands_roundTrip() {
        Session session = new Session("id-1", "lock", "n1", List.of("serfHealth"), List.of("svc"), 15_000,
                Session.Behavior.DELETE, "10s", 123_456, 0, 0);
        for (Command c : List.of(new SessionCreate(session), new SessionDestroy("id-1", 99),
                new SessionRenew("id-1", 1_000),
                new KvLock("k", Bytes.of("v".getBytes(StandardCharsets.UTF_8)), 3, "id-1", true, 7))) {
            assertThat(roundTrip(c)).isEqualTo(c);
        }
        assertThat(new String(codec.encode(new SessionDestroy("x", 1)), StandardCharsets.UTF_8))
                .contains("\"tag\":\"session-destroy\"");
    }

    /**
     * The log and snapshot encoding of a KV value, to the byte: values are base64 strings (Jackson's form of a
     * byte array), so logs and snapshots written by an older release still read.
     */
    @Test
    void kvValues_encodeAsBase64Strings_toTheByte() throws Exception {
        assertThat(new String(codec.encode(new KvLock("a/lock", Bytes.of(new byte[] {9, -1}), 5, "s-1", false, 3_000)),
                StandardCharsets.UTF_8)).isEqualTo("{\"tag\":\"kv-lock\",\"key\":\"a/lock\",\"value\":\"Cf8=\","
                + "\"flags\":5,\"session\":\"s-1\",\"acquire\":false,\"nowMillis\":3000}");
        Txn txn = new Txn(List.of(new TxnOp.KvOp("cas", "k", Bytes.of(new byte[] {1, 2}), 7, 5, "s"),
                new TxnOp.KvOp("get", "e", Bytes.of(new byte[0]), 0, 0, "")), 4);
        assertThat(new String(codec.encode(txn), StandardCharsets.UTF_8))
                .isEqualTo("{\"tag\":\"txn\",\"ops\":[{\"tag\":\"kv\",\"verb\":\"cas\",\"key\":\"k\","
                        + "\"value\":\"AQI=\",\"flags\":7,\"index\":5,\"session\":\"s\"},"
                        + "{\"tag\":\"kv\",\"verb\":\"get\",\"key\":\"e\","
                        + "\"value\":\"\",\"flags\":0,\"index\":0,\"session\":\"\"}],\"nowMillis\":4}");
        CatalogState state = new CatalogState();
        state.apply(new KvPut("k", new byte[] {1, 2, 3}, 2, KvPut.NO_CAS), 3);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"kv\":[{\"key\":\"k\",\"value\":\"AQID\",\"flags\":2,\"lockIndex\":0,\"session\":\"\","
                        + "\"createIndex\":3,\"modifyIndex\":3}]");
        assertThat(codec.readSnapshot(out.toByteArray())).isEqualTo(state.snapshot());
    }

    @Test
    void tombstoneReap_roundTrips_withItsTag() {
        Command reap = new dev.signpost.core.command.KvReapTombstones(1234);
        assertThat(roundTrip(reap)).isEqualTo(reap);
        assertThat(new String(codec.encode(reap), StandardCharsets.UTF_8)).contains("\"tag\":\"kv-reap-tombstones\"");
    }

    @Test
    void snapshot_withAclTokensPoliciesAndRoles_roundTrips() throws Exception {
        CatalogState state = new CatalogState();
        state.apply(new AclPolicySet(new AclPolicy("p1", "kv", "", "key_prefix \"\" { policy = \"read\" }", List.of(),
                0, 0)), 1);
        state.apply(new AclRoleSet(new AclRole("r1", "role", "", List.of("p1"), List.of(), List.of(), 0, 0)), 2);
        state.apply(new AclBootstrap(new AclToken("a1", "s1", "boot", List.of("p1"), List.of("r1"), List.of(), List.of(),
                false, "2026-12-07T01:00:00Z", 0, 0)), 3);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        CatalogState restored = new CatalogState();
        restored.restore(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.snapshot()).isEqualTo(state.snapshot());
        assertThat(restored.acl().bootstrapIndex()).isEqualTo(3);
        assertThat(restored.acl().tokenBySecret("s1")).isPresent();
    }

    @Test
    void snapshot_withAnAutopilotConfiguration_roundTrips() throws Exception {
        CatalogState state = new CatalogState();
        state.apply(new AutopilotSet(AutopilotConfig.defaults(), false, 0), 4);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        CatalogState restored = new CatalogState();
        restored.restore(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.autopilot()).contains(AutopilotConfig.defaults().writtenAt(4, 4));
    }

    @Test
    void snapshot_takenBetweenThePartsOfARestore_carriesThem_andTheLastPartRestoresFromThem() throws Exception {
        CatalogState source = new CatalogState();
        source.apply(new KvPut("restored", new byte[] {7}, 0, KvPut.NO_CAS), 1);
        java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(source.snapshot(), encoded);
        byte[] whole = encoded.toByteArray();
        int half = whole.length / 2;
        CatalogState state = new CatalogState(codec::readSnapshot);
        state.apply(new dev.signpost.core.command.RestorePart("r-1", 0, 2, Arrays.copyOfRange(whole, 0, half)), 5);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        CatalogState caughtUp = new CatalogState(codec::readSnapshot);
        caughtUp.restore(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(caughtUp.snapshot()).isEqualTo(state.snapshot());

        assertThat(caughtUp.apply(new dev.signpost.core.command.RestorePart("r-1", 1, 2,
                Arrays.copyOfRange(whole, half, whole.length)), 6).result()).isTrue();
        assertThat(caughtUp.key("restored").value().orElseThrow().value().toArray()).containsExactly(7);
    }

    @Test
    void snapshot_withCoordinates_roundTrips() throws Exception {
        CatalogState state = new CatalogState();
        state.apply(new Register(Node.of("", "n1", "10.0.0.1", "dc1"), List.of(), List.of(), false), 1);
        state.apply(new CoordinateBatchUpdate(List.of(new NodeCoordinate("n1", "", new Coordinate(List.of(0.25, 0.5),
                1.5, 0.0, 1.0e-5)))), 2);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        CatalogState restored = new CatalogState();
        restored.restore(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.coordinates().value()).isEqualTo(state.coordinates().value()).hasSize(1);
        assertThat(restored.snapshot()).isEqualTo(state.snapshot());
    }

    @Test
    void txn_withEveryKindOfOp_roundTrips() {
        Node node = Node.of("", "n1", "10.0.0.1", "dc1");
        Txn txn = new Txn(List.of(new TxnOp.KvOp("cas", "k", Bytes.of(new byte[] {1, 2}), 0, 5, ""),
                new TxnOp.NodeOp("set", node),
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
    void preparedQueryCommands_roundTrip_withTheirTags_andSnapshotsCarryQueries() throws Exception {
        dev.signpost.core.query.PreparedQuery query = new dev.signpost.core.query.PreparedQuery(
                "11111111-1111-1111-1111-111111111111", "geo-", "", "secret",
                new dev.signpost.core.query.PreparedQuery.Template("name_prefix_match", "^geo-(.*)$", true),
                new dev.signpost.core.query.PreparedQuery.ServiceQuery("${match(1)}",
                        new dev.signpost.core.query.PreparedQuery.Failover(2, List.of("dc2"), List.of(
                                new dev.signpost.core.query.PreparedQuery.Target("p1", ""))),
                        true, List.of("serfHealth"), "_agent", List.of("a", "!b"), Map.of("rack", "r1"),
                        Map.of("v", "1"), true, "peer"),
                new dev.signpost.core.query.PreparedQuery.Dns("10s", 10), 0, 0);
        Command set = new dev.signpost.core.command.PreparedQuerySet(query);
        Command delete = new dev.signpost.core.command.PreparedQueryDelete(query.id());
        assertThat(roundTrip(set)).isEqualTo(set);
        assertThat(roundTrip(delete)).isEqualTo(delete);
        assertThat(new String(codec.encode(set), StandardCharsets.UTF_8)).contains("\"tag\":\"prepared-query-set\"");
        assertThat(new String(codec.encode(delete), StandardCharsets.UTF_8))
                .contains("\"tag\":\"prepared-query-delete\"");
        CatalogState state = new CatalogState();
        state.apply(set, 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        codec.writeSnapshot(state.snapshot(), out);
        CatalogState restored = new CatalogState();
        restored.restore(codec.readSnapshot(new java.io.ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.snapshot()).isEqualTo(state.snapshot());
        assertThat(restored.resolveQuery("geo-db").orElseThrow().service().service()).isEqualTo("db");
    }

    @Test
    void unknownTag_failsHard() {
        assertThatIllegalStateException().isThrownBy(() -> codec.decode("{\"tag\":\"nope\"}".getBytes(StandardCharsets.UTF_8), 7))
                .withMessageContaining("unknown command tag nope at index 7");
    }
}
