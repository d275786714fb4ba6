package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/signpost image} on a machine that lacks what it needs: it names the Debian packages, and builds nothing. */
class ImageBuildTest {
    @TempDir
    Path bin;

    @Test
    void missingTools_areNamedWithTheirDebianPackages() throws Exception {
        // A PATH with the shell's basic tools but neither docker nor setpriv.
        for (String tool : List.of("bash", "dirname", "readlink", "sed", "cat", "sha256sum", "cut", "tar", "ldd")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(dir, tool);
                if (Files.isExecutable(found) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), found);
                }
            }
        }
        Tools.Result result = Tools.exec(List.of(bin.resolve("bash").toString(),
                SignpostImage.root().resolve("bin/signpost").toString(), "image"), Duration.ofSeconds(30),
                Map.of("PATH", bin.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("image: missing tools; install them with: apt-get install docker.io util-linux");
    }

    @Test
    void help_saysWhatItBuildsAndNeeds() {
        Tools.Result result = Tools.exec(List.of("bash", SignpostImage.root().resolve("bin/signpost").toString(),
                "image", "--help"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("Usage: bin/signpost image [--tag NAME:TAG]... [--jar PATH] [--force]")
                .contains("busybox-static and util-linux (setpriv)");
    }

    @Test
    void anUnknownArgument_isRefused() {
        Tools.Result result = Tools.exec(List.of("bash", SignpostImage.root().resolve("bin/signpost").toString(),
                "image", "--bogus"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("image: unknown argument: --bogus");
    }
}
