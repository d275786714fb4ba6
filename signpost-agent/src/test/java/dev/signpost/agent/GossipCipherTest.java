package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class GossipCipherTest {
    static final byte[] K1 = Base64.getDecoder().decode("pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=");
    static final byte[] K2 = Base64.getDecoder().decode("4le7Bj0XpbVtMWnLx2d3b3RmTyi/xbXPDlxVIOp/Sbg=");
    static final byte[] K16 = Base64.getDecoder().decode("i0P+gFTkLPg0h53eNYjydg==");
    private static final byte[] HELLO = "{\"from\":\"n1\"}".getBytes(StandardCharsets.UTF_8);

    private final GossipCipher cipher = new GossipCipher(new SecureRandom());

    @Test
    void sealedMessage_opensWithItsKey_andHidesItsText() throws Exception {
        byte[] sealed = cipher.seal(K1, "request /lan/hello", HELLO);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("n1");
        GossipCipher.Opened opened = cipher.open(List.of(K1), "request /lan/hello", sealed);
        assertThat(opened.plain()).isEqualTo(HELLO);
        assertThat(opened.key()).isEqualTo(K1);
    }

    @Test
    void twoSealsOfOneMessage_differ_becauseEachHasItsOwnNonce() {
        assertThat(cipher.seal(K1, "p", HELLO)).isNotEqualTo(cipher.seal(K1, "p", HELLO));
    }

    @Test
    void wrongKey_isRefused() {
        byte[] sealed = cipher.seal(K1, "request /lan/hello", HELLO);

        assertThatThrownBy(() -> cipher.open(List.of(K2), "request /lan/hello", sealed))
                .isInstanceOf(GossipCipher.NoKeyException.class)
                .hasMessage("No installed keys could decrypt the message");
    }

    @Test
    void tamperedMessage_isRefused_whicheverByteChanged() {
        byte[] sealed = cipher.seal(K1, "request /lan/hello", HELLO);
        for (int i = 1; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(List.of(K1), "request /lan/hello", changed))
                    .as("byte %d", i).isInstanceOf(GossipCipher.NoKeyException.class);
        }
    }

    @Test
    void messageSealedForOnePurpose_isRefusedForAnother() {
        byte[] hello = cipher.seal(K1, "request /lan/hello", HELLO);

        assertThatThrownBy(() -> cipher.open(List.of(K1), "request /lan/leave", hello))
                .isInstanceOf(GossipCipher.NoKeyException.class);
        assertThatThrownBy(() -> cipher.open(List.of(K1), "reply /lan/hello", hello))
                .isInstanceOf(GossipCipher.NoKeyException.class);
    }

    @Test
    void rotation_everyInstalledKeyIsTried_andTheOneThatOpenedIsReported() throws Exception {
        byte[] oldSender = cipher.seal(K1, "p", HELLO);
        byte[] newSender = cipher.seal(K2, "p", HELLO);

        assertThat(cipher.open(List.of(K2, K1), "p", oldSender).key()).isEqualTo(K1);
        assertThat(cipher.open(List.of(K2, K1), "p", newSender).key()).isEqualTo(K2);
    }

    @Test
    void aes128Keys_work_asMemberlistAllows16ByteKeys() throws Exception {
        assertThat(cipher.open(List.of(K16), "p", cipher.seal(K16, "p", HELLO)).plain()).isEqualTo(HELLO);
    }

    @Test
    void plainOrTruncatedBytes_areNotAnEnvelope() {
        assertThatThrownBy(() -> cipher.open(List.of(K1), "p", HELLO))
                .isInstanceOf(GossipCipher.NoKeyException.class).hasMessageContaining("not an encrypted message");
        assertThatThrownBy(() -> cipher.open(List.of(K1), "p", new byte[] {1, 2, 3}))
                .isInstanceOf(GossipCipher.NoKeyException.class);
    }
}
