package dev.signpost.template.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellTest {

    @TempDir
    Path dir;

    private final Shell shell = new Shell(Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:8500"), Duration.ofSeconds(10));

    @Test
    void command_runsUnderShWithTheRegistryAddress() throws IOException {
        Path out = dir.resolve("env");
        assertThat(shell.run("echo \"$CONSUL_HTTP_ADDR\" > " + out + " && exit 3", Duration.ofSeconds(10)))
                .isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo("127.0.0.1:8500\n");
    }

    @Test
    void command_thatOutlivesItsTimeout_isKilled_andIsExit14() {
        assertThatThrownBy(() -> shell.run("sleep 30", Duration.ofMillis(200)))
                .isInstanceOfSatisfying(RunnerException.class, e -> assertThat(e.exit().code()).isEqualTo(14))
                .hasMessage("command \"sleep 30\" did not exit within time limit (200 ms)");
    }

    @Test
    void check_seesTheStagedPath_andPasses() throws IOException {
        Path staged = dir.resolve("staged file");
        Files.writeString(staged, "ok");
        assertThat(shell.validate("grep -q ok {{staged}}", staged)).isEmpty();
    }

    @Test
    void failingCheck_saysWhyInOneLine() throws IOException {
        Path staged = dir.resolve("staged");
        Files.writeString(staged, "x");
        assertThat(shell.validate("echo notice; echo '[ALERT] unknown keyword foo'; echo done; exit 1", staged))
                .contains("\"echo notice; echo '[ALERT] unknown keyword foo'; echo done; exit 1\" exited with status 1:"
                        + " [ALERT] unknown keyword foo");
    }
}
