package dev.signpost.cli;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.KvPut;
import dev.signpost.core.state.CatalogState;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStatsTest {

    /** A key's size is its JSON as the archive's state holds it: the value a base64 string, as it always was. */
    @Test
    void kvSize_countsTheValueAsBase64() {
        CatalogState state = new CatalogState();
        state.apply(new KvPut("k", new byte[] {1, 2, 3}, 0, KvPut.NO_CAS), 2);

        String json = "{\"key\":\"k\",\"value\":\"AQID\",\"flags\":0,\"lockIndex\":0,\"session\":\"\",\"createIndex\":2,"
                + "\"modifyIndex\":2}";
        assertThat(SnapshotStats.kinds(state.snapshot())).filteredOn(k -> k.name().equals("KVS"))
                .containsExactly(new SnapshotStats.Kind("KVS", 1, json.getBytes(StandardCharsets.UTF_8).length));
    }
}
