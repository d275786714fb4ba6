package dev.signpost.template.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateFlagsTest {

    @TempDir
    Path dir;

    private static RunnerConfig parse(String... args) {
        return TemplateFlags.parse(List.of(args), Map.of()).config();
    }

    @Test
    void templateFlag_splitsInOutCommand() {
        TemplateConfig t = TemplateConfig.parseFlag("/in.ctmpl:/out.conf:service haproxy reload");
        assertThat(t.source()).isEqualTo("/in.ctmpl");
        assertThat(t.destination()).isEqualTo("/out.conf");
        assertThat(t.command()).isEqualTo("service haproxy reload");
    }

    @Test
    void templateFlag_commandMayContainColons() {
        TemplateConfig t = TemplateConfig.parseFlag("in:out:echo a:b:c");
        assertThat(t.command()).isEqualTo("echo a:b:c");
    }

    @Test
    void templateFlag_keepsWindowsDriveLetters() {
        TemplateConfig t = TemplateConfig.parseFlag("C:\\in.tmpl:D:\\out.txt");
        assertThat(t.source()).isEqualTo("C:\\in.tmpl");
        assertThat(t.destination()).isEqualTo("D:\\out.txt");
        assertThat(t.command()).isEmpty();
    }

    @Test
    void templateFlag_emptyPartsVanishAsInConsulTemplate() {
        TemplateConfig t = TemplateConfig.parseFlag("in::out");
        assertThat(t.source()).isEqualTo("in");
        assertThat(t.destination()).isEqualTo("out");
    }

    @Test
    void templateFlag_singleLetterBeforeAColon_isADriveLetter() {
        // consul-template's regexp reads "a:b" as one path, so one-letter names cannot be split.
        assertThat(TemplateConfig.parseFlag("a:b").source()).isEqualTo("a:b");
    }

    @Test
    void templateFlag_withoutDestination_isAConfigError() {
        assertThatThrownBy(() -> parse("-template", "in.ctmpl")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing destination");
    }

    @Test
    void seedCommandLine_parses() {
        RunnerConfig c = parse("-consul", "10.0.0.1:8500", "-template", "in:out:reload", "-once", "-dry");
        assertThat(c.consulAddresses()).containsExactly("10.0.0.1:8500");
        assertThat(c.once()).isTrue();
        assertThat(c.dry()).isTrue();
        assertThat(c.templates()).hasSize(1);
    }

    @Test
    void goFlagSpellings_areAllAccepted() {
        RunnerConfig c = parse("--consul-addr=a:1", "-consul-addr", "b:2", "-once=false", "-template=in:out",
                "-wait=2s", "-max-stale", "5s");
        assertThat(c.consulAddresses()).containsExactly("a:1", "b:2");
        assertThat(c.once()).isFalse();
        assertThat(c.quiescence()).isEqualTo(new WaitConfig(Duration.ofSeconds(2), Duration.ofSeconds(8)));
        assertThat(c.maxStale()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void defaults_areConsulTemplates() {
        RunnerConfig c = parse("-template", "in:out");
        assertThat(c.consulAddresses()).containsExactly("127.0.0.1:8500");
        assertThat(c.maxStale()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.retry()).isEqualTo(RetryConfig.DEFAULT);
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.reloadSignal()).isEqualTo("SIGHUP");
        assertThat(c.killSignal()).isEqualTo("SIGINT");
        assertThat(c.templates().getFirst().commandTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void environment_givesAddressAndToken_whenFlagsDoNot() {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "10.1.1.1:8500", "CONSUL_HTTP_TOKEN", "secret");
        RunnerConfig c = TemplateFlags.parse(List.of("-template", "in:out"), env).config();
        assertThat(c.consulAddresses()).containsExactly("10.1.1.1:8500");
        assertThat(c.token()).isEqualTo("secret");
        RunnerConfig flags = TemplateFlags.parse(List.of("-template", "in:out", "-consul", "x:1", "-token", "t"), env)
                .config();
        assertThat(flags.consulAddresses()).containsExactly("x:1");
        assertThat(flags.token()).isEqualTo("t");
    }

    @Test
    void unknownFlag_failsWithGosMessage() {
        assertThatThrownBy(() -> parse("-bogus")).isInstanceOf(FlagException.class)
                .hasMessage("flag provided but not defined: -bogus");
    }

    @Test
    void missingValue_failsWithGosMessage() {
        assertThatThrownBy(() -> parse("-template")).isInstanceOf(FlagException.class)
                .hasMessage("flag needs an argument: -template");
    }

    @Test
    void badBoolean_failsWithGosMessage() {
        assertThatThrownBy(() -> parse("-once=maybe")).isInstanceOf(FlagException.class)
                .hasMessage("invalid boolean value \"maybe\" for -once: parse error");
    }

    @Test
    void waitWithMaxBelowMin_isAFlagError() {
        assertThatThrownBy(() -> parse("-template", "in:out", "-wait", "10s:5s")).isInstanceOf(FlagException.class)
                .hasMessage("invalid value \"10s:5s\" for flag -wait: wait: min must be less than max");
    }

    @Test
    void badDuration_quotesGo() {
        assertThatThrownBy(() -> parse("-template", "in:out", "-max-stale", "5")).isInstanceOf(FlagException.class)
                .hasMessage("invalid value \"5\" for flag -max-stale: time: missing unit in duration \"5\"");
    }

    @Test
    void badAddress_isAFlagError_orAConfigError_fromTheEnvironment() {
        assertThatThrownBy(() -> parse("-template", "in:out", "-consul", "ftp://x")).isInstanceOf(FlagException.class)
                .hasMessage("invalid value \"ftp://x\" for flag -consul: unsupported scheme in Consul address "
                        + "\"ftp://x\"");
        assertThatThrownBy(() -> TemplateFlags.parse(List.of("-template", "in:out"),
                Map.of("CONSUL_HTTP_ADDR", "ftp://x"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("consul address: ");
    }

    @Test
    void extraArguments_areRejected() {
        assertThatThrownBy(() -> parse("-once", "stray")).isInstanceOf(FlagException.class)
                .hasMessage("extra args: [\"stray\"]");
    }

    @Test
    void checkFlag_attachesToTheTemplateWritingThatFile() {
        RunnerConfig c = parse("-template", "in:/etc/haproxy.cfg:reload", "-check",
                "/etc/haproxy.cfg=haproxy -c -f {{staged}}");
        assertThat(c.templates().getFirst().checkCommand()).isEqualTo("haproxy -c -f {{staged}}");
    }

    @Test
    void checkFlag_forAnUnknownFile_isAFlagError() {
        assertThatThrownBy(() -> parse("-template", "in:out", "-check", "other=true"))
                .isInstanceOf(FlagException.class).hasMessageContaining("no template writes \"other\"");
    }

    @Test
    void flagsOverrideConfigFiles_andTemplatesAccumulate() throws IOException {
        Path file = dir.resolve("a.hcl");
        Files.writeString(file, """
                consul { address = "file:8500" }
                max_stale = "10s"
                log_level = "debug"
                template { source = "a" destination = "b" }
                """);
        RunnerConfig c = parse("-config", file.toString(), "-log-level", "info", "-template", "cc:dd");
        assertThat(c.consulAddresses()).containsExactly("file:8500");
        assertThat(c.maxStale()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.templates()).extracting(TemplateConfig::destination).containsExactly("b", "dd");
        assertThat(parse("-config", file.toString(), "-consul", "flag:1").consulAddresses())
                .containsExactly("flag:1");
    }

    @Test
    void configDirectory_isMergedInLexicalOrder() throws IOException {
        Files.writeString(dir.resolve("b.hcl"), "max_stale = \"7s\"\n");
        Files.writeString(dir.resolve("a.json"), "{\"max_stale\": \"3s\", \"template\": [{\"source\": \"s\", "
                + "\"destination\": \"d\"}]}");
        RunnerConfig c = parse("-config", dir.toString());
        assertThat(c.maxStale()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.templates()).hasSize(1);
    }

    @Test
    void helpAndVersion_needNoTemplates() {
        assertThat(TemplateFlags.parse(List.of("-v"), Map.of()).version()).isTrue();
        assertThat(TemplateFlags.parse(List.of("-h"), Map.of()).help()).isTrue();
    }

    @Test
    void sslFlags_makeTheAddressHttps_andSetTheClientsTls() {
        RunnerConfig c = parse("-consul", "10.0.0.1:8501", "-ssl", "-ssl-ca-cert", "/ca.pem", "-ssl-cert", "/c.pem",
                "-ssl-key", "/k.pem", "-ssl-server-name", "server.dc1.consul", "-ssl-verify=false");
        assertThat(c.consulAddresses()).containsExactly("https://10.0.0.1:8501");
        assertThat(c.tls()).isEqualTo(dev.signpost.client.ClientTls.defaults()
                .withCaFile(java.nio.file.Path.of("/ca.pem"))
                .withClientCertificate(java.nio.file.Path.of("/c.pem"), java.nio.file.Path.of("/k.pem"))
                .withServerName("server.dc1.consul").withVerify(false));
        assertThat(parse("-consul", "10.0.0.1:8500").consulAddresses()).containsExactly("10.0.0.1:8500");
    }

    @Test
    void theSslBlock_ofTheConsulBlock_isRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("c.hcl"), """
                consul {
                  address = "10.0.0.1:8501"
                  ssl { enabled = true  ca_path = "/cas"  cert = "/both.pem" }
                }""");
        RunnerConfig c = parse("-config", file.toString());
        assertThat(c.consulAddresses()).containsExactly("https://10.0.0.1:8501");
        assertThat(c.tls().caPath()).contains(java.nio.file.Path.of("/cas"));
        assertThat(c.tls().keyFile()).contains(java.nio.file.Path.of("/both.pem"));
    }
}
