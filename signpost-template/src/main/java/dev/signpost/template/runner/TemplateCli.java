package dev.signpost.template.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.template.config.ConfigException;
import dev.signpost.template.config.FlagException;
import dev.signpost.template.config.RunnerConfig;
import dev.signpost.template.config.TemplateFlags;
import dev.signpost.metrics.Metrics;

/**
 * {@code signpost template}: consul-template's command line, config files, runtime and exit codes (0 ok, 11 error,
 * 12 interrupted, 13 bad flags, 14 runtime error, 15 bad config). Every non-zero exit prints one line saying why on
 * {@code err}; {@code -dry} output goes to {@code out}.
 *
 * <p>Signals: the reload signal (SIGHUP) stops the runner, re-reads flags, config files and templates, and starts
 * again; the kill signal (SIGINT) and SIGTERM stop cleanly with exit 12 (consul-template ignores SIGTERM without an
 * exec child, a known complaint; we stop instead); SIGUSR1/SIGUSR2 are forwarded to the {@code -exec} child.
 */
public final class TemplateCli {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCli.class);

    private TemplateCli() {
    }

    /** Parses, runs and returns the exit code; log levels are left as they are. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, level -> { });
    }

    /**
     * Parses, runs and returns the exit code.
     *
     * @param logLevel receives the effective {@code -log-level} (trace, debug, info, warn, err) once flags and
     *                 config files are read, before anything is logged; the CLI passes its logback setter
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> logLevel) {
        return run(args, out, err, logLevel, Metrics.none());
    }

    /** Parses, runs and returns the exit code, counting renders and commands into {@code metrics}. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> logLevel,
                          Metrics metrics) {
        return run(args, out, err, logLevel, System.getenv(), Clock.systemUTC(), metrics);
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> logLevel,
                   Map<String, String> env, Clock clock) {
        return run(args, out, err, logLevel, env, clock, Metrics.none());
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Consumer<String> logLevel,
                   Map<String, String> env, Clock clock, Metrics metrics) {
        RunnerConfig config;
        try {
            TemplateFlags.Parsed parsed = TemplateFlags.parse(args, env);
            if (parsed.help()) {
                err.print(TemplateFlags.USAGE);
                return ExitCodes.OK;
            }
            if (parsed.version()) {
                out.println("signpost template v" + version());
                return ExitCodes.OK;
            }
            config = parsed.config();
        } catch (FlagException e) {
            return fail(err, ExitCodes.PARSE_FLAGS, e.getMessage() + " (see 'signpost template -h')");
        } catch (ConfigException e) {
            return fail(err, ExitCodes.CONFIG, e.getMessage());
        }
        logLevel.accept(config.logLevel());
        if (config.templates().isEmpty() && config.exec().isEmpty()) {
            return fail(err, ExitCodes.CONFIG, "no templates: give -template \"in:out[:command]\" or a template block");
        }
        if (config.parseOnly()) {
            try {
                Runner.load(config, env, clock);
                LOG.info("(cli) parse only, exiting");
                return ExitCodes.OK;
            } catch (RunnerException e) {
                return finish(err, e.exit());
            }
        }
        Optional<Path> pidFile = config.pidFile().isEmpty() ? Optional.empty() : Optional.of(Path.of(config.pidFile()));
        try {
            if (pidFile.isPresent()) {
                writePid(pidFile.get());
            }
        } catch (IOException e) {
            return fail(err, ExitCodes.ERROR, "cannot write pid file " + pidFile.get() + ": " + e.getMessage());
        }
        AtomicReference<RunLoop> current = new AtomicReference<>();
        List<String> signals = new ArrayList<>(List.of(config.reloadSignal(), config.killSignal(), "SIGTERM",
                "SIGINT", "SIGUSR1", "SIGUSR2"));
        Signals installed = Signals.install(signals.stream().distinct().toList(), name -> {
            RunLoop loop = current.get();
            if (loop != null) {
                loop.signal(name);
            }
        });
        try {
            while (true) {
                RunLoop loop = new RunLoop(config, env, out, clock, metrics);
                current.set(loop);
                RunnerExit exit;
                try {
                    exit = loop.run();
                } catch (RuntimeException e) {
                    // A bug, not an expected condition: consul-template's generic error code, with the trace at debug.
                    LOG.debug("(cli) unexpected error", e);
                    return fail(err, ExitCodes.ERROR, "unexpected error: " + e);
                }
                if (!exit.reload()) {
                    return finish(err, exit);
                }
                try {
                    config = TemplateFlags.parse(args, env).config();
                    logLevel.accept(config.logLevel());
                } catch (FlagException e) {
                    return fail(err, ExitCodes.PARSE_FLAGS, e.getMessage());
                } catch (ConfigException e) {
                    return fail(err, ExitCodes.CONFIG, "reload: " + e.getMessage());
                }
            }
        } finally {
            installed.close();
            pidFile.ifPresent(TemplateCli::removePid);
        }
    }

    private static int finish(PrintStream err, RunnerExit exit) {
        if (exit.code() != ExitCodes.OK && !exit.reason().isEmpty()) {
            return fail(err, exit.code(), exit.reason());
        }
        return exit.code();
    }

    private static int fail(PrintStream err, int code, String reason) {
        err.println("signpost template: " + reason);
        err.flush();
        return code;
    }

    private static void writePid(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    }

    private static void removePid(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("(cli) cannot remove pid file {}: {}", file, e.getMessage());
        }
    }

    private static String version() {
        String v = TemplateCli.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
