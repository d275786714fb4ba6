package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files merge as Consul merges them: lexical order, later wins, lists append, HCL as JSON. */
class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDirectory_isReadInLexicalOrder_laterFilesWin_andListsAppend() throws IOException {
        Files.writeString(dir.resolve("b.json"), "{\"node_name\":\"b\",\"retry_join\":[\"2\"]}");
        Files.writeString(dir.resolve("a.json"), "{\"node_name\":\"a\",\"retry_join\":[\"1\"],\"ports\":{\"http\":1}}");
        Files.writeString(dir.resolve("c.hcl"), "ports { dns = -1 }\nretry_join = [\"3\"]\n");
        ConfigFiles files = ConfigFiles.read(List.of(dir), "", List.of());
        assertThat(files.text("node_name")).contains("b");
        assertThat(files.strings("retry_join")).containsExactly("1", "2", "3");
        assertThat(files.integer("ports.http")).contains(1);
        assertThat(files.integer("ports.dns")).contains(-1);
    }

    @Test
    void otherFiles_inADirectory_areSkippedWithConsulsWarning() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not config");
        ConfigFiles files = ConfigFiles.read(List.of(dir), "", List.of());
        assertThat(files.warnings()).containsExactly("skipping file " + dir.resolve("notes.txt")
                + ", extension must be .hcl or .json, or config format must be set");
    }

    @Test
    void configFormat_readsAnyExtension_inThatFormat() throws IOException {
        Files.writeString(dir.resolve("agent.conf"), "node_name = \"hcl\"\n");
        assertThat(ConfigFiles.read(List.of(dir.resolve("agent.conf")), "hcl", List.of()).text("node_name"))
                .contains("hcl");
        assertThatThrownBy(() -> ConfigFiles.read(List.of(), "yaml", List.of()))
                .hasMessage("config: -config-format must be either 'hcl' or 'json'");
    }

    @Test
    void hclSnippets_comeLast_andWin() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"node_name\":\"file\"}");
        ConfigFiles files = ConfigFiles.read(List.of(dir), "", List.of("node_name = \"snippet\""));
        assertThat(files.text("node_name")).contains("snippet");
    }

    @Test
    void serviceBlocks_joinTheServicesList_fromJsonAndRepeatedHclBlocks() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"service\":{\"name\":\"a\"},\"services\":[{\"name\":\"b\"}]}");
        Files.writeString(dir.resolve("b.hcl"), "service {\n name = \"c\"\n}\nservice {\n name = \"d\"\n port = 80\n}\n");
        ConfigFiles files = ConfigFiles.read(List.of(dir), "", List.of());
        assertThat(files.objects("services")).extracting(n -> n.get("name").asText()).containsExactly("b", "a", "c", "d");
        assertThat(files.objects("services").get(3).get("port").isInt()).isTrue();
    }

    @Test
    void aMissingPath_isReportedAsConsulReportsIt() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ConfigFiles.read(List.of(missing), "", List.of()))
                .hasMessage("config: Open failed on " + missing + ". open " + missing + ": no such file or directory");
    }

    @Test
    void brokenHcl_namesTheFile() throws IOException {
        Files.writeString(dir.resolve("bad.hcl"), "ports {\n http = \n");
        assertThatThrownBy(() -> ConfigFiles.read(List.of(dir.resolve("bad.hcl")), "", List.of()))
                .hasMessageStartingWith("failed to parse " + dir.resolve("bad.hcl") + ": ");
    }
}
