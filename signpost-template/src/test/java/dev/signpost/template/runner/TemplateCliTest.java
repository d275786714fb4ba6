package dev.signpost.template.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes and their one-line reasons, for everything decided before the registry is contacted. */
class TemplateCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> levels = new ArrayList<>();

    private int run(String... args) {
        return TemplateCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), levels::add, Map.of(), Clock.systemUTC());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void version_exits0() {
        assertThat(run("-version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("signpost template v");
    }

    @Test
    void help_printsUsage_andExits0() {
        assertThat(run("-h")).isZero();
        assertThat(err()).contains("-template=\"in:out[:command]\"").contains("Exit codes:");
    }

    @Test
    void badFlag_exits13_withOneLine() {
        assertThat(run("-consul")).isEqualTo(ExitCodes.PARSE_FLAGS);
        assertThat(err())
                .isEqualTo("signpost template: flag needs an argument: -consul (see 'signpost template -h')\n");
    }

    @Test
    void badConfigFile_exits15_namingFileLineAndColumn() throws IOException {
        Path conf = dir.resolve("bad.hcl");
        Files.writeString(conf, "wait {\n  min = 5s\n}\n");
        assertThat(run("-config", conf.toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(err()).isEqualTo("signpost template: " + conf
                + ":2:9: invalid number 5s (durations are strings: \"5s\")\n");
    }

    @Test
    void missingConfigFile_exits15() {
        assertThat(run("-config", dir.resolve("nope.hcl").toString())).isEqualTo(ExitCodes.CONFIG);
        assertThat(err()).contains("nope.hcl: cannot read: no such file");
    }

    @Test
    void noTemplates_exits15() {
        assertThat(run("-once")).isEqualTo(ExitCodes.CONFIG);
        assertThat(err()).contains("no templates");
    }

    @Test
    void parseOnly_exits0_forGoodTemplates_and14_forBadOnes() throws IOException {
        Path good = dir.resolve("good.ctmpl");
        Files.writeString(good, "{{range service \"web\"}}{{.Address}}{{end}}");
        assertThat(run("-parse-only", "-template", good + ":" + dir.resolve("out"))).isZero();
        assertThat(levels).containsExactly("warn");

        Path bad = dir.resolve("bad.ctmpl");
        Files.writeString(bad, "{{range service \"web\"}}");
        assertThat(run("-parse-only", "-template", bad + ":" + dir.resolve("out"))).isEqualTo(ExitCodes.RUNNER);
        assertThat(err()).isEqualTo("signpost template: parse: " + bad + ": template: :1: unexpected EOF\n");
    }

    @Test
    void missingTemplateSource_exits14() {
        assertThat(run("-once", "-template", dir.resolve("absent.ctmpl") + ":" + dir.resolve("out")))
                .isEqualTo(ExitCodes.RUNNER);
        assertThat(err()).contains("absent.ctmpl: no such file");
    }

    @Test
    void logLevel_fromTheConfigFile_reachesTheHook() throws IOException {
        Path conf = dir.resolve("c.hcl");
        Files.writeString(conf, "log_level = \"debug\"\n");
        Path t = dir.resolve("t.ctmpl");
        Files.writeString(t, "x");
        assertThat(run("-config", conf.toString(), "-parse-only", "-template", t + ":" + dir.resolve("o"))).isZero();
        assertThat(levels).containsExactly("debug");
    }
}
