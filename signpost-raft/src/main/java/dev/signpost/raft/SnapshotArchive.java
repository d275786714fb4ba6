package dev.signpost.raft;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.state.CatalogSnapshot;

/**
 * A whole-state snapshot archive, laid out as Consul's: a gzip'd tar of {@code meta.json} (index, term,
 * versions), {@code state.bin} (the core's snapshot in the Raft snapshot encoding) and {@code SHA256SUMS}
 * (one {@code sha256sum} line per file). Reading checks every part before anything is restored and refuses
 * a damaged archive with an {@link InvalidRequestException} that says what is wrong. Pure: bytes in, bytes out.
 */
public final class SnapshotArchive {
    /** The archive format version in meta.json. */
    static final int VERSION = 1;
    private static final long MAX_FILE = 1L << 30;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What meta.json says; {@code Version} is the archive format, {@code SignpostVersion} the writer's release.
     */
    public record Meta(int Version, String ID, long Index, long Term, long Size, String SignpostVersion) {
        public Meta {
            requireNonNull(ID, "ID");
            requireNonNull(SignpostVersion, "SignpostVersion");
        }
    }

    /** A read archive: its metadata and the state it holds. */
    public record Content(Meta meta, CatalogSnapshot snapshot) {
    }

    private SnapshotArchive() {
    }

    static byte[] write(CommandCodec codec, CatalogSnapshot snapshot, long term, String signpostVersion,
                        long nowMillis) {
        try {
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            codec.writeSnapshot(snapshot, state);
            byte[] stateBytes = state.toByteArray();
            Meta meta = new Meta(VERSION, term + "-" + snapshot.lastIndex() + "-" + nowMillis, snapshot.lastIndex(),
                    term, stateBytes.length, signpostVersion);
            byte[] metaBytes = JSON.writeValueAsBytes(meta);
            String sums = sha256(metaBytes) + "  meta.json\n" + sha256(stateBytes) + "  state.bin\n";
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("meta.json", metaBytes);
            files.put("state.bin", stateBytes);
            files.put("SHA256SUMS", sums.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream archive = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(archive)) {
                gzip.write(Tar.write(files, nowMillis / 1000));
            }
            return archive.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a snapshot archive: " + e.getMessage(), e);
        }
    }

    /** Only the metadata, after checking every checksum (what {@code snapshot inspect} shows). */
    public static Meta inspect(byte[] archive) {
        return meta(files(archive).get("meta.json"));
    }

    /** The metadata and the state, after checking every checksum (what {@code snapshot inspect} counts). */
    public static Content open(byte[] archive) {
        return read(new CommandCodec(), archive);
    }

    static Content read(CommandCodec codec, byte[] archive) {
        Map<String, byte[]> files = files(archive);
        Meta meta = meta(files.get("meta.json"));
        try (InputStream in = new ByteArrayInputStream(files.get("state.bin"))) {
            return new Content(meta, codec.readSnapshot(in));
        } catch (IOException e) {
            throw invalid("state.bin cannot be decoded: " + firstLine(e.getMessage()));
        }
    }

    private static Meta meta(byte[] bytes) {
        Meta meta;
        try {
            meta = JSON.readValue(bytes, Meta.class);
        } catch (IOException | NullPointerException e) {
            throw invalid("meta.json cannot be decoded");
        }
        if (meta.Version() != VERSION) {
            throw invalid("unsupported snapshot version " + meta.Version());
        }
        return meta;
    }

    /** The archive's files, every one present and matching SHA256SUMS. */
    private static Map<String, byte[]> files(byte[] archive) {
        Map<String, byte[]> files;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            files = Tar.read(in, MAX_FILE);
        } catch (IOException e) {
            throw invalid(e instanceof java.io.EOFException ? "unexpected end of the archive"
                    : firstLine(e.getMessage()));
        }
        for (String name : new String[] {"meta.json", "state.bin", "SHA256SUMS"}) {
            if (!files.containsKey(name)) {
                throw invalid("the archive has no " + name);
            }
        }
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(files.get("SHA256SUMS"), StandardCharsets.US_ASCII).split("\n")) {
            String[] parts = line.split(" {2}", 2);
            if (parts.length == 2) {
                sums.put(parts[1], parts[0]);
            }
        }
        for (String name : new String[] {"meta.json", "state.bin"}) {
            if (!sha256(files.get(name)).equals(sums.get(name))) {
                throw invalid("sha256 hash mismatch for " + name);
            }
        }
        return files;
    }

    private static InvalidRequestException invalid(String why) {
        return new InvalidRequestException("Invalid snapshot archive: " + why);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
