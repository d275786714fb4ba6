package dev.signpost.template.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.template.config.RunnerConfig;
import dev.signpost.template.config.TemplateConfig;
import dev.signpost.template.config.WaitConfig;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.lang.TemplateException;
import dev.signpost.template.render.ConsulTemplate;
import dev.signpost.template.render.FileRenderer;
import dev.signpost.template.render.RenderException;
import dev.signpost.template.render.RenderOptions;
import dev.signpost.template.render.RenderResult;
import dev.signpost.template.watch.Dependencies;
import dev.signpost.metrics.Metrics;

import static java.util.Objects.requireNonNull;

/**
 * consul-template's runner, one pass at a time ({@code manager/runner.go Run}): execute every template whose data
 * changed against the {@link TemplateData} cache, watch what each pass used (so a later pass can discover new
 * queries), write a template only when all its data has arrived and, with a {@code wait}, once its quiescence
 * timer expired, then run the commands of the files that changed, after all files are written, in template order,
 * each distinct command once.
 *
 * <p>Unlike consul-template, a pass re-executes only the templates whose dependencies changed (or that are still
 * incomplete, or whose timer fired), so 100 templates over 100 services cost one execution per change.
 *
 * <p>Confined to one thread (the {@link RunLoop}'s), except {@link #dataChanged}, which watch threads call.
 * Time comes from the injected clock.
 */
final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final int DIFF_LINES = 50;

    /** The state of one template. */
    static final class Slot {
        final TemplateConfig config;
        final ConsulTemplate template;
        final WaitConfig wait;
        final Quiescence quiescence;
        Set<Dependency> used = Set.of();
        boolean complete;
        boolean rendered;
        String lastContent;
        String seen;

        Slot(TemplateConfig config, ConsulTemplate template, WaitConfig wait) {
            this.config = config;
            this.template = template;
            this.wait = wait;
            this.quiescence = new Quiescence(wait.min(), wait.max());
        }
    }

    /** What a pass did. */
    record Pass(boolean allRendered, boolean anyChanged, List<String> commands) {
        Pass {
            commands = List.copyOf(commands);
        }
    }

    private final RunnerConfig config;
    private final List<Slot> slots;
    private final TemplateData data;
    private final Dependencies dependencies;
    private final FileRenderer renderer;
    private final CommandExecutor commands;
    private final Clock clock;
    private final Set<Dependency> dirty = ConcurrentHashMap.newKeySet();
    private boolean firstPass = true;
    private Metrics.Counter renders = Metrics.none().counter("template.renders");
    private Metrics.Counter renderFailures = renders;
    private Metrics.Counter commandRuns = renders;
    private Metrics.Counter commandFailures = renders;

    /**
     * Counts files written ({@code template.renders}), writes refused by their check ({@code render_failures}),
     * commands run ({@code template.commands}) and commands that failed ({@code command_failures}).
     */
    Runner meteredBy(Metrics metrics) {
        renders = metrics.counter("template.renders");
        renderFailures = metrics.counter("template.render_failures");
        commandRuns = metrics.counter("template.commands");
        commandFailures = metrics.counter("template.command_failures");
        return this;
    }

    Runner(RunnerConfig config, List<Slot> slots, TemplateData data, Dependencies dependencies,
           FileRenderer renderer, CommandExecutor commands, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.slots = List.copyOf(slots);
        this.data = requireNonNull(data, "data");
        this.dependencies = requireNonNull(dependencies, "dependencies");
        this.renderer = requireNonNull(renderer, "renderer");
        this.commands = requireNonNull(commands, "commands");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Reads and parses every template of the configuration.
     *
     * @throws RunnerException (exit 14) naming the template when a source is unreadable or does not parse
     */
    static List<Slot> load(RunnerConfig config, Map<String, String> env, Clock clock) {
        List<Slot> out = new ArrayList<>();
        for (TemplateConfig t : config.templates()) {
            String text = t.contents().orElseGet(() -> read(t.source()));
            RenderOptions options = RenderOptions.defaults().withDelimiters(t.leftDelimiter(), t.rightDelimiter())
                    .withErrorOnMissingKey(t.errorOnMissingKey()).withFunctionDenylist(t.functionDenylist())
                    .withEnv(env).withClock(clock);
            try {
                out.add(new Slot(t, ConsulTemplate.parse(text, options), config.waitFor(t)));
            } catch (TemplateException e) {
                throw new RunnerException(ExitCodes.RUNNER, "parse: " + t.displayName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String read(String source) {
        try {
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunnerException(ExitCodes.RUNNER, "template " + source + ": no such file");
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.RUNNER, "template " + source + ": " + e.getMessage());
        }
    }

    /** New data for a dependency; the next pass re-executes the templates that use it. Any thread. */
    void dataChanged(Dependency dependency) {
        dirty.add(dependency);
    }

    /** Whether a pass has work: new data, or a timer that has expired by now. */
    boolean hasWork() {
        if (!dirty.isEmpty() || firstPass) {
            return true;
        }
        Instant now = clock.instant();
        return slots.stream().anyMatch(s -> s.quiescence.due(now));
    }

    /** The earliest quiescence deadline, if any timer runs. */
    Optional<Instant> nextDeadline() {
        return slots.stream().map(s -> s.quiescence.deadline()).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /**
     * Runs one pass.
     *
     * @throws RunnerException (exit 14) when a template fails to execute, a file cannot be written, a check fails
     *         in once mode, or a command fails
     */
    Pass run() {
        Instant now = clock.instant();
        Set<Dependency> changed = new HashSet<>(dirty);
        dirty.removeAll(changed);
        boolean all = firstPass;
        firstPass = false;
        Map<String, Slot> toRun = new LinkedHashMap<>();
        boolean anyChanged = false;
        for (Slot s : slots) {
            if (!all && s.complete && Collections.disjoint(s.used, changed) && !s.quiescence.due(now)) {
                continue;
            }
            RenderResult r;
            try {
                r = s.template.execute(data);
            } catch (TemplateException e) {
                throw new RunnerException(ExitCodes.RUNNER, "execute: " + s.config.displayName() + ": "
                        + e.getMessage());
            }
            s.used = r.used();
            s.complete = r.complete();
            dependencies.watch(r.used());
            if (!r.complete()) {
                LOG.debug("(runner) missing data for {}: {}", s.config.displayName(), r.missing());
                continue;
            }
            String content = r.output();
            if (content.equals(s.lastContent)) {
                s.quiescence.reset();
                continue;
            }
            if (s.wait.enabled() && !config.once() && s.rendered) {
                if (!content.equals(s.seen)) {
                    s.seen = content;
                    s.quiescence.tick(now);
                }
                if (!s.quiescence.due(now)) {
                    continue;
                }
            }
            s.quiescence.reset();
            s.seen = null;
            if (write(s, content)) {
                anyChanged = true;
                if (!s.config.command().isBlank() && !config.dry()) {
                    toRun.putIfAbsent(s.config.command(), s);
                }
            }
        }
        Set<Dependency> keep = new LinkedHashSet<>();
        slots.forEach(s -> keep.addAll(s.used));
        dependencies.retain(keep);
        List<String> ran = new ArrayList<>();
        for (Map.Entry<String, Slot> e : toRun.entrySet()) {
            runCommand(e.getKey(), e.getValue());
            ran.add(e.getKey());
        }
        boolean allRendered = slots.stream().allMatch(s -> s.rendered);
        return new Pass(allRendered, anyChanged, ran);
    }

    /** Writes one template's output; true when the file changed on disk. */
    private boolean write(Slot s, String content) {
        TemplateConfig t = s.config;
        FileRenderer.Outcome outcome;
        try {
            outcome = renderer.render(new FileRenderer.Request(Path.of(t.destination()),
                    content.getBytes(StandardCharsets.UTF_8), t.perms(), t.backup(), t.createDestDirs(),
                    t.checkCommand()));
        } catch (RenderException e) {
            renderFailures.increment();
            if (e.checkFailed() && !config.once()) {
                // Keep serving the old file; try again when the data changes.
                LOG.error("(runner) {}", e.getMessage());
                s.lastContent = content;
                return false;
            }
            throw new RunnerException(ExitCodes.RUNNER, e.getMessage());
        }
        s.rendered = true;
        s.lastContent = content;
        if (!outcome.didRender()) {
            LOG.debug("(runner) {} is up to date", t.destination());
            return false;
        }
        renders.increment();
        LOG.info("(runner) rendered \"{}\" => \"{}\"", t.displayName(), t.destination());
        if (LOG.isInfoEnabled() && !outcome.diff().isEmpty()) {
            List<String> diff = outcome.diff();
            StringBuilder b = new StringBuilder("(runner) diff of ").append(t.destination()).append(':');
            diff.stream().limit(DIFF_LINES).forEach(l -> b.append('\n').append(l));
            if (diff.size() > DIFF_LINES) {
                b.append("\n... ").append(diff.size() - DIFF_LINES).append(" more lines");
            }
            LOG.info(b.toString());
        }
        return true;
    }

    private void runCommand(String command, Slot s) {
        LOG.info("(runner) executing command \"{}\" from \"{}\" => \"{}\"", command, s.config.displayName(),
                s.config.destination());
        commandRuns.increment();
        int status = commands.run(command, s.config.commandTimeout());
        if (status != 0) {
            commandFailures.increment();
            throw new RunnerException(ExitCodes.RUNNER, "failed to execute command \"" + command + "\" from \""
                    + s.config.displayName() + "\" => \"" + s.config.destination() + "\": exit status " + status);
        }
    }

    /** The first pass has run and every template has been written (or was already up to date). */
    boolean allRendered() {
        return !firstPass && slots.stream().allMatch(s -> s.rendered);
    }

    Duration untilNextDeadline() {
        return nextDeadline().map(d -> Duration.between(clock.instant(), d)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }
}
