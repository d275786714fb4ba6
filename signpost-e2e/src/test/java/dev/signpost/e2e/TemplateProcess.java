package dev.signpost.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.signpost.testing.SignpostJar;

/**
 * {@code signpost template ARGS...} from the real jar, with stdout and stderr in separate files so tests can tell
 * {@code -dry} output from log lines, and with the exit code (which {@code SignpostProcess} does not expose).
 * Stopped by its PID in {@link #close}.
 */
final class TemplateProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TemplateProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static TemplateProcess start(Path dir, String name, Map<String, String> env, List<String> args) {
        List<String> all = new ArrayList<>(List.of("template"));
        all.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(SignpostJar.command(all)).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("CONSUL_HTTP_ADDR");
            pb.environment().remove("CONSUL_HTTP_TOKEN");
            pb.environment().putAll(env);
            return new TemplateProcess(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TemplateProcess start(Path dir, String name, List<String> args) {
        return start(dir, name, Map.of(), args);
    }

    /** Runs to completion (at most 60 s) and returns the exit code. */
    int waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("signpost template did not exit in 60 s:\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Everything printed: log lines go to stdout (the CLI's logback setup), reasons for exiting to stderr. */
    String output() {
        return stdout() + stderr();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Sends a signal by name (e.g. "HUP") to this process only. */
    void signal(String name) {
        Tools.run("kill", "-s", name, Long.toString(process.pid()));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
