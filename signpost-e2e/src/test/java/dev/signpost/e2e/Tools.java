package dev.signpost.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real external programs (dig, docker, haproxy). A missing one skips the test on a developer's machine,
 * but fails it under {@code CI=true}, where .ci/run installs them.
 */
final class Tools {
    private Tools() {
    }

    /** Makes sure a program is on the PATH. */
    static void require(String program, String debianPackage) {
        if (onPath(program)) {
            return;
        }
        unavailable(program + " is not installed (apt-get install " + debianPackage + ")",
                "under CI=true every tool is required");
    }

    /**
     * Something a test needs is missing: the test is skipped on a developer's machine, and fails under
     * {@code CI=true}, where .ci/run provides everything ({@code ciHint} says what CI needs).
     */
    static void unavailable(String message, String ciHint) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + "; " + ciHint);
        }
        Assumptions.abort(message);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs a program to completion (at most 30 s) and returns what it printed on stdout and stderr. */
    static String run(String... command) {
        return exec(List.of(command)).output();
    }

    /** What a finished program printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** Runs a program to completion (at most 30 s); for callers that must tell failure from output. */
    static Result exec(List<String> command) {
        return exec(command, Duration.ofSeconds(30), Map.of());
    }

    /** Runs a program with extra environment variables to completion, at most {@code timeout}. */
    static Result exec(List<String> command, Duration timeout, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process p = builder.start();
            // Read on another thread, so the timeout holds while the program runs.
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
            }
            byte[] out = output.join();
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code dig @127.0.0.1 -p PORT ARGS...}; an "@ADDRESS" argument picks another server. */
    static String dig(int port, String... args) {
        require("dig", "dnsutils"); // a caller that did not ask first is skipped here, not failed
        List<String> rest = new ArrayList<>(List.of(args));
        String server = rest.stream().filter(a -> a.startsWith("@")).findFirst().orElse("@127.0.0.1");
        rest.remove(server);
        List<String> command = new ArrayList<>(List.of("dig", server, "-p", Integer.toString(port), "+time=2",
                "+tries=1"));
        command.addAll(rest);
        return run(command.toArray(String[]::new));
    }
}
