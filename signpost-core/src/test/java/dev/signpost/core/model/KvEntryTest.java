package dev.signpost.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvEntryTest {

    @Test
    void equalsComparesValueContent() {
        KvEntry a = new KvEntry("k", Bytes.of(new byte[] {1, 2}), 7, 0, "", 1, 2);
        KvEntry b = new KvEntry("k", Bytes.of(new byte[] {1, 2}), 7, 0, "", 1, 2);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new KvEntry("k", Bytes.of(new byte[] {1, 3}), 7, 0, "", 1, 2));
        assertThat(a).isNotEqualTo(new KvEntry("k", Bytes.of(new byte[] {1, 2}), 8, 0, "", 1, 2));
        assertThat(a).isNotEqualTo(new KvEntry("k", Bytes.of(new byte[] {1, 2}), 7, 0, "", 1, 3));
    }

    @Test
    void toString_givesSizeNotBytes() {
        assertThat(new KvEntry("k", Bytes.of(new byte[3]), 0, 0, "", 1, 2))
                .hasToString("KvEntry[k, 3 bytes, flags=0, modifyIndex=2]");
    }
}
