package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    @Test
    void everyCommandsTableName_isTheNameItsClassDeclares() {
        for (Map.Entry<String, Class<?>> command : Main.COMMANDS.entrySet()) {
            assertThat(command.getValue().getAnnotation(Command.class).name()).as(command.getValue().getName())
                    .isEqualTo(command.getKey());
        }
    }

    @Test
    void aCommandLineNamingOneCommand_holdsOnlyThatOne() {
        assertThat(Main.commandLine("agent", "-dev").getSubcommands()).containsOnlyKeys("agent");
        assertThat(Main.commandLine("kv", "get", "a").getSubcommands()).containsOnlyKeys("kv");
    }

    @Test
    void aCommandLineNamingNone_holdsEveryCommand_inTheTablesOrder() {
        assertThat(Main.commandLine("--help").getSubcommands().keySet())
                .containsExactlyElementsOf(Main.COMMANDS.keySet());
        assertThat(Main.commandLine("bogus").getSubcommands().keySet())
                .containsExactlyElementsOf(Main.COMMANDS.keySet());
    }

    @Test
    void helpWithoutACommand_stillListsTheCommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine("--help");
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("agent", "registrator", "template", "kv", "acl")
                .doesNotContain("aot-train");
    }

    @Test
    void anAtFileArgument_reachesTheCommandAsItIs() {
        // consul reads "@FILE" itself (kv put KEY @FILE); picocli would otherwise replace it with the file's words.
        assertThat(Main.commandLine("kv", "put", "k", "@data.json").isExpandAtFiles()).isFalse();
    }

    @Test
    void theGoParsedCommands_passUnknownFlagsThrough_whenNamedAlone() {
        assertThat(Main.commandLine("registrator").getSubcommands().get("registrator")
                .isUnmatchedOptionsArePositionalParams()).isTrue();
        assertThat(Main.commandLine("template").getSubcommands().get("template")
                .isUnmatchedOptionsArePositionalParams()).isTrue();
    }
}
