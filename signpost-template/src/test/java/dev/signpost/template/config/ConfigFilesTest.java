package dev.signpost.template.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.client.GoDuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {

    private static RunnerConfig hcl(String text) {
        Settings s = new Settings();
        ConfigFiles.apply(Hcl.parse("t.hcl", text), s);
        return s.build(java.util.Map.of());
    }

    @Test
    void consulTemplatesDocumentedShape_parses() {
        RunnerConfig c = hcl("""
                # consul-template's docs/configuration.md, trimmed
                consul {
                  address = "127.0.0.1:8500"
                  token   = "abcd"
                  retry {
                    enabled = true
                    attempts = 0
                    backoff = "500ms"
                    max_backoff = "2m"
                  }
                }
                reload_signal = "SIGHUP"
                kill_signal = "SIGINT"
                max_stale = "10m"
                log_level = "info"
                pid_file = "/tmp/ct.pid"
                wait {
                  min = "5s"
                  max = "10s"
                }
                exec {
                  command = ["/usr/bin/app", "-flag"]
                  kill_timeout = "5s"
                }
                template {
                  source = "in.ctmpl"
                  destination = "out"
                  create_dest_dirs = false
                  command = "restart foo"
                  command_timeout = "60s"
                  perms = 0600
                  backup = true
                  wait = "2s:6s"
                  left_delimiter = "[["
                  right_delimiter = "]]"
                  error_on_missing_key = true
                  check_command = "test -s {{staged}}"
                }
                template {
                  contents = <<EOF
                {{ key "x" }}
                EOF
                  destination = "out2"
                }
                """);
        assertThat(c.consulAddresses()).containsExactly("127.0.0.1:8500");
        assertThat(c.token()).isEqualTo("abcd");
        assertThat(c.retry()).isEqualTo(new RetryConfig(true, 0, Duration.ofMillis(500), Duration.ofMinutes(2)));
        assertThat(c.maxStale()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.quiescence()).isEqualTo(new WaitConfig(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(c.exec()).get().extracting(ExecConfig::command).isEqualTo("/usr/bin/app -flag");
        TemplateConfig t = c.templates().get(0);
        assertThat(t.perms()).contains(0600);
        assertThat(t.backup()).isTrue();
        assertThat(t.createDestDirs()).isFalse();
        assertThat(t.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.quiescence()).contains(new WaitConfig(Duration.ofSeconds(2), Duration.ofSeconds(6)));
        assertThat(t.leftDelimiter()).isEqualTo("[[");
        assertThat(t.errorOnMissingKey()).isTrue();
        assertThat(t.checkCommand()).isEqualTo("test -s {{staged}}");
        assertThat(c.templates().get(1).contents()).isEqualTo(Optional.of("{{ key \"x\" }}\n"));
    }

    @Test
    void version014FlatShape_parses() {
        RunnerConfig c = hcl("consul = \"10.0.0.1:8500\"\ntoken = \"t\"\nretry = \"10s\"\nwait = \"5s:10s\"\n"
                + "template {\n  source = \"a\"\n  destination = \"b\"\n  command = \"c\"\n}\n");
        assertThat(c.consulAddresses()).containsExactly("10.0.0.1:8500");
        assertThat(c.retry().backoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.quiescence().max()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jsonForm_isAccepted() {
        Settings s = new Settings();
        ConfigFiles.apply(JsonConfig.parse("t.json", """
                {"consul": {"address": "a:1"}, "template": [{"source": "x", "destination": "y", "perms": 420}]}
                """), s);
        RunnerConfig c = s.build(java.util.Map.of());
        assertThat(c.consulAddresses()).containsExactly("a:1");
        assertThat(c.templates().getFirst().perms()).contains(0644);
    }

    @Test
    void hclSyntaxError_namesFileLineAndColumn() {
        assertThatThrownBy(() -> Hcl.parse("conf.hcl", "consul {\n  address \"x\"\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf.hcl:2:11: expected '=' or '{' after key \"address\", found '\"'");
    }

    @Test
    void unterminatedBlock_pointsAtTheEnd() {
        assertThatThrownBy(() -> Hcl.parse("c.hcl", "template {\n  source = \"a\"\n"))
                .hasMessage("c.hcl:3:1: unexpected end of file: missing '}' for the block opened at line 1, "
                        + "column 10");
    }

    @Test
    void unterminatedString_pointsAtItsStart() {
        assertThatThrownBy(() -> Hcl.parse("c.hcl", "log_level = \"info\n"))
                .hasMessage("c.hcl:1:13: unterminated string");
    }

    @Test
    void unknownKey_namesWhereItIs() {
        assertThatThrownBy(() -> hcl("template {\n  source = \"a\"\n  destinaton = \"b\"\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.hcl:3:3: unknown key \"destinaton\" in template");
    }

    @Test
    void wrongType_namesWhereTheValueIs() {
        assertThatThrownBy(() -> hcl("max_stale = 5\n"))
                .hasMessage("t.hcl:1:13: \"max_stale\" must be a string, not a number");
        assertThatThrownBy(() -> hcl("wait = \"9s:1s\"\n"))
                .hasMessage("t.hcl:1:8: wait: wait: min must be less than max");
    }

    @Test
    void maxBackoffBelowBackoff_namesBothInGosDurationForm() {
        assertThatThrownBy(() -> hcl("consul {\n  retry {\n    backoff = \"1.5s\"\n    max_backoff = \"250ms\"\n  }\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("consul retry: max_backoff 250ms is below backoff 1.5s");
    }

    @Test
    void templateWithoutSource_isRejectedAtItsBlock() {
        assertThatThrownBy(() -> hcl("\n\ntemplate { destination = \"b\" }\n"))
                .hasMessage("t.hcl:3:10: template: must specify exactly one of 'source' or 'contents'");
    }

    @Test
    void jsonSyntaxError_namesFileLineAndColumn() {
        assertThatThrownBy(() -> JsonConfig.parse("c.json", "{\n  \"max_stale\": \"1s\",,\n}"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("c.json:2:");
    }

    @Test
    void hclValues_commentsListsAndOctal() {
        var o = Hcl.parse("x", "/* c */ a = [1, 0x10, \"s\",] // trailing\nb = 0755 # octal\nc = -2.5e1\n");
        assertThat(o.entries()).hasSize(3);
        assertThat(((ConfigValue.ListValue) o.entries().get(0).value()).items())
                .extracting(v -> ((ConfigValue.Scalar) v).value()).containsExactly(1L, 16L, "s");
        assertThat(((ConfigValue.Scalar) o.entries().get(1).value()).value()).isEqualTo(493L);
        assertThat(((ConfigValue.Scalar) o.entries().get(2).value()).value()).isEqualTo(-25.0);
    }

    @Test
    void durations_readAsGoDoes() {
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThatThrownBy(() -> GoDuration.parse("5x")).hasMessage("time: unknown unit \"x\" in duration \"5x\"");
        assertThat(List.of(GoDuration.parse("0"))).containsExactly(Duration.ZERO);
    }
}
