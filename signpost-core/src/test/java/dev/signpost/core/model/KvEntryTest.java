package dev.signpost.core.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvEntryTest {

    @Test
    void valueIsNeverSharedWithCallers() {
        byte[] given = "v1".getBytes(StandardCharsets.UTF_8);
        KvEntry entry = new KvEntry("k", given, 0, 0, "", 1, 1);
        given[0] = 'x';
        entry.value()[1] = 'x';

        assertThat(entry.value()).asString(StandardCharsets.UTF_8).isEqualTo("v1");
    }

    @Test
    void equalsComparesValueContent() {
        KvEntry a = new KvEntry("k", new byte[] {1, 2}, 7, 0, "", 1, 2);
        KvEntry b = new KvEntry("k", new byte[] {1, 2}, 7, 0, "", 1, 2);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new KvEntry("k", new byte[] {1, 3}, 7, 0, "", 1, 2));
        assertThat(a).isNotEqualTo(new KvEntry("k", new byte[] {1, 2}, 8, 0, "", 1, 2));
        assertThat(a).isNotEqualTo(new KvEntry("k", new byte[] {1, 2}, 7, 0, "", 1, 3));
    }

    @Test
    void toString_givesSizeNotBytes() {
        assertThat(new KvEntry("k", new byte[3], 0, 0, "", 1, 2))
                .hasToString("KvEntry[k, 3 bytes, flags=0, modifyIndex=2]");
    }
}
