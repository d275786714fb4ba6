package dev.signpost.core.state;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.watch.Topic;

import static dev.signpost.core.state.Fixtures.bytes;
import static dev.signpost.core.state.Fixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

/** Consul's KV semantics (agent/consul/state/kvs.go): check-and-set, deletes, listings and their indexes. */
class KvTableTest {
    private final KvTable kv = new KvTable();
    private final Set<String> changed = new HashSet<>();

    @Test
    void put_thenGet_returnsValueFlagsAndIndexes() {
        boolean written = kv.put(KvPut.set("app/config", bytes("on"), 42), 5, changed);

        assertThat(written).isTrue();
        assertThat(changed).containsExactly(Topic.key("app/config"));
        Indexed<Optional<KvEntry>> got = kv.get("app/config");
        assertThat(got.index()).isEqualTo(5);
        assertThat(got.value()).hasValueSatisfying(e -> {
            assertThat(e.value().toArray()).asString(StandardCharsets.UTF_8).isEqualTo("on");
            assertThat(e.flags()).isEqualTo(42);
            assertThat(e.createIndex()).isEqualTo(5);
            assertThat(e.modifyIndex()).isEqualTo(5);
            assertThat(e.lockIndex()).isZero();
            assertThat(e.session()).isEmpty();
        });
    }

    @Test
    void overwrite_replacesValueAndFlags_keepingCreateIndex() {
        kv.put(KvPut.set("k", bytes("v1"), 1), 5, changed);

        kv.put(KvPut.set("k", bytes("v2"), 2), 6, changed);

        KvEntry entry = kv.get("k").value().orElseThrow();
        assertThat(entry.value().toArray()).asString(StandardCharsets.UTF_8).isEqualTo("v2");
        assertThat(entry.flags()).isEqualTo(2);
        assertThat(entry.createIndex()).isEqualTo(5);
        assertThat(entry.modifyIndex()).isEqualTo(6);
    }

    @Test
    void getOfMissingKey_isEmptyAtIndexOne() {
        assertThat(kv.get("nope").value()).isEmpty();
        assertThat(kv.get("nope").index()).isEqualTo(1);
    }

    @Test
    void casZero_createsAMissingKey() {
        assertThat(kv.put(new KvPut("k", bytes("v"), 0, 0), 5, changed)).isTrue();

        assertThat(kv.get("k").value()).isPresent();
    }

    @Test
    void casZero_neverOverwritesAnExistingKey() {
        kv.put(put("k", "first"), 5, changed);
        changed.clear();

        assertThat(kv.put(new KvPut("k", bytes("second"), 0, 0), 6, changed)).isFalse();

        assertThat(changed).isEmpty();
        assertThat(kv.get("k").value().orElseThrow().value().toArray()).asString(StandardCharsets.UTF_8)
                .isEqualTo("first");
        assertThat(kv.get("k").index()).isEqualTo(5);
    }

    @Test
    void casN_replacesOnlyTheEntryWithModifyIndexN() {
        kv.put(put("k", "v1"), 5, changed);

        assertThat(kv.put(new KvPut("k", bytes("stale"), 0, 4), 6, changed)).isFalse();
        assertThat(kv.put(new KvPut("k", bytes("v2"), 0, 5), 7, changed)).isTrue();
        assertThat(kv.put(new KvPut("k", bytes("stale"), 0, 5), 8, changed)).isFalse();

        assertThat(kv.get("k").value().orElseThrow().value().toArray()).asString(StandardCharsets.UTF_8)
                .isEqualTo("v2");
        assertThat(kv.get("k").index()).isEqualTo(7);
    }

    @Test
    void casN_onMissingKey_fails() {
        assertThat(kv.put(new KvPut("k", bytes("v"), 0, 5), 6, changed)).isFalse();

        assertThat(kv.get("k").value()).isEmpty();
        assertThat(changed).isEmpty();
    }

    @Test
    void delete_removesTheKey_andLeavesItsIndexAtTheDelete() {
        kv.put(put("k", "v"), 5, changed);

        assertThat(kv.delete(new KvDelete("k", KvDelete.NO_CAS), 8, changed)).isTrue();

        assertThat(kv.get("k").value()).isEmpty();
        assertThat(kv.get("k").index()).isEqualTo(8);
    }

    @Test
    void deleteOfMissingKey_succeedsAndChangesNothing() {
        assertThat(kv.delete(new KvDelete("nope", KvDelete.NO_CAS), 5, changed)).isTrue();

        assertThat(changed).isEmpty();
        assertThat(kv.get("nope").index()).isEqualTo(1);
    }

    @Test
    void deleteCas_withCurrentModifyIndex_deletes() {
        kv.put(put("k", "v"), 5, changed);

        assertThat(kv.delete(new KvDelete("k", 5), 6, changed)).isTrue();

        assertThat(kv.get("k").value()).isEmpty();
    }

    @Test
    void deleteCas_withStaleModifyIndex_keepsTheKey() {
        kv.put(put("k", "v1"), 5, changed);
        kv.put(put("k", "v2"), 6, changed);
        changed.clear();

        assertThat(kv.delete(new KvDelete("k", 5), 7, changed)).isFalse();

        assertThat(kv.get("k").value()).isPresent();
        assertThat(changed).isEmpty();
    }

    @Test
    void deleteCasZero_deletesNothing() {
        kv.put(put("k", "v"), 5, changed);
        changed.clear();

        assertThat(kv.delete(new KvDelete("k", 0), 6, changed)).isFalse();

        assertThat(kv.get("k").value()).isPresent();
        assertThat(changed).isEmpty();
    }

    /** Consul's kvsDeleteCASTxn answers true for a key that is already gone: the caller's goal holds. */
    @Test
    void deleteCas_ofMissingKey_succeedsWithoutChange_asConsul() {
        assertThat(kv.delete(new KvDelete("nope", 0), 5, changed)).isTrue();
        assertThat(kv.delete(new KvDelete("nope", 3), 6, changed)).isTrue();

        assertThat(changed).isEmpty();
    }

    @Test
    void deleteTree_removesEveryKeyWithThePrefix_only() {
        kv.put(put("app/a", "1"), 5, changed);
        kv.put(put("app/b/c", "2"), 6, changed);
        kv.put(put("apple", "3"), 7, changed);
        changed.clear();

        kv.deleteTree(new KvDeleteTree("app/"), 8, changed);

        assertThat(kv.list("").value()).extracting(KvEntry::key).containsExactly("apple");
        assertThat(changed).containsExactlyInAnyOrder(Topic.key("app/a"), Topic.key("app/b/c"));
    }

    @Test
    void deleteTreeOfEmptyPrefix_removesEverything() {
        kv.put(put("a", "1"), 5, changed);
        kv.put(put("b/c", "2"), 6, changed);

        kv.deleteTree(new KvDeleteTree(""), 7, changed);

        assertThat(kv.list("").value()).isEmpty();
        assertThat(kv.list("").index()).isEqualTo(7);
    }

    @Test
    void list_returnsEntriesUnderThePrefixInKeyOrder_withTheirHighestIndex() {
        kv.put(put("app/b", "2"), 5, changed);
        kv.put(put("app/a", "1"), 7, changed);
        kv.put(put("apple", "x"), 9, changed);
        kv.put(put("ap", "x"), 10, changed);

        Indexed<List<KvEntry>> listed = kv.list("app/");

        assertThat(listed.value()).extracting(KvEntry::key).containsExactly("app/a", "app/b");
        assertThat(listed.index()).isEqualTo(7);
    }

    @Test
    void keysWithoutSeparator_listEveryKeyUnderThePrefix() {
        kv.put(put("a/b", "1"), 5, changed);
        kv.put(put("a/c/d", "2"), 6, changed);
        kv.put(put("b", "3"), 7, changed);

        assertThat(kv.keys("a/", "").value()).containsExactly("a/b", "a/c/d");
        assertThat(kv.keys("", "").value()).containsExactly("a/b", "a/c/d", "b");
    }

    @Test
    void keysWithSeparator_foldAtTheFirstSeparatorAfterThePrefix() {
        kv.put(put("web/a", "1"), 5, changed);
        kv.put(put("web/b/x", "2"), 6, changed);
        kv.put(put("web/b/y/z", "3"), 7, changed);
        kv.put(put("web/c/", "4"), 8, changed);
        kv.put(put("webby", "5"), 9, changed);

        Indexed<List<String>> keys = kv.keys("web/", "/");

        assertThat(keys.value()).containsExactly("web/a", "web/b/", "web/c/");
        assertThat(keys.index()).isEqualTo(8);
    }

    @Test
    void keysWithSeparator_andEmptyPrefix_giveTheTopLevel() {
        kv.put(put("a/b", "1"), 5, changed);
        kv.put(put("a/c", "2"), 6, changed);
        kv.put(put("top", "3"), 7, changed);

        assertThat(kv.keys("", "/").value()).containsExactly("a/", "top");
    }

    @Test
    void keysWithMultiCharacterSeparator_keepTheWholeSeparator() {
        kv.put(put("x::y::z", "1"), 5, changed);

        assertThat(kv.keys("x", "::").value()).containsExactly("x::");
    }

    @Test
    void keysUnderEmptyPrefix_ofEmptyTable_isEmptyList() {
        assertThat(kv.keys("", "/").value()).isEmpty();
    }

    @Test
    void deleteUnderPrefix_movesPrefixIndexForward_neverBack() {
        kv.put(put("app/a", "1"), 5, changed);
        kv.put(put("app/b", "2"), 9, changed);

        kv.delete(new KvDelete("app/b", KvDelete.NO_CAS), 12, changed);

        assertThat(kv.list("app/").index()).isEqualTo(12);
        assertThat(kv.keys("app/", "/").index()).isEqualTo(12);
        assertThat(kv.list("app/a").index()).isEqualTo(5);
    }

    @Test
    void deleteTree_movesThePrefixIndexToTheDelete() {
        kv.put(put("app/a", "1"), 5, changed);

        kv.deleteTree(new KvDeleteTree("app/"), 6, changed);

        assertThat(kv.list("app/").value()).isEmpty();
        assertThat(kv.list("app/").index()).isEqualTo(6);
        assertThat(kv.get("app/a").index()).isEqualTo(6);
    }

    @Test
    void recreatedKey_clearsItsTombstone_andKeepsGrowing() {
        kv.put(put("k", "1"), 5, changed);
        kv.delete(new KvDelete("k", KvDelete.NO_CAS), 6, changed);

        kv.put(put("k", "2"), 7, changed);

        assertThat(kv.tombstones()).isEmpty();
        KvEntry entry = kv.get("k").value().orElseThrow();
        assertThat(entry.createIndex()).isEqualTo(7);
        assertThat(kv.get("k").index()).isEqualTo(7);
    }

    @Test
    void tombstoneOutsidePrefix_doesNotMoveIt() {
        kv.put(put("app/a", "1"), 5, changed);
        kv.put(put("other", "1"), 6, changed);

        kv.delete(new KvDelete("other", KvDelete.NO_CAS), 7, changed);

        assertThat(kv.list("app/").index()).isEqualTo(5);
    }

    @Test
    void prefixLists_includeKeysWhoseNextCharIsTheLargestChar_regressionForTheUFFFFBound() {
        kv.put(put("a/b", "1"), 1, changed);
        kv.put(put("a/\uFFFFz", "2"), 2, changed);
        kv.put(put("a0", "3"), 3, changed);
        kv.put(put("\uFFFF/x", "4"), 4, changed);

        assertThat(kv.list("a/").value()).extracting(KvEntry::key).containsExactly("a/b", "a/\uFFFFz");
        assertThat(kv.list("\uFFFF").value()).extracting(KvEntry::key).containsExactly("\uFFFF/x");
        assertThat(kv.keys("a/", "").value()).containsExactly("a/b", "a/\uFFFFz");
    }

    @Test
    void reapingTombstones_forgetsDeletesUpToTheIndex_andThePrefixIndexFallsBackToItsNewestEntry() {
        kv.put(KvPut.set("app/a", bytes("1"), 0), 3, changed);
        kv.put(KvPut.set("app/b", bytes("2"), 0), 4, changed);
        kv.put(KvPut.set("app/c", bytes("3"), 0), 5, changed);
        kv.delete(new KvDelete("app/b", KvDelete.NO_CAS), 6, changed);
        kv.delete(new KvDelete("app/c", KvDelete.NO_CAS), 8, changed);
        assertThat(kv.list("app/").index()).isEqualTo(8);
        changed.clear();

        assertThat(kv.reapTombstones(6)).isEqualTo(1);
        assertThat(changed).as("nothing visible changed: no watcher wakes").isEmpty();
        assertThat(kv.get("app/b").index()).isEqualTo(1);
        assertThat(kv.get("app/c").index()).isEqualTo(8);
        assertThat(kv.list("app/").index()).isEqualTo(8);

        assertThat(kv.reapTombstones(8)).isEqualTo(1);
        assertThat(kv.list("app/").index()).as("back to app/a's index, as Consul after a reap").isEqualTo(3);
        assertThat(kv.tombstones()).isEmpty();
    }
}
