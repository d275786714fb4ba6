package dev.signpost.core.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BytesTest {

    @Test
    void theArrayIsNeverSharedWithCallers() throws Exception {
        byte[] given = "v1".getBytes(StandardCharsets.UTF_8);
        Bytes bytes = Bytes.of(given);
        given[0] = 'x';
        bytes.toArray()[1] = 'x';
        bytes.asInputStream().read(new byte[2]);

        assertThat(bytes.toArray()).asString(StandardCharsets.UTF_8).isEqualTo("v1");
    }

    @Test
    void equalByContent() {
        Bytes a = Bytes.of(new byte[] {1, 2});

        assertThat(a).isEqualTo(Bytes.of(new byte[] {1, 2})).hasSameHashCodeAs(Bytes.of(new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(Bytes.of(new byte[] {1, 3})).isNotEqualTo(Bytes.of(new byte[] {1}));
        assertThat(Bytes.of(new byte[0])).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void readersGetTheBytesInEveryForm() throws Exception {
        Bytes bytes = Bytes.of(new byte[] {9, -1, 0});

        assertThat(bytes.length()).isEqualTo(3);
        assertThat(bytes.isEmpty()).isFalse();
        assertThat(Bytes.EMPTY.isEmpty()).isTrue();
        assertThat(bytes.asInputStream().readAllBytes()).containsExactly(9, -1, 0);
        assertThat(bytes.toBase64()).isEqualTo("Cf8A");
        assertThat(Bytes.EMPTY.toBase64()).isEmpty();
        assertThat(bytes).hasToString("3 bytes");
    }
}
