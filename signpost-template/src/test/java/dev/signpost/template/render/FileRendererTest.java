package dev.signpost.template.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileRendererTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream dryOut = new ByteArrayOutputStream();
    private final List<String> checked = new ArrayList<>();

    private FileRenderer renderer(boolean dry, Optional<String> checkFailure) {
        return new FileRenderer((command, staged) -> {
            try {
                checked.add(command + " " + Files.readString(staged));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return checkFailure;
        }, dry, new PrintStream(dryOut, true, StandardCharsets.UTF_8));
    }

    private static FileRenderer.Request request(Path dest, String text) {
        return new FileRenderer.Request(dest, text.getBytes(StandardCharsets.UTF_8), Optional.empty(), false, true,
                "");
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void newFile_isWrittenWithMode0644() throws IOException {
        Path out = dir.resolve("out.conf");
        FileRenderer.Outcome o = renderer(false, Optional.empty()).render(request(out, "hello\n"));
        assertThat(o.didRender()).isTrue();
        assertThat(Files.readString(out)).isEqualTo("hello\n");
        assertThat(mode(out)).isEqualTo("rw-r--r--");
        assertThat(o.diff()).contains("+hello");
    }

    @Test
    void sameBytes_writeNothing() throws IOException {
        Path out = dir.resolve("out.conf");
        Files.writeString(out, "same");
        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(out, before);
        FileRenderer.Outcome o = renderer(false, Optional.empty()).render(request(out, "same"));
        assertThat(o.wouldRender()).isTrue();
        assertThat(o.didRender()).isFalse();
        assertThat(Files.getLastModifiedTime(out)).isEqualTo(before);
    }

    @Test
    void existingMode_isKept_unlessPermsAreGiven() throws IOException {
        Path out = dir.resolve("out.conf");
        Files.writeString(out, "old");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        renderer(false, Optional.empty()).render(request(out, "new"));
        assertThat(mode(out)).isEqualTo("rw-------");
        renderer(false, Optional.empty()).render(new FileRenderer.Request(out, "newer".getBytes(StandardCharsets.UTF_8),
                Optional.of(0640), false, true, ""));
        assertThat(mode(out)).isEqualTo("rw-r-----");
    }

    @Test
    void write_replacesTheFileByRename_leavingNoTempFiles() throws IOException {
        Path out = dir.resolve("out.conf");
        Files.writeString(out, "old");
        Object inodeBefore = Files.getAttribute(out, "unix:ino");
        renderer(false, Optional.empty()).render(request(out, "new"));
        assertThat(Files.getAttribute(out, "unix:ino")).isNotEqualTo(inodeBefore);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.conf");
        }
    }

    @Test
    void backup_keepsThePreviousFileAsBak() throws IOException {
        Path out = dir.resolve("out.conf");
        Files.writeString(out, "one");
        FileRenderer r = renderer(false, Optional.empty());
        r.render(new FileRenderer.Request(out, "two".getBytes(StandardCharsets.UTF_8), Optional.empty(), true, true,
                ""));
        r.render(new FileRenderer.Request(out, "three".getBytes(StandardCharsets.UTF_8), Optional.empty(), true, true,
                ""));
        assertThat(Files.readString(out)).isEqualTo("three");
        assertThat(Files.readString(dir.resolve("out.conf.bak"))).isEqualTo("two");
        assertThat(dir.resolve("out.conf.old.bak")).doesNotExist();
    }

    @Test
    void missingParents_areCreated_unlessCreateDestDirsIsOff() {
        Path out = dir.resolve("a/b/out.conf");
        renderer(false, Optional.empty()).render(request(out, "x"));
        assertThat(out).hasContent("x");
        Path other = dir.resolve("c/out.conf");
        assertThatThrownBy(() -> renderer(false, Optional.empty()).render(new FileRenderer.Request(other,
                new byte[] {'x'}, Optional.empty(), false, false, "")))
                .isInstanceOf(RenderException.class).hasMessage(other + ": parent directory is missing");
    }

    @Test
    void dryRun_printsDestinationAndContents_andWritesNothing() {
        Path out = dir.resolve("out.conf");
        renderer(true, Optional.empty()).render(request(out, "backend app\n"));
        assertThat(dryOut.toString(StandardCharsets.UTF_8)).isEqualTo("> " + out + "\nbackend app\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void checkCommand_seesTheStagedContent_beforeTheFileIsReplaced() throws IOException {
        Path out = dir.resolve("out.conf");
        renderer(false, Optional.empty()).render(new FileRenderer.Request(out, "good".getBytes(StandardCharsets.UTF_8),
                Optional.empty(), false, true, "validate"));
        assertThat(checked).containsExactly("validate good");
        assertThat(Files.readString(out)).isEqualTo("good");
    }

    @Test
    void failedCheck_keepsTheOldFile_andSaysWhy() throws IOException {
        Path out = dir.resolve("out.conf");
        Files.writeString(out, "old");
        assertThatThrownBy(() -> renderer(false, Optional.of("exit 1: bad config")).render(new FileRenderer.Request(
                out, "broken".getBytes(StandardCharsets.UTF_8), Optional.empty(), false, true, "validate")))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.checkFailed()).isTrue())
                .hasMessageContaining("exit 1: bad config");
        assertThat(Files.readString(out)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.conf");
        }
    }
}
