package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void format_padsEachColumnToItsWidestCell_withTwoSpaces_andLeavesTheLastUnpadded() {
        String table = Columns.format(List.of(List.of("Node", "Address", "Status"),
                List.of("n35", "127.0.0.1:8301", "alive"), List.of("longer-name", "10.0.0.1:8301", "failed")));

        assertThat(table).isEqualTo("""
                Node         Address         Status
                n35          127.0.0.1:8301  alive
                longer-name  10.0.0.1:8301   failed""");
    }

    @Test
    void pairs_padsKeysAsGosTabwriterWithPaddingSix() {
        assertThat(Columns.pairs(List.of(List.of("ID", "2-5-1"), List.of("Version", "1"))))
                .isEqualTo("ID           2-5-1\nVersion      1\n");
    }

    @Test
    void encode_keepsSlashesAndColons_andEncodesSpaces() {
        assertThat(ApiCommand.encode("a b/c:d?")).isEqualTo("a%20b/c:d%3F");
    }

    @Test
    void aBadFlagOnAnApiCommand_exitsOneWithGosWords() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        cli.getSubcommands().get("members").setErr(new java.io.PrintWriter(err));

        int code = cli.execute("members", "-bogus");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("flag provided but not defined: -bogus\n");
    }

    @Test
    void tabwriter_padsTerminatedCells_perBlockOfLines() {
        String text = " ID\t2-5-1\n Version\t1\n\n Type\tCount\tSize\t\n KVS\t5\t1.2KB\t";

        assertThat(Columns.tabwriter(text, 8, 6)).isEqualTo(" ID           2-5-1\n Version      1\n\n"
                + " Type      Count      Size       \n KVS       5          1.2KB      ");
    }

    @Test
    void byteSize_isConsuls() {
        assertThat(SnapshotStats.byteSize(0)).isEqualTo("0");
        assertThat(SnapshotStats.byteSize(667)).isEqualTo("667B");
        assertThat(SnapshotStats.byteSize(1024)).isEqualTo("1KB");
        assertThat(SnapshotStats.byteSize(1536)).isEqualTo("1.5KB");
    }
}
