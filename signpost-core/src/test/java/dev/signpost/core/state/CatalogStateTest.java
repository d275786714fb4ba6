package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Batch;
import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.bytes;
import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every write to the catalog and what it leaves behind. Reads are in {@link CatalogStateQueryTest}, index rules
 * in {@link CatalogStateIndexTest}, snapshots in {@link CatalogSnapshotTest}, KV details in {@link KvTableTest}.
 * Longer than most files because it walks every command; each section is one command.
 */
class CatalogStateTest {
    private final CatalogState state = new CatalogState();
    private long nextIndex = 10;

    private CatalogState.Applied apply(Command command) {
        return state.apply(command, ++nextIndex);
    }

    // ---- Register

    @Test
    void registerNode_storesItWithCreateAndModifyIndex() {
        state.apply(Register.node(node("n1")), 5);

        assertThat(state.nodes().value()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("n1");
            assertThat(n.address()).isEqualTo("10.0.0.1");
            assertThat(n.createIndex()).isEqualTo(5);
            assertThat(n.modifyIndex()).isEqualTo(5);
        });
    }

    @Test
    void registerSameNodeAgain_changesNothing() {
        state.apply(Register.node(node("n1")), 5);

        CatalogState.Applied again = state.apply(Register.node(node("n1")), 6);

        assertThat(again.result()).isTrue();
        assertThat(again.changed()).isEmpty();
        assertThat(state.nodes().value().getFirst().modifyIndex()).isEqualTo(5);
    }

    @Test
    void registerNodeWithNewAddress_updatesItAndKeepsCreateIndex() {
        state.apply(Register.node(node("n1", "10.0.0.1")), 5);

        state.apply(Register.node(node("n1", "10.0.0.2")), 6);

        Node stored = state.nodes().value().getFirst();
        assertThat(stored.address()).isEqualTo("10.0.0.2");
        assertThat(stored.createIndex()).isEqualTo(5);
        assertThat(stored.modifyIndex()).isEqualTo(6);
    }

    @Test
    void registerWithSkipNodeUpdate_keepsStoredNode() {
        state.apply(Register.node(node("n1", "10.0.0.1")), 5);

        state.apply(new Register(node("n1", "10.9.9.9"), List.of(service("web-1", "web")), List.of(), true), 6);

        Node stored = state.nodes().value().getFirst();
        assertThat(stored.address()).isEqualTo("10.0.0.1");
        assertThat(stored.modifyIndex()).isEqualTo(5);
        assertThat(state.instances("web").value()).singleElement()
                .satisfies(i -> assertThat(i.node().address()).isEqualTo("10.0.0.1"));
    }

    @Test
    void registerWithSkipNodeUpdate_stillCreatesUnknownNode() {
        state.apply(new Register(node("n1", "10.0.0.7"), List.of(), List.of(), true), 5);

        assertThat(state.nodes().value()).extracting(Node::address).containsExactly("10.0.0.7");
    }

    @Test
    void registerService_addsAnInstanceOnItsNode() {
        state.apply(register("n1", service("web-1", "web", "v1")), 7);

        assertThat(state.instances("web").value()).singleElement().satisfies(i -> {
            assertThat(i.node().name()).isEqualTo("n1");
            assertThat(i.service().id()).isEqualTo("web-1");
            assertThat(i.service().createIndex()).isEqualTo(7);
            assertThat(i.service().modifyIndex()).isEqualTo(7);
        });
        assertThat(state.node("n1").value()).hasValueSatisfying(
                ns -> assertThat(ns.services()).extracting(Service::id).containsExactly("web-1"));
    }

    @Test
    void registerSameServiceAgain_changesNothing() {
        apply(register("n1", service("web-1", "web", "v1"), serviceCheck("n1", "web-http", "web-1",
                HealthStatus.PASSING)));

        CatalogState.Applied again = apply(register("n1", service("web-1", "web", "v1"),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));

        assertThat(again.changed()).isEmpty();
    }

    @Test
    void registerServiceWithNewPort_updatesItAndKeepsCreateIndex() {
        state.apply(register("n1", service("web-1", "web")), 7);

        state.apply(register("n1", Service.of("web-1", "web", "", 6000, List.of())), 8);

        Service stored = state.instances("web").value().getFirst().service();
        assertThat(stored.port()).isEqualTo(6000);
        assertThat(stored.createIndex()).isEqualTo(7);
        assertThat(stored.modifyIndex()).isEqualTo(8);
    }

    @Test
    void registerServiceUnderNewName_movesTheInstanceToThatName() {
        apply(register("n1", service("svc-1", "old")));

        apply(register("n1", service("svc-1", "new")));

        assertThat(state.instances("old").value()).isEmpty();
        assertThat(state.instances("new").value()).extracting(i -> i.service().id()).containsExactly("svc-1");
        assertThat(state.services().value()).containsOnlyKeys("new");
    }

    @Test
    void registerServiceUnderNewName_renamesItsChecks() {
        apply(register("n1", service("svc-1", "old", "v1"), serviceCheck("n1", "svc-check", "svc-1",
                HealthStatus.PASSING)));

        apply(register("n1", service("svc-1", "new", "v2")));

        assertThat(state.nodeChecks("n1").value()).singleElement().satisfies(c -> {
            assertThat(c.serviceName()).isEqualTo("new");
            assertThat(c.serviceTags()).containsExactly("v2");
            assertThat(c.modifyIndex()).isEqualTo(nextIndex);
        });
        assertThat(state.serviceChecks("old").value()).isEmpty();
        assertThat(state.serviceChecks("new").value()).extracting(Check::checkId).containsExactly("svc-check");
    }

    @Test
    void registerCheck_picksUpServiceNameAndTags() {
        apply(register("n1", service("web-1", "web", "v1", "primary"),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));

        assertThat(state.nodeChecks("n1").value()).singleElement().satisfies(c -> {
            assertThat(c.serviceId()).isEqualTo("web-1");
            assertThat(c.serviceName()).isEqualTo("web");
            assertThat(c.serviceTags()).containsExactly("v1", "primary");
        });
    }

    @Test
    void registerCheckAlone_picksUpNameOfServiceRegisteredEarlier() {
        apply(register("n1", service("web-1", "web", "v1")));

        apply(registerChecks("n1", serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));

        assertThat(state.nodeChecks("n1").value()).singleElement()
                .satisfies(c -> assertThat(c.serviceName()).isEqualTo("web"));
    }

    @Test
    void reregisterServiceWithNewTags_givesItsChecksTheNewTags() {
        apply(register("n1", service("web-1", "web", "v1"), serviceCheck("n1", "web-http", "web-1",
                HealthStatus.PASSING)));

        apply(register("n1", service("web-1", "web", "v2")));

        assertThat(state.nodeChecks("n1").value().getFirst().serviceTags()).containsExactly("v2");
    }

    @Test
    void registerCheckAgainWithNewStatus_keepsCreateIndex() {
        state.apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        state.apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.WARNING)), 6);

        assertThat(state.nodeChecks("n1").value()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.WARNING);
            assertThat(c.createIndex()).isEqualTo(5);
            assertThat(c.modifyIndex()).isEqualTo(6);
        });
    }

    @Test
    void register_reportsEveryTopicItChanged() {
        CatalogState.Applied applied = apply(register("n1", service("web-1", "web"),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).containsExactlyInAnyOrder(Topic.NODES, Topic.SERVICES, Topic.CHECKS,
                Topic.node("n1"), Topic.service("web"));
    }

    // ---- DeregisterNode

    @Test
    void deregisterNode_removesItWithItsServicesAndChecks() {
        apply(register("n1", service("web-1", "web"), nodeCheck("n1", "serfHealth", HealthStatus.PASSING),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));
        apply(register("n2", service("web-2", "web")));

        apply(new DeregisterNode("n1"));

        assertThat(state.nodes().value()).extracting(Node::name).containsExactly("n2");
        assertThat(state.node("n1").value()).isEmpty();
        assertThat(state.instances("web").value()).extracting(i -> i.node().name()).containsExactly("n2");
        assertThat(state.nodeChecks("n1").value()).isEmpty();
        assertThat(state.checks(s -> true).value()).isEmpty();
    }

    @Test
    void deregisterNode_dropsServiceNamesLeftWithoutInstances() {
        apply(register("n1", service("db-1", "db")));

        apply(new DeregisterNode("n1"));

        assertThat(state.services().value()).isEmpty();
    }

    @Test
    void deregisterUnknownNode_isNoOp() {
        apply(register("n1", service("web-1", "web")));

        CatalogState.Applied applied = apply(new DeregisterNode("ghost"));

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).isEmpty();
        assertThat(state.nodes().value()).hasSize(1);
    }

    // ---- DeregisterService

    @Test
    void deregisterService_removesItAndItsChecks_butKeepsNodeChecks() {
        apply(register("n1", service("web-1", "web"), nodeCheck("n1", "serfHealth", HealthStatus.PASSING),
                serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)));
        apply(register("n1", service("db-1", "db"), serviceCheck("n1", "db-tcp", "db-1", HealthStatus.PASSING)));

        apply(new DeregisterService("n1", "web-1"));

        assertThat(state.instances("web").value()).isEmpty();
        assertThat(state.node("n1").value()).hasValueSatisfying(
                ns -> assertThat(ns.services()).extracting(Service::id).containsExactly("db-1"));
        assertThat(state.nodeChecks("n1").value()).extracting(Check::checkId).containsExactly("db-tcp", "serfHealth");
        assertThat(state.services().value()).containsOnlyKeys("db");
    }

    @Test
    void deregisterUnknownService_isNoOp() {
        apply(register("n1", service("web-1", "web")));

        CatalogState.Applied applied = apply(new DeregisterService("n1", "nope"));

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).isEmpty();
        assertThat(state.instances("web").value()).hasSize(1);
    }

    @Test
    void deregisterServiceOnUnknownNode_isNoOp() {
        apply(register("n1", service("web-1", "web")));

        CatalogState.Applied applied = apply(new DeregisterService("ghost", "web-1"));

        assertThat(applied.changed()).isEmpty();
        assertThat(state.instances("web").value()).hasSize(1);
    }

    // ---- DeregisterCheck

    @Test
    void deregisterCheck_removesOnlyThatCheck() {
        apply(register("n1", service("web-1", "web"), serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING),
                serviceCheck("n1", "web-tcp", "web-1", HealthStatus.PASSING)));

        apply(new DeregisterCheck("n1", "web-http"));

        assertThat(state.nodeChecks("n1").value()).extracting(Check::checkId).containsExactly("web-tcp");
        assertThat(state.instances("web").value()).hasSize(1);
    }

    @Test
    void deregisterUnknownCheck_isNoOp() {
        apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)));

        CatalogState.Applied applied = apply(new DeregisterCheck("n1", "nope"));
        CatalogState.Applied onUnknownNode = apply(new DeregisterCheck("ghost", "disk"));

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).isEmpty();
        assertThat(onUnknownNode.changed()).isEmpty();
        assertThat(state.nodeChecks("n1").value()).hasSize(1);
    }

    // ---- UpdateCheck

    @Test
    void updateCheck_setsStatusOutputAndModifyIndex() {
        state.apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        CatalogState.Applied applied = state.apply(
                new UpdateCheck("n1", "disk", HealthStatus.CRITICAL, "disk full"), 6);

        assertThat(applied.result()).isTrue();
        assertThat(state.nodeChecks("n1").value()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(c.output()).isEqualTo("disk full");
            assertThat(c.createIndex()).isEqualTo(5);
            assertThat(c.modifyIndex()).isEqualTo(6);
        });
    }

    @Test
    void updateCheckOutputOnly_isAChange() {
        state.apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        CatalogState.Applied applied = state.apply(new UpdateCheck("n1", "disk", HealthStatus.PASSING, "80% used"), 6);

        assertThat(applied.changed()).contains(Topic.CHECKS);
        assertThat(state.nodeChecks("n1").value().getFirst().output()).isEqualTo("80% used");
    }

    @Test
    void updateUnknownCheck_returnsFalseAndChangesNothing() {
        apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)));

        CatalogState.Applied applied = apply(new UpdateCheck("n1", "nope", HealthStatus.CRITICAL, ""));
        CatalogState.Applied onUnknownNode = apply(new UpdateCheck("ghost", "disk", HealthStatus.CRITICAL, ""));

        assertThat(applied.result()).isFalse();
        assertThat(applied.changed()).isEmpty();
        assertThat(onUnknownNode.result()).isFalse();
        assertThat(state.nodeChecks("n1").value().getFirst().status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void updateCheckWithoutChange_succeedsWithoutBumpingIndexes() {
        state.apply(registerChecks("n1", nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        CatalogState.Applied applied = state.apply(new UpdateCheck("n1", "disk", HealthStatus.PASSING, ""), 6);

        assertThat(applied.result()).isTrue();
        assertThat(applied.changed()).isEmpty();
        assertThat(state.nodeChecks("n1").value().getFirst().modifyIndex()).isEqualTo(5);
        assertThat(state.checks(s -> true).index()).isEqualTo(5);
        assertThat(state.lastIndex()).isEqualTo(6);
    }

    // ---- KV writes go through the same apply

    @Test
    void kvPut_throughApply_reportsItsCheckAndSetResult() {
        CatalogState.Applied created = apply(new KvPut("k", bytes("v"), 0, 0));
        CatalogState.Applied refused = apply(new KvPut("k", bytes("w"), 0, 0));

        assertThat(created.result()).isTrue();
        assertThat(created.changed()).containsExactly(Topic.key("k"));
        assertThat(refused.result()).isFalse();
        assertThat(refused.changed()).isEmpty();
        assertThat(state.key("k").value())
                .hasValueSatisfying(e -> assertThat(e.modifyIndex()).isEqualTo(nextIndex - 1));
    }

    @Test
    void kvDelete_throughApply_reportsItsCheckAndSetResult() {
        apply(put("k", "v"));
        long written = nextIndex;

        assertThat(apply(new KvDelete("k", written + 1)).result()).isFalse();
        assertThat(apply(new KvDelete("k", written)).result()).isTrue();
        assertThat(state.key("k").value()).isEmpty();
    }

    @Test
    void kvDeleteTree_throughApply_removesThePrefix() {
        apply(put("app/a", "1"));
        apply(put("app/b", "2"));
        apply(put("other", "3"));

        CatalogState.Applied applied = apply(new KvDeleteTree("app/"));

        assertThat(applied.changed()).containsExactlyInAnyOrder(Topic.key("app/a"), Topic.key("app/b"));
        assertThat(state.keyNames("", "").value()).containsExactly("other");
    }

    // ---- Batch

    @Test
    void batch_appliesEachCommandInOrder_atTheSameIndex_eachWithItsOwnResult() {
        CatalogState.Applied applied = apply(new Batch(List.of(
                new KvPut("k", bytes("first"), 0, 0),            // CAS 0: create only, succeeds
                new KvPut("k", bytes("second"), 0, 0),           // CAS 0 again: the key now exists, fails
                register("n1", service("web-1", "web")),
                new KvPut("other", bytes("x"), 0, KvPut.NO_CAS))));

        assertThat(applied.results()).containsExactly(true, false, true, true);
        assertThat(state.key("k").value().orElseThrow().value().toArray()).isEqualTo(bytes("first"));
        assertThat(state.key("k").value().orElseThrow().modifyIndex()).isEqualTo(nextIndex);
        assertThat(state.instances("web").value()).singleElement()
                .satisfies(i -> assertThat(i.service().modifyIndex()).isEqualTo(nextIndex));
        assertThat(applied.changed()).contains(Topic.NODES, Topic.SERVICES, Topic.key("k"), Topic.key("other"));
        assertThat(state.lastIndex()).isEqualTo(nextIndex);
    }

    @Test
    void batch_refusesTransactionsAndBatches_whichCannotShareAnIndex() {
        Txn txn = new Txn(List.of(), 1);
        assertThatThrownBy(() -> new Batch(List.of(put("a", "1"), txn))).hasMessageContaining("Txn cannot be batched");
        assertThatThrownBy(() -> new Batch(List.of(new Batch(List.of(put("a", "1"))))))
                .hasMessageContaining("Batch cannot be batched");
        assertThatThrownBy(() -> new Batch(List.of())).hasMessageContaining("empty");
    }
}

