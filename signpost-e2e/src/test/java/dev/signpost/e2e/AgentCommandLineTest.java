package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.SignpostProcess;
import dev.signpost.testing.SignpostProcess.Result;

/** The agent's command line: bad flags, values and config exit 1 with Consul's words, as {@code consul agent} does. */
class AgentCommandLineTest {
    @TempDir
    Path work;

    private Result run(String... args) {
        return SignpostProcess.run(work.resolve("out.log"), List.of(args));
    }

    @Test
    void unknownFlag_exits1_withGoFlagWords() {
        Result r = run("agent", "-dev", "-bogus");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output().strip()).isEqualTo("==> error parsing flags: flag provided but not defined: -bogus");
    }

    @Test
    void badPortValue_exits1() {
        Result r = run("agent", "-dev", "-http-port", "eighty");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output().strip())
                .isEqualTo("==> error parsing flags: invalid value \"eighty\" for flag -http-port: parse error");
    }

    @Test
    void serverWithoutDataDir_exits1_andSaysWhatToDo() {
        Result r = run("agent", "-server", "-bootstrap", "-bind", "127.0.0.1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output().strip()).contains("data_dir cannot be empty").contains("-data-dir");
    }

    @Test
    void bootstrapAndBootstrapExpect_areMutuallyExclusive() {
        Result r = run("agent", "-server", "-bootstrap", "-bootstrap-expect", "2", "-data-dir", work.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive");
    }

    @Test
    void nodeFailAfterBelowTheHeartbeat_exits1() {
        Result r = run("agent", "-dev", "-node-fail-after", "500ms");
        assertThat(r.exitCode()).isEqualTo(1);
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
    void everySubcommand_answersEveryHelpFlag_withTheExitCodeOfItsOriginal() {
        for (String flag : List.of("-h", "-help", "--help")) {
            Result agent = run("agent", flag);
            assertThat(agent.exitCode()).as("agent " + flag).isZero();
            assertThat(agent.output()).contains("-bootstrap-expect");
            Result template = run("template", flag);
            assertThat(template.exitCode()).as("template " + flag).isZero();
            assertThat(template.output()).contains("-template");
            // gliderlabs/registrator was built with a Go whose flag package exits 2 after printing the usage.
            Result registrator = run("registrator", flag);
            assertThat(registrator.exitCode()).as("registrator " + flag).isEqualTo(2);
            assertThat(registrator.output()).contains("Usage of registrator:").contains("<registry URI>");
        }
    }

    @Test
    void configFile_isRead_andABrokenOneNamesFileAndLine() throws Exception {
        Path broken = work.resolve("broken.json");
        java.nio.file.Files.writeString(broken, "{\n  \"server\": true,\n  oops\n}\n");
        Result r = run("agent", "-dev", "-config-file", broken.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("broken.json").contains("line 3");
    }
}
