package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GossipKeyringTest {
    static final String K1 = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=";
    static final String K2 = "4le7Bj0XpbVtMWnLx2d3b3RmTyi/xbXPDlxVIOp/Sbg=";

    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    @Test
    void encryptKey_makesAKeyringFile_ownerOnly_inConsulsPlace() throws Exception {
        GossipKeyring ring = GossipKeyring.open(Optional.of(K1), Optional.of(dir), warnings::add).orElseThrow();

        Path file = dir.resolve("serf/local.keyring");
        assertThat(ring.keys()).containsExactly(K1);
        assertThat(Files.readString(file)).isEqualTo("[\"" + K1 + "\"]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(warnings).isEmpty();
    }

    @Test
    void noKeyAndNoFile_meansNoEncryption() throws Exception {
        assertThat(GossipKeyring.open(Optional.empty(), Optional.of(dir), warnings::add)).isEmpty();
    }

    @Test
    void restartedAgent_keepsTheKeysItWasGiven_andWarnsAsConsulWhenEncryptIsGivenToo() throws Exception {
        GossipKeyring first = GossipKeyring.open(Optional.of(K1), Optional.of(dir), warnings::add).orElseThrow();
        first.install(K2);
        first.use(K2);
        first.remove(K1);

        GossipKeyring again = GossipKeyring.open(Optional.of(K1), Optional.of(dir), warnings::add).orElseThrow();

        assertThat(again.keys()).containsExactly(K2);
        assertThat(warnings).containsExactly("WARNING: LAN keyring exists but -encrypt given, using keyring",
                "keyring doesn't include key provided with -encrypt, using keyring: keyring=LAN");
        assertThat(GossipKeyring.open(Optional.empty(), Optional.of(dir), warnings::add)).isPresent();
    }

    @Test
    void install_use_remove_followMemberlist() throws Exception {
        GossipKeyring ring = GossipKeyring.open(Optional.of(K1), Optional.empty(), warnings::add).orElseThrow();

        ring.install(K2);
        ring.install(K2);
        assertThat(ring.keys()).containsExactly(K1, K2);
        assertThat(ring.primary()).isEqualTo(K1);
        assertThatThrownBy(() -> ring.remove(K1)).hasMessage("Removing the primary key is not allowed");
        ring.use(K2);
        assertThat(ring.keys()).containsExactly(K2, K1);
        ring.remove(K1);
        ring.remove(K1);
        assertThat(ring.keys()).containsExactly(K2);
        assertThatThrownBy(() -> ring.use(K1)).hasMessage("Requested key is not in the keyring");
    }

    @Test
    void badKeys_areRefusedInGosWords() {
        assertThatThrownBy(() -> GossipKeyring.validate("this is not a valid key"))
                .hasMessage("illegal base64 data at input byte 4");
        assertThatThrownBy(() -> GossipKeyring.validate("aGVsbG8="))
                .hasMessage("key size must be 16, 24 or 32 bytes");
        assertThatThrownBy(() -> GossipKeyring.open(Optional.of("aGVsbG8="), Optional.of(dir), warnings::add))
                .hasMessage("Invalid key: key size must be 16, 24 or 32 bytes");
        assertThat(dir.resolve("serf/local.keyring")).doesNotExist();
    }

    @Test
    void emptyKeyringFile_isRefused() throws Exception {
        Files.createDirectories(dir.resolve("serf"));
        Files.writeString(dir.resolve("serf/local.keyring"), "[]");

        assertThatThrownBy(() -> GossipKeyring.open(Optional.empty(), Optional.of(dir), warnings::add))
                .hasMessageStartingWith("no keys present in keyring: ");
    }
}
