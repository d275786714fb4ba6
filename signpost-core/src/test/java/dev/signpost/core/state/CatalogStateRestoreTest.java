package dev.signpost.core.state;

import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.Restore;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

class CatalogStateRestoreTest {

    @Test
    void restore_bringsBackTheSnapshotsContent_withIndexesAtTheRestoresIndex() {
        CatalogStore store = new CatalogStore();
        store.apply(put("a", "1"), 1);
        store.apply(register("n1", service("web1", "web")), 2);
        CatalogSnapshot saved = store.snapshot();
        store.apply(new KvDelete("a", -1), 3);
        store.apply(put("b", "2"), 4);

        store.apply(new Restore(saved), 5);

        store.read(s -> {
            assertThat(s.key("a").value()).isPresent();
            assertThat(s.key("a").index()).isEqualTo(5);
            assertThat(s.key("a").value().orElseThrow().createIndex()).isEqualTo(1);
            assertThat(s.key("b").value()).isEmpty();
            assertThat(s.key("b").index()).isEqualTo(5); // a tombstone at the restore: its index does not go back
            assertThat(s.instances("web").value()).hasSize(1);
            assertThat(s.instances("web").index()).isEqualTo(5);
            assertThat(s.nodes().index()).isEqualTo(5);
            assertThat(s.lastIndex()).isEqualTo(5);
            return null;
        });
    }

    @Test
    void restore_wakesEveryWaitingQuery_andLaterWritesApplyAfterIt() {
        CatalogStore store = new CatalogStore();
        store.apply(put("a", "1"), 1);
        CatalogSnapshot fromAnotherCluster = new CatalogSnapshot(900, java.util.List.of(), java.util.List.of(),
                java.util.Map.of(), java.util.Map.of(Topic.NODES, 900L));
        AtomicBoolean keyWoke = new AtomicBoolean();
        AtomicBoolean nodesWoke = new AtomicBoolean();
        store.watch(Scope.prefix(Topic.key("a")), () -> keyWoke.set(true));
        store.watch(Scope.of(Topic.NODES), () -> nodesWoke.set(true));

        store.apply(new Restore(fromAnotherCluster), 2);
        store.apply(put("c", "3"), 3);

        assertThat(keyWoke).isTrue();
        assertThat(nodesWoke).isTrue();
        assertThat(store.lastIndex()).isEqualTo(3);
        assertThat(store.read(s -> s.nodes().index()).longValue()).isEqualTo(2);
    }

    /** Regression: a restore through the log dropped the snapshot's ACL tokens and policies. */
    @Test
    void restore_bringsBackAclTokens_asConsulsSnapshotsDo() {
        CatalogStore store = new CatalogStore();
        dev.signpost.core.acl.AclToken token = new dev.signpost.core.acl.AclToken(
                "a1b2c3d4-0000-0000-0000-000000000001", "s3cr3t", "kept", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), false, "2026-12-07T01:00:00Z", 0, 0);
        store.apply(new dev.signpost.core.command.AclTokenSet(token), 1);
        CatalogSnapshot saved = store.snapshot();
        store.apply(new dev.signpost.core.command.AclTokenDelete(token.accessorId()), 2);

        store.apply(new Restore(saved), 3);

        store.read(s -> {
            assertThat(s.acl().tokenBySecret("s3cr3t")).isPresent();
            return null;
        });
    }
}
