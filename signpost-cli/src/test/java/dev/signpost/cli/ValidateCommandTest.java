package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run validate(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aValidDirectory_isValid_andQuietSaysNothing() throws Exception {
        Files.writeString(dir.resolve("a.hcl"), """
                node_name = "n1"
                data_dir = "/tmp/signpost-validate"
                bind_addr = "127.0.0.1"
                server = true
                bootstrap_expect = 3
                """);
        Files.writeString(dir.resolve("b.json"), "{\"ports\": {\"http\": 8600}}");

        assertThat(validate(dir.toString())).isEqualTo(new Run(0, "Configuration is valid!\n", ""));
        assertThat(validate("-quiet", dir.toString())).isEqualTo(new Run(0, "", ""));
    }

    @Test
    void noFile_unknownKeys_andBadValues_failAsConsulsValidateDoes() throws Exception {
        assertThat(validate()).isEqualTo(new Run(1, "", "Must specify at least one config file or directory\n"));
        Path noDataDir = dir.resolve("server.hcl");
        Files.writeString(noDataDir, "server = true\n");
        assertThat(validate(noDataDir.toString()).err()).startsWith("Config validation failed: data_dir cannot be "
                + "empty");

        Path unknown = dir.resolve("bad.hcl");
        Files.writeString(unknown, "no_such_key = 1\n");
        Run bad = validate(unknown.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("Config validation failed: failed to parse " + unknown);

        Path conflicting = dir.resolve("conflict.json");
        Files.writeString(conflicting, "{\"bootstrap\": true, \"bootstrap_expect\": 3, \"server\": true}");
        assertThat(validate(conflicting.toString())).isEqualTo(new Run(1, "", "Config validation failed: "
                + "'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive\n"));

        Run missing = validate(dir.resolve("nope.hcl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("Config validation failed: config: Open failed on ");
        assertThat(validate("-no-such-flag", dir.toString()).code()).isEqualTo(1);
    }
}
