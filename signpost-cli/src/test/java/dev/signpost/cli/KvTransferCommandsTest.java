package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kv export's JSON as Go prints it, and kv import's reading of it, against consul's own cases. */
class KvTransferCommandsTest {

    @Test
    void export_printsKeyFlagsAndValue_indentedWithTabs_andHtmlCharactersEscapedAsGoDoes() throws Exception {
        String pairs = "[{\"Key\":\"a<b>&c\",\"Flags\":42,\"Value\":\"aGVsbG8=\",\"CreateIndex\":5},"
                + "{\"Key\":\"folder/\",\"Flags\":0,\"Value\":null}]";

        assertThat(KvTransferCommands.exported(ApiCommand.JSON.readTree(pairs))).isEqualTo("""
                [
                \t{
                \t\t"key": "a\\u003cb\\u003e\\u0026c",
                \t\t"flags": 42,
                \t\t"value": "aGVsbG8="
                \t},
                \t{
                \t\t"key": "folder/",
                \t\t"flags": 0,
                \t\t"value": ""
                \t}
                ]""");
        assertThat(KvTransferCommands.exported(ApiCommand.JSON.createArrayNode())).isEqualTo("[]");
    }

    @Test
    void import_readsGoFieldNamesInAnyCase_andNullAsNothing() {
        assertThat(KvTransferCommands.entries("[{\"key\":\"a\",\"flags\":3,\"value\":\"eA==\"},"
                + "{\"Key\":\"b\",\"VALUE\":\"\",\"other\":1}]")).containsExactly(
                new KvTransferCommands.Entry("a", 3, "eA=="), new KvTransferCommands.Entry("b", 0, ""));
        assertThat(KvTransferCommands.entries("null")).isEmpty();
    }

    @Test
    void import_refusesWhatGoCannotUnmarshal_inGosWords() {
        assertThatThrownBy(() -> KvTransferCommands.entries("{\"key\":\"a\"}"))
                .hasMessage("json: cannot unmarshal object into Go value of type []*impexp.Entry");
        assertThatThrownBy(() -> KvTransferCommands.entries("[{\"key\":1}]"))
                .hasMessage("json: cannot unmarshal number into Go struct field Entry.key of type string");
        assertThatThrownBy(() -> KvTransferCommands.entries("[{\"key\":\"a\",\"flags\":-1}]"))
                .hasMessage("json: cannot unmarshal number -1 into Go struct field Entry.flags of type uint64");
        assertThatThrownBy(() -> KvTransferCommands.entries("")).hasMessage("unexpected end of JSON input");
        assertThatThrownBy(() -> KvTransferCommands.entries("[{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void data_comesFromTheArgument_aFile_orStdin_withConsulsErrors(@TempDir Path dir) throws Exception {
        assertThat(KvTransferCommands.data(List.of("[]"))).isEqualTo("[]");
        assertThat(KvTransferCommands.data(List.of("-x"))).isEqualTo("-x");
        assertThatThrownBy(() -> KvTransferCommands.data(List.of())).hasMessage("Missing DATA argument");
        assertThatThrownBy(() -> KvTransferCommands.data(List.of("a", "b")))
                .hasMessage("Too many arguments (expected 1, got 2)");
        assertThatThrownBy(() -> KvTransferCommands.data(List.of(""))).hasMessage("Empty DATA argument");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> KvTransferCommands.data(List.of("@" + missing)))
                .hasMessage("Failed to read file: open " + missing + ": no such file or directory");
    }

    @Test
    void importedKeys_areJoinedToThePrefixAndCleanedAsGosPathJoin_keepingAFoldersSlash() {
        assertThat(KvTransferCommands.importedKey("", "a/b")).isEqualTo("a/b");
        assertThat(KvTransferCommands.importedKey("copy", "a/b")).isEqualTo("copy/a/b");
        assertThat(KvTransferCommands.importedKey("copy/", "/a//b")).isEqualTo("copy/a/b");
        assertThat(KvTransferCommands.importedKey("copy", "dir/")).isEqualTo("copy/dir/");
        assertThat(KvTransferCommands.importedKey("", "a/./b/../c")).isEqualTo("a/c");
        assertThat(KvTransferCommands.importedKey("", "")).isEmpty();
        assertThat(KvTransferCommands.goClean("../a/..")).isEqualTo("..");
        assertThat(KvTransferCommands.goClean("/../a")).isEqualTo("/a");
        assertThat(KvTransferCommands.goClean("a/..")).isEqualTo(".");
    }
}
