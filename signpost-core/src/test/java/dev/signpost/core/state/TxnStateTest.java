package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Session;

import static dev.signpost.core.state.Fixtures.value;
import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static dev.signpost.core.state.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Transactions in {@link CatalogState}: all or nothing, each operation seeing the ones before. */
class TxnStateTest {
    private final CatalogState state = new CatalogState();
    private long index = 10;

    private boolean apply(TxnOp... ops) {
        return state.apply(new Txn(List.of(ops), 1_000), ++index).result();
    }

    private static TxnOp.KvOp kv(String verb, String key, String value, long casIndex) {
        return new TxnOp.KvOp(verb, key, value(value), 0, casIndex, "");
    }

    @Test
    void successfulTxn_appliesEveryOp_andRecordsResults() {
        assertThat(apply(kv("set", "a", "1", 0), kv("set", "b", "2", 0), kv("get", "a", "", 0))).isTrue();

        TxnOutcome outcome = state.txnOutcome(index).orElseThrow();
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.results()).extracting(TxnOutcome.Result::opIndex).containsExactly(0, 1, 2);
        assertThat(((KvEntry) outcome.results().get(2).value()).value()).isEqualTo(value("1"));
        assertThat(state.key("b").value()).isPresent();
    }

    @Test
    void failingOp_rollsBackEarlierOps_andNamesTheOp() {
        state.apply(put("a", "old"), ++index);
        long before = state.key("a").index();

        boolean ok = apply(kv("set", "a", "new", 0), kv("delete-tree", "", "", 0), kv("check-not-exists", "c", "", 0),
                kv("cas", "a", "x", 999));

        assertThat(ok).isFalse();
        TxnOutcome outcome = state.txnOutcome(index).orElseThrow();
        assertThat(outcome.errors()).containsExactly(new TxnOutcome.Error(3, "failed to set key \"a\", index is stale"));
        assertThat(state.key("a").value().orElseThrow().value()).isEqualTo(value("old"));
        assertThat(state.key("a").index()).isEqualTo(before);
    }

    @Test
    void checkVerbs_failWithConsulsWords() {
        state.apply(put("a", "1"), ++index);
        long modify = state.key("a").index();
        assertThat(apply(kv("check-index", "a", "", modify))).isTrue();
        assertThat(apply(kv("check-index", "a", "", modify + 1))).isFalse();
        assertThat(state.txnOutcome(index).orElseThrow().errors().get(0).what())
                .isEqualTo("failed index check for key \"a\", current modify index " + modify + " != " + (modify + 1));
        assertThat(apply(kv("get", "missing", "", 0))).isFalse();
        assertThat(state.txnOutcome(index).orElseThrow().errors().get(0).what()).isEqualTo("key \"missing\" doesn't exist");
        assertThat(apply(kv("check-not-exists", "a", "", 0))).isFalse();
        assertThat(apply(kv("delete-cas", "a", "", modify))).isTrue();
        assertThat(state.key("a").value()).isEmpty();
    }

    @Test
    void lockAndCheckSession_inATxn() {
        state.apply(registerChecks("n1", nodeCheck("n1", "serfHealth", HealthStatus.PASSING)), ++index);
        state.apply(new SessionCreate(new Session("s", "", "n1", List.of(), List.of(), 0, Session.Behavior.RELEASE, "",
                0, 0, 0)), ++index);

        assertThat(apply(new TxnOp.KvOp("lock", "lead", value("me"), 0, 0, "s"),
                new TxnOp.KvOp("check-session", "lead", Bytes.EMPTY, 0, 0, "s"))).isTrue();
        assertThat(state.key("lead").value().orElseThrow().session()).isEqualTo("s");
        assertThat(apply(new TxnOp.KvOp("lock", "other", value("me"), 0, 0, "nobody"))).isFalse();
        assertThat(apply(new TxnOp.KvOp("unlock", "lead", value(""), 0, 0, "s"))).isTrue();
        assertThat(state.key("lead").value().orElseThrow().session()).isEmpty();
    }

    @Test
    void catalogOps_registerNodeServiceAndCheck_atomically() {
        Node n2 = node("n2");
        assertThat(apply(new TxnOp.NodeOp("set", n2), new TxnOp.ServiceOp("set", "n2", service("web-1", "web")),
                new TxnOp.CheckOp("set", nodeCheck("n2", "c1", HealthStatus.PASSING)))).isTrue();
        assertThat(state.instances("web").value()).hasSize(1);

        assertThat(apply(new TxnOp.ServiceOp("delete", "n2", service("web-1", "web")),
                new TxnOp.ServiceOp("set", "ghost", service("x", "x")))).isFalse();
        assertThat(state.txnOutcome(index).orElseThrow().errors().get(0)).isEqualTo(new TxnOutcome.Error(1,
                "node \"ghost\" doesn't exist"));
        assertThat(state.instances("web").value()).as("rolled back").hasSize(1);

        Service stored = state.instances("web").value().get(0).service();
        assertThat(apply(new TxnOp.ServiceOp("delete-cas", "n2", stored))).isTrue();
        assertThat(state.instances("web").value()).isEmpty();
    }

    @Test
    void aFailedTxn_putsBackEveryNodeItWrote_withItsServicesAndChecks_andNothingElseMoves() {
        state.apply(register("n1", service("web-1", "web", "v1"), serviceCheck("n1", "web-check", "web-1",
                HealthStatus.PASSING)), ++index);
        state.apply(register("n2", service("db-1", "db")), ++index);
        state.apply(registerChecks("n2", nodeCheck("n2", "n2-alive", HealthStatus.PASSING)), ++index);
        state.apply(put("k", "v"), ++index);
        CatalogSnapshot before = state.snapshot();

        boolean ok = apply(new TxnOp.ServiceOp("set", "n1", service("web-1", "web", "v2")),
                new TxnOp.ServiceOp("set", "n1", service("web-2", "web")),
                new TxnOp.CheckOp("set", serviceCheck("n1", "web-check", "web-1", HealthStatus.CRITICAL)),
                new TxnOp.NodeOp("delete", node("n2")),
                new TxnOp.NodeOp("set", node("n3")), new TxnOp.ServiceOp("set", "n3", service("web-3", "web")),
                kv("set", "k", "changed", 0),
                new TxnOp.ServiceOp("set", "ghost", service("x", "x")));

        assertThat(ok).isFalse();
        CatalogSnapshot after = state.snapshot();
        assertThat(after.nodes()).isEqualTo(before.nodes());
        assertThat(after.kv()).isEqualTo(before.kv());
        // The index and the session clock move with any write, a failed transaction too.
        assertThat(after).usingRecursiveComparison().ignoringFields("lastIndex", "indexes", "clockMillis")
                .isEqualTo(before);
        assertThat(state.instances("web").value()).extracting(i -> i.service().id()).containsExactly("web-1");
        assertThat(state.instances("db").value()).hasSize(1);
        assertThat(state.checkOn("n1", "web-check").orElseThrow().status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void moreThan128Ops_areRefusedBeforeReplication() {
        List<TxnOp> ops = java.util.stream.IntStream.range(0, 129).mapToObj(i -> (TxnOp) kv("set", "k" + i, "", 0)).toList();
        assertThatIllegalArgumentException().isThrownBy(() -> new Txn(ops, 0))
                .withMessage("Transaction contains too many operations (129 > 128)");
    }
}
