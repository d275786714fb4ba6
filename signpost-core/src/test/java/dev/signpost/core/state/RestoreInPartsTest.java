package dev.signpost.core.state;

import static dev.signpost.core.state.Fixtures.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.RestorePart;
import dev.signpost.core.watch.Topic;

/** A restore too large for one log entry, staged part by part in the replicated state ({@link StagedRestore}). */
class RestoreInPartsTest {
    /** Stands in for the codec: the bytes name a snapshot this test made. */
    private final Map<String, CatalogSnapshot> encoded = new HashMap<>();
    private final CatalogState state = new CatalogState(this::decode);

    private CatalogSnapshot decode(byte[] bytes) {
        CatalogSnapshot snapshot = encoded.get(new String(bytes, StandardCharsets.UTF_8));
        if (snapshot == null) {
            throw new IllegalArgumentException("not a snapshot");
        }
        return snapshot;
    }

    /** A snapshot holding one key, and the bytes that stand for it, cut into three parts. */
    private RestorePart[] archiveWith(String key, String restoreId) {
        CatalogState source = new CatalogState();
        source.apply(put(key, "restored"), 1);
        String name = "snapshot-with-" + key + "-" + "x".repeat(20);
        encoded.put(name, source.snapshot());
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int third = bytes.length / 3;
        return new RestorePart[] {
            new RestorePart(restoreId, 0, 3, Arrays.copyOfRange(bytes, 0, third)),
            new RestorePart(restoreId, 1, 3, Arrays.copyOfRange(bytes, third, 2 * third)),
            new RestorePart(restoreId, 2, 3, Arrays.copyOfRange(bytes, 2 * third, bytes.length))};
    }

    @Test
    void partsInOrder_changeNothingUntilTheLast_whichRestoresEverythingAtItsIndex() {
        state.apply(put("before", "x"), 1);
        RestorePart[] parts = archiveWith("after", "r1");

        CatalogState.Applied first = state.apply(parts[0], 2);
        CatalogState.Applied second = state.apply(parts[1], 3);
        assertThat(first.result()).isTrue();
        assertThat(second.result()).isTrue();
        assertThat(first.changed()).isEmpty();
        assertThat(state.key("before").value()).isPresent();

        CatalogState.Applied last = state.apply(parts[2], 4);
        assertThat(last.result()).isTrue();
        assertThat(last.changed()).contains(Topic.key("before"), Topic.key("after"));
        assertThat(state.key("before").value()).isEmpty();
        assertThat(state.key("after").value().orElseThrow().modifyIndex()).isEqualTo(4);
        assertThat(state.snapshot().restoring()).isNull();
    }

    @Test
    void aPartThatDoesNotFollow_isRefused_andANewFirstPartDropsAnUnfinishedRestore() {
        RestorePart[] one = archiveWith("one", "r1");
        RestorePart[] two = archiveWith("two", "r2");
        state.apply(one[0], 1);
        assertThat(state.apply(one[2], 2).result()).as("skips a part").isFalse();
        assertThat(state.apply(two[1], 3).result()).as("another restore's part").isFalse();
        assertThat(state.snapshot().restoring().received()).hasSize(1);

        state.apply(two[0], 4);
        assertThat(state.apply(one[1], 5).result()).as("the dropped restore goes on").isFalse();
        state.apply(two[1], 6);
        assertThat(state.apply(two[2], 7).result()).isTrue();
        assertThat(state.key("two").value()).isPresent();
        assertThat(state.key("one").value()).isEmpty();
    }

    @Test
    void aServerThatCatchesUpFromASnapshotTakenBetweenParts_endsTheSame() {
        RestorePart[] parts = archiveWith("after", "r1");
        state.apply(parts[0], 1);
        CatalogState follower = new CatalogState(this::decode);
        follower.restore(state.snapshot());
        assertThat(follower.snapshot()).isEqualTo(state.snapshot());

        for (CatalogState s : new CatalogState[] {state, follower}) {
            s.apply(parts[1], 2);
            s.apply(parts[2], 3);
        }
        assertThat(follower.snapshot()).isEqualTo(state.snapshot());
        assertThat(follower.key("after").value()).isPresent();
    }

    @Test
    void partsThatDoNotDecode_restoreNothing_andSaySo() {
        state.apply(put("kept", "x"), 1);
        state.apply(new RestorePart("r1", 0, 2, "not a ".getBytes(StandardCharsets.UTF_8)), 2);
        CatalogState.Applied last = state.apply(new RestorePart("r1", 1, 2, "snapshot".getBytes(StandardCharsets.UTF_8)), 3);
        assertThat(last.result()).isFalse();
        assertThat(last.changed()).isEmpty();
        assertThat(state.key("kept").value()).isPresent();
        assertThat(state.snapshot().restoring()).isNull();
    }
}
