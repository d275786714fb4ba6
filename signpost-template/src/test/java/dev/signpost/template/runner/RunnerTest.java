package dev.signpost.template.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.Telemetry;
import dev.signpost.template.config.RetryConfig;
import dev.signpost.template.config.RunnerConfig;
import dev.signpost.template.config.TemplateConfig;
import dev.signpost.template.config.WaitConfig;
import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.render.FileRenderer;
import dev.signpost.template.watch.DataStore;
import dev.signpost.template.watch.Dependencies;
import dev.signpost.testing.FakeClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerTest {

    private static final String SERVERS = "{{range service \"web\"}}server {{.Address}}:{{.Port}}\n{{end}}";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final DataStore store = new DataStore();
    private final FakeDependencies watched = new FakeDependencies();
    private final List<String> commandsRun = new ArrayList<>();
    private final List<String> filesSeenByCommands = new ArrayList<>();
    private Optional<String> checkFailure = Optional.empty();
    private int commandStatus;

    /** Records watch requests; the test feeds the store itself. */
    private static final class FakeDependencies implements Dependencies {
        final Set<Dependency> current = new LinkedHashSet<>();
        int watchCalls;

        @Override
        public void watch(Collection<Dependency> dependencies) {
            watchCalls++;
            current.addAll(dependencies);
        }

        @Override
        public void retain(Collection<Dependency> keep) {
            current.retainAll(keep);
        }

        @Override
        public int count() {
            return current.size();
        }

        @Override
        public void close() {
        }
    }

    private TemplateConfig inline(String contents, String destination, String command) {
        return new TemplateConfig("", Optional.of(contents), dir.resolve(destination).toString(), command,
                Duration.ofSeconds(30), Optional.empty(), false, Optional.empty(), "", "", false, true, "",
                List.of());
    }

    private Runner runner(WaitConfig wait, boolean once, TemplateConfig... templates) {
        RunnerConfig config = new RunnerConfig(List.of("127.0.0.1:8500"), "", RetryConfig.DEFAULT,
                Duration.ofSeconds(2), Duration.ofSeconds(60), wait, "warn", "", "SIGHUP", "SIGINT", once, false, false,
                List.of(templates), Optional.empty(), List.of());
        FileRenderer renderer = new FileRenderer((cmd, staged) -> checkFailure, false,
                new PrintStream(OutputStream.nullOutputStream()));
        CommandExecutor commands = (command, timeout) -> {
            commandsRun.add(command);
            try (var files = Files.list(dir)) {
                filesSeenByCommands.add(command + ":" + files.count());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return commandStatus;
        };
        return new Runner(config, Runner.load(config, Map.of(), clock), store, watched, renderer, commands, clock);
    }

    private static HealthService web(String address, int port) {
        return HealthService.of("node-" + address, "", address, Map.of(), "web-" + port, "web", "", port, List.of(),
                Map.of(), List.of());
    }

    private void answer(Runner r, Dependency d, Object value) {
        store.put(d, value);
        r.dataChanged(d);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void meteredRunner_countsRendersCommandsAndFailedCommands() {
        Metrics metrics = Metrics.manual(new Telemetry("signpost", Optional.empty(), Duration.ZERO), clock);
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "out", "reload")).meteredBy(metrics);
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        r.run();
        commandStatus = 1;
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.2", 80)));
        assertThatThrownBy(r::run).isInstanceOf(RunnerException.class);

        assertThat(metrics.prometheus("").body()).contains("signpost_template_renders_total 2.0",
                "signpost_template_commands_total 2.0", "signpost_template_command_failures_total 1.0",
                "signpost_template_render_failures_total 0.0");
    }

    @Test
    void template_isNotWritten_whileDataIsMissing() {
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "out", "reload"));
        Runner.Pass pass = r.run();
        assertThat(pass.allRendered()).isFalse();
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(watched.current).containsExactly(ServiceQuery.parse("web"));
        assertThat(commandsRun).isEmpty();
    }

    @Test
    void laterPasses_discoverNewDependencies_andWriteWhenAllArrived() throws IOException {
        Runner r = runner(WaitConfig.DISABLED, false,
                inline("{{range services}}{{range service .Name}}{{.Name}} {{.Address}}\n{{end}}{{end}}", "out", ""));
        r.run();
        assertThat(watched.current).containsExactly(ServicesQuery.parse(""));
        answer(r, ServicesQuery.parse(""), List.of(new CatalogSnippet("web", List.of())));
        r.run();
        assertThat(watched.current).containsExactly(ServicesQuery.parse(""), ServiceQuery.parse("web"));
        assertThat(dir.resolve("out")).doesNotExist();
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        assertThat(r.run().allRendered()).isTrue();
        assertThat(read("out")).isEqualTo("web 10.0.0.1\n");
    }

    @Test
    void identicalQueries_inSeveralTemplates_areOneDependency() {
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "a", ""), inline(SERVERS, "b", ""),
                inline("{{service \"web\" | len}}", "c", ""));
        r.run();
        assertThat(watched.count()).isEqualTo(1);
    }

    @Test
    void commands_runAfterAllFilesAreWritten_inTemplateOrder_once() {
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "a", "reload-x"), inline(SERVERS, "b",
                "reload-y"), inline(SERVERS, "c", "reload-x"));
        r.run();
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        Runner.Pass pass = r.run();
        assertThat(pass.commands()).containsExactly("reload-x", "reload-y");
        assertThat(commandsRun).containsExactly("reload-x", "reload-y");
        assertThat(filesSeenByCommands).containsExactly("reload-x:3", "reload-y:3");
    }

    @Test
    void command_runsOnlyWhenTheFileChanged() throws IOException {
        Files.writeString(dir.resolve("out"), "server 10.0.0.1:80\n");
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "out", "reload"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        assertThat(r.run().allRendered()).isTrue();
        assertThat(commandsRun).as("a restart with an up-to-date file runs nothing").isEmpty();
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80), web("10.0.0.2", 81)));
        r.run();
        assertThat(commandsRun).containsExactly("reload");
        assertThat(read("out")).isEqualTo("server 10.0.0.1:80\nserver 10.0.0.2:81\n");
        answer(r, ServiceQuery.parse("other"), List.of());
        r.run();
        assertThat(commandsRun).as("unrelated data re-runs nothing").containsExactly("reload");
    }

    @Test
    void wait_holdsWritesUntilQuiet_pushingBackByMin() throws IOException {
        Runner r = runner(new WaitConfig(Duration.ofSeconds(2), Duration.ofSeconds(10)), false,
                inline(SERVERS, "out", "reload"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        r.run();
        assertThat(commandsRun).as("the first render does not wait").containsExactly("reload");

        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.2", 80)));
        r.run();
        clock.advance(Duration.ofMillis(1500));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.3", 80)));
        r.run();
        assertThat(r.nextDeadline()).contains(clock.instant().plusSeconds(2));
        clock.advance(Duration.ofMillis(1999));
        assertThat(r.hasWork()).isFalse();
        assertThat(read("out")).isEqualTo("server 10.0.0.1:80\n");
        clock.advance(Duration.ofMillis(1));
        assertThat(r.hasWork()).isTrue();
        r.run();
        assertThat(read("out")).isEqualTo("server 10.0.0.3:80\n");
        assertThat(commandsRun).containsExactly("reload", "reload");
        assertThat(r.nextDeadline()).isEmpty();
    }

    @Test
    void wait_neverHoldsLongerThanMax() throws IOException {
        Runner r = runner(new WaitConfig(Duration.ofSeconds(2), Duration.ofSeconds(5)), false,
                inline(SERVERS, "out", "reload"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        r.run();
        for (int i = 2; i <= 6; i++) {
            answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0." + i, 80)));
            r.run();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(r.hasWork()).as("max is reached 5 s after the first change").isTrue();
        r.run();
        assertThat(read("out")).as("written at first+max although changes kept coming")
                .isEqualTo("server 10.0.0.6:80\n");
        assertThat(commandsRun).containsExactly("reload", "reload");
    }

    @Test
    void once_ignoresWait() throws IOException {
        Runner r = runner(new WaitConfig(Duration.ofSeconds(30), Duration.ofSeconds(60)), true,
                inline(SERVERS, "out", ""));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        assertThat(r.run().allRendered()).isTrue();
        assertThat(read("out")).isEqualTo("server 10.0.0.1:80\n");
    }

    @Test
    void failedCommand_isExit14WithTheCommandNamed() {
        commandStatus = 3;
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "out", "false"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RunnerException.class,
                        e -> assertThat(e.exit().code()).isEqualTo(ExitCodes.RUNNER))
                .hasMessage("failed to execute command \"false\" from \"(inline)\" => \"" + dir.resolve("out")
                        + "\": exit status 3");
    }

    @Test
    void executionError_isExit14WithGosMessage() {
        Runner r = runner(WaitConfig.DISABLED, false, inline("{{index (service \"web\") 0}}", "out", ""));
        assertThatThrownBy(r::run).isInstanceOf(RunnerException.class)
                .hasMessageStartingWith("execute: (inline): template: :1:");
    }

    @Test
    void rejectedCheck_keepsTheOldFile_runsNoCommand_andKeepsWatching() throws IOException {
        Files.writeString(dir.resolve("out"), "old\n");
        checkFailure = Optional.of("\"haproxy -c\" exited with status 1");
        Runner r = runner(WaitConfig.DISABLED, false, inline(SERVERS, "out", "reload").withCheckCommand("haproxy -c"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        r.run();
        assertThat(read("out")).isEqualTo("old\n");
        assertThat(commandsRun).isEmpty();
        checkFailure = Optional.empty();
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.2", 80)));
        r.run();
        assertThat(read("out")).isEqualTo("server 10.0.0.2:80\n");
        assertThat(commandsRun).containsExactly("reload");
    }

    @Test
    void rejectedCheck_inOnceMode_isExit14() {
        checkFailure = Optional.of("bad");
        Runner r = runner(WaitConfig.DISABLED, true, inline(SERVERS, "out", "reload").withCheckCommand("check"));
        answer(r, ServiceQuery.parse("web"), List.of(web("10.0.0.1", 80)));
        assertThatThrownBy(r::run).isInstanceOf(RunnerException.class).hasMessageContaining("bad");
    }

    @Test
    void unusedDependencies_areDropped() {
        Runner r = runner(WaitConfig.DISABLED, false,
                inline("{{if keyExists \"flag\"}}{{range service \"web\"}}x{{end}}{{end}}", "out", ""));
        Dependency flag = Dependency.KeyQuery.parse("flag", false);
        answer(r, flag, dev.signpost.template.dependency.TemplateData.KeyLookup.of("1"));
        r.run();
        assertThat(watched.current).containsExactly(flag, ServiceQuery.parse("web"));
        answer(r, flag, dev.signpost.template.dependency.TemplateData.KeyLookup.absent());
        r.run();
        assertThat(watched.current).containsExactly(flag);
    }
}
