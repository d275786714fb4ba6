package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.SignpostProcess;
import dev.signpost.testing.SignpostProcess.Result;

/** The agent's command line: bad flags and values exit 2 with one line saying what is wrong. */
class AgentCommandLineTest {
    @TempDir
    Path work;

    private Result run(String... args) {
        return SignpostProcess.run(work.resolve("out.log"), List.of(args));
    }

    @Test
    void unknownFlag_exits2_withOneLine() {
        Result r = run("agent", "-dev", "-bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output().strip().lines()).hasSize(1);
        assertThat(r.output()).contains("-bogus");
    }

    @Test
    void badPortValue_exits2() {
        Result r = run("agent", "-dev", "-http-port", "eighty");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("-http-port");
    }

    @Test
    void serverWithoutDataDir_exits2_andSaysWhatToDo() {
        Result r = run("agent", "-server", "-bootstrap", "-bind", "127.0.0.1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output().strip()).contains("data_dir cannot be empty").contains("-data-dir");
    }

    @Test
    void bootstrapAndBootstrapExpect_areMutuallyExclusive() {
        Result r = run("agent", "-server", "-bootstrap", "-bootstrap-expect", "2", "-data-dir", work.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("mutually exclusive");
    }

    @Test
    void nodeFailAfterBelowTheHeartbeat_exits2() {
        Result r = run("agent", "-dev", "-node-fail-after", "500ms");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("-node-fail-after must be at least 2s");
    }

    @Test
    void version_andHelp_exit0() {
        assertThat(run("--version").output()).startsWith("Signpost v");
        Result help = run("agent", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("-bootstrap-expect").contains("-data-dir");
    }

    @Test
    void configFile_isRead_andABrokenOneNamesFileAndLine() throws Exception {
        Path broken = work.resolve("broken.json");
        java.nio.file.Files.writeString(broken, "{\n  \"server\": true,\n  oops\n}\n");
        Result r = run("agent", "-dev", "-config-file", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("broken.json").contains("line 3");
    }
}
