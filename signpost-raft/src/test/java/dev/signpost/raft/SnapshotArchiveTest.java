package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.state.CatalogSnapshot;

class SnapshotArchiveTest {
    private final CommandCodec codec = new CommandCodec();
    private final CatalogSnapshot state = new CatalogSnapshot(42, List.of(),
            List.of(new KvEntry("a", Bytes.of("1".getBytes(StandardCharsets.UTF_8)), 0, 0, "", 40, 41)), Map.of(),
            Map.of("nodes", 42L));

    private byte[] archive() {
        return SnapshotArchive.write(codec, state, 3, "0.1.0", 1_700_000_000_000L);
    }

    @Test
    void anArchive_readsBackItsStateAndMeta() {
        SnapshotArchive.Content content = SnapshotArchive.read(codec, archive());

        assertThat(content.snapshot().kv()).extracting(KvEntry::key).containsExactly("a");
        assertThat(content.meta().Index()).isEqualTo(42);
        assertThat(content.meta().Term()).isEqualTo(3);
        assertThat(content.meta().ID()).isEqualTo("3-42-1700000000000");
        assertThat(content.meta().Version()).isEqualTo(1);
        assertThat(content.meta().SignpostVersion()).isEqualTo("0.1.0");
        assertThat(SnapshotArchive.inspect(archive()).Size()).isEqualTo(content.meta().Size());
    }

    @Test
    void anArchive_carriesPreparedQueriesAndConfigEntries() {
        dev.signpost.core.state.CatalogState withQuery = new dev.signpost.core.state.CatalogState();
        withQuery.apply(new dev.signpost.core.command.PreparedQuerySet(new dev.signpost.core.query.PreparedQuery(
                "11111111-1111-1111-1111-111111111111", "web", "", "",
                dev.signpost.core.query.PreparedQuery.Template.NONE,
                dev.signpost.core.query.PreparedQuery.ServiceQuery.of("web"),
                dev.signpost.core.query.PreparedQuery.Dns.NONE, 0, 0)), 1);
        withQuery.apply(new dev.signpost.core.command.ConfigEntrySet(new dev.signpost.core.config.ConfigEntry(
                "service-defaults", "web", Map.of("Protocol", "http"), 0, 0), false, 0), 2);
        byte[] archive = SnapshotArchive.write(codec, withQuery.snapshot(), 2, "0.1.0", 1_700_000_000_000L);

        assertThat(SnapshotArchive.read(codec, archive).snapshot().queries())
                .extracting(dev.signpost.core.query.PreparedQuery::name).containsExactly("web");
        assertThat(SnapshotArchive.read(codec, archive).snapshot().configEntries())
                .hasSize(1).containsExactlyElementsOf(withQuery.snapshot().configEntries());
    }

    @Test
    void anArchive_isAGzippedTarWithConsulsThreeFiles() throws IOException {
        byte[] tar;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(archive()))) {
            tar = in.readAllBytes();
        }
        assertThat(Tar.read(new ByteArrayInputStream(tar), 1 << 20)).containsOnlyKeys("meta.json", "state.bin",
                "SHA256SUMS");
    }

    @Test
    void aChangedByteInTheState_isRefusedByItsChecksum() throws IOException {
        byte[] tar;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(archive()))) {
            tar = in.readAllBytes();
        }
        String text = new String(tar, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"key\":\"a\"") + 7; // inside state.bin, not a header
        tar[at] = 'b';
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(changed)) {
            gzip.write(tar);
        }

        assertThatThrownBy(() -> SnapshotArchive.read(codec, changed.toByteArray()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid snapshot archive: sha256 hash mismatch for state.bin");
    }

    @Test
    void aTruncatedArchive_isRefused() {
        byte[] whole = archive();
        assertThatThrownBy(() -> SnapshotArchive.read(codec, Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid snapshot archive: ");
    }

    @Test
    void bytesThatAreNoArchive_areRefused() {
        assertThatThrownBy(() -> SnapshotArchive.read(codec, "hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid snapshot archive: Not in GZIP format");
    }
}
