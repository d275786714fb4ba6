package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.bytes;
import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Snapshot and restore of {@link CatalogState}: what a Raft snapshot carries between replicas. */
class CatalogSnapshotTest {
    private final CatalogState original = new CatalogState();

    /** A history touching every kind of state: nodes, services, checks, keys, tombstones, deleted topics. */
    CatalogSnapshotTest() {
        original.apply(register("n1", service("web-1", "web", "v1"), nodeCheck("n1", "serfHealth",
                HealthStatus.PASSING), serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING)), 3);
        original.apply(register("n2", service("web-2", "web", "v2")), 4);
        original.apply(register("n2", service("old-1", "old")), 5);
        original.apply(new UpdateCheck("n1", "web-http", HealthStatus.CRITICAL, "refused"), 6);
        original.apply(put("app/a", "1"), 7);
        original.apply(new KvPut("app/b", bytes("2"), 99, KvPut.NO_CAS), 8);
        original.apply(new DeregisterService("n2", "old-1"), 9);
        original.apply(new KvDelete("app/a", KvDelete.NO_CAS), 10);
    }

    @Test
    void restore_givesAStateWithAnEqualSnapshot() {
        CatalogState restored = new CatalogState();

        restored.restore(original.snapshot());

        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void restore_givesEqualAnswers() {
        CatalogState restored = new CatalogState();

        restored.restore(original.snapshot());

        assertThat(restored.nodes()).isEqualTo(original.nodes());
        assertThat(restored.services()).isEqualTo(original.services());
        assertThat(restored.instances("web")).isEqualTo(original.instances("web"));
        assertThat(restored.node("n1")).isEqualTo(original.node("n1"));
        assertThat(restored.nodeChecks("n1")).isEqualTo(original.nodeChecks("n1"));
        assertThat(restored.serviceChecks("web")).isEqualTo(original.serviceChecks("web"));
        assertThat(restored.checks(s -> s == HealthStatus.CRITICAL))
                .isEqualTo(original.checks(s -> s == HealthStatus.CRITICAL));
        assertThat(restored.keys("app/")).isEqualTo(original.keys("app/"));
        assertThat(restored.keyNames("", "/")).isEqualTo(original.keyNames("", "/"));
    }

    @Test
    void restore_givesEqualIndexes_includingDeletedServicesAndKeys() {
        CatalogState restored = new CatalogState();

        restored.restore(original.snapshot());

        assertThat(restored.lastIndex()).isEqualTo(10);
        assertThat(restored.instances("old").index()).isEqualTo(9);
        assertThat(restored.instances("web").index()).isEqualTo(6);
        assertThat(restored.nodes().index()).isEqualTo(4);
        assertThat(restored.key("app/a").index()).isEqualTo(10);
        assertThat(restored.keys("app/").index()).isEqualTo(10);
        for (String topic : List.of(Topic.NODES, Topic.SERVICES, Topic.CHECKS, Topic.node("n1"), Topic.node("n2"),
                Topic.service("web"), Topic.service("old"))) {
            assertThat(restored.index(topic)).as(topic).isEqualTo(original.index(topic)).isPositive();
        }
    }

    @Test
    void applyAfterRestore_continuesFromTheSnapshotsLastIndex() {
        CatalogState restored = new CatalogState();
        restored.restore(original.snapshot());

        assertThatIllegalStateException().isThrownBy(() -> restored.apply(Register.node(node("n3")), 10));
        restored.apply(register("n1", service("web-1", "web", "v3")), 11);

        assertThat(restored.instances("web").value().getFirst().service()).satisfies(s -> {
            assertThat(s.tags()).containsExactly("v3");
            assertThat(s.createIndex()).isEqualTo(3);
            assertThat(s.modifyIndex()).isEqualTo(11);
        });
        assertThat(restored.nodeChecks("n1").value()).filteredOn(c -> c.checkId().equals("web-http"))
                .singleElement().satisfies(c -> assertThat(c.serviceTags()).containsExactly("v3"));
        assertThat(restored.instances("web").index()).isEqualTo(11);
        assertThat(restored.instances("old").index()).isEqualTo(9);
        assertThat(restored.services().value()).containsOnlyKeys("web");
    }

    @Test
    void applyAfterRestore_matchesTheOriginalApplyingTheSameWrite() {
        CatalogState restored = new CatalogState();
        restored.restore(original.snapshot());

        original.apply(new DeregisterService("n1", "web-1"), 11);
        restored.apply(new DeregisterService("n1", "web-1"), 11);
        original.apply(new KvPut("app/b", bytes("3"), 0, 8), 12);
        restored.apply(new KvPut("app/b", bytes("3"), 0, 8), 12);

        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void restore_replacesWhateverWasThere() {
        CatalogState other = new CatalogState();
        other.apply(register("elsewhere", service("db-1", "db")), 50);
        other.apply(put("zzz", "1"), 51);

        other.restore(original.snapshot());

        assertThat(other.nodes().value()).extracting(Node::name).containsExactly("n1", "n2");
        assertThat(other.instances("db").value()).isEmpty();
        assertThat(other.instances("db").index()).isEqualTo(1);
        assertThat(other.key("zzz").value()).isEmpty();
        assertThat(other.lastIndex()).isEqualTo(10);
    }

    @Test
    void snapshot_isNotChangedByLaterWrites() {
        CatalogSnapshot before = original.snapshot();
        CatalogSnapshot copy = original.snapshot();

        original.apply(register("n3", service("web-3", "web")), 11);
        original.apply(put("app/c", "3"), 12);

        assertThat(before).isEqualTo(copy);
        assertThat(before.lastIndex()).isEqualTo(10);
    }
}
