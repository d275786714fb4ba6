package dev.signpost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code signpost} process a test started, with its output in a file. {@link #close} stops it by its
 * own PID: SIGTERM, then SIGKILL after a grace period. Whatever is still running when the test JVM exits (a test
 * that died before its clean-up, an OutOfMemoryError, Maven stopped with Ctrl-C) is killed on the way out.
 */
public final class SignpostProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "signpost-processes-killer"));
    }

    private final Process process;
    private final Path output;

    private SignpostProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code signpost ARGS...}; stdout and stderr go to {@code output}. */
    public static SignpostProcess start(Path output, List<String> args) {
        return start(output, args, Map.of());
    }

    /**
     * Starts {@code signpost ARGS...} with this JVM's environment plus {@code env} (e.g. {@code DOCKER_HOST}, which
     * the registrator reads only from its environment); stdout and stderr go to {@code output}.
     */
    public static SignpostProcess start(Path output, List<String> args, Map<String, String> env) {
        return start(output, List.of(), args, env);
    }

    /**
     * Starts {@code LAUNCHER... java -jar signpost.jar ARGS...}: the launcher (e.g. a shell that moves itself into a
     * cgroup, then execs the rest) runs first and must exec its arguments.
     */
    public static SignpostProcess start(Path output, List<String> launcher, List<String> args,
                                        Map<String, String> env) {
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(launcher);
            command.addAll(SignpostJar.command(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            RUNNING.add(p);
            p.onExit().thenRun(() -> RUNNING.remove(p));
            return new SignpostProcess(p, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start signpost " + args, e);
        }
    }

    /** Runs {@code signpost ARGS...} to completion (at most a minute) and returns its exit code and output. */
    public static Result run(Path output, List<String> args) {
        return run(output, args, Map.of());
    }

    /** {@link #run(Path, List)} with this JVM's environment plus {@code env}. */
    public static Result run(Path output, List<String> args, Map<String, String> env) {
        try (SignpostProcess p = start(output, args, env)) {
            if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("signpost " + args + " did not finish in 60 s:\n" + p.output());
            }
            return new Result(p.process.exitValue(), p.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit code and everything printed. */
    public record Result(int exitCode, String output) {
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the process with SIGKILL, as a crash would (the seed's Q5). */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(15))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
