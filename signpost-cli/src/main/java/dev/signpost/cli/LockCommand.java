package dev.signpost.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.GoDuration;

/**
 * {@code lock PREFIX CHILD...}, as {@code consul lock}: holds a lock (or, with {@code -n} above 1, a semaphore slot)
 * at PREFIX while the child runs with {@code CONSUL_LOCK_HELD=true}. A lost lock, SIGINT or SIGTERM ends the child
 * (SIGTERM, SIGKILL after 5 s); the lock is then released and its key removed when nobody else uses it. Exits 0, or 2
 * for a failed child with {@code -child-exit-code}, as consul does.
 */
@Command(name = "lock", description = "Execute a command holding a lock.")
final class LockCommand extends StagedApiCommand {
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    @Option(names = "-n", paramLabel = "N", description = "Limit on concurrent lock holders (a semaphore above 1).")
    int limit = 1;
    @Option(names = "-name", paramLabel = "NAME", description = "Name of the lock session.")
    String name = "";
    @Option(names = {"-timeout", "-try"}, paramLabel = "DURATION",
            description = "Maximum time to wait to acquire the lock (0: forever).")
    String timeout = "0s";
    @Option(names = "-monitor-retry", paramLabel = "N",
            description = "Times to retry a 500 error while monitoring the lock (1 s apart).")
    int monitorRetry = 3;
    @Option(names = "-child-exit-code", arity = "0..1", description = "Exit 2 if the child process failed.")
    boolean childExitCode;
    @Option(names = "-pass-stdin", arity = "0..1", description = "Pass stdin to the child process.")
    boolean passStdin;
    @Option(names = "-shell", arity = "0..1", fallbackValue = "true", description = "Run the command with $SHELL -c.")
    boolean shell = true;
    @Option(names = "-verbose", arity = "0..1", description = "Enable verbose (debugging) output.")
    boolean verbose;
    @Parameters(arity = "0..*", paramLabel = "PREFIX CHILD")
    List<String> args = new ArrayList<>();
    private List<Thread> copiers = List.of();

    LockCommand() {
        super("Error querying Consul agent: ");
    }

    @Override
    int run(ConsulClient client) throws IOException {
        if (limit <= 0) {
            err().println("Lock holder limit must be positive");
            return 1;
        }
        if (args.size() < 2) {
            err().println("Key prefix and child command must be specified");
            return 1;
        }
        String keyPrefix = args.get(0).startsWith("/") ? args.get(0).substring(1) : args.get(0);
        List<String> child = args.subList(1, args.size());
        Duration wait;
        try {
            wait = GoDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            err().println("invalid value \"" + timeout + "\" for flag -timeout: parse error");
            return 1;
        }
        if (wait.isNegative()) {
            err().println("Timeout must be positive");
            return 1;
        }
        String session = name.isEmpty() ? "Consul lock for '" + String.join(" ", child) + "' at '" + keyPrefix + "'"
                : name;
        if (monitorRetry < 0) {
            err().println("Number for 'monitor-retry' must be >= 0");
            return 1;
        }
        get(client, "/v1/agent/self");
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("session-renew").daemon().factory());
        KvLocks.Holder holder = limit == 1 ? KvLocks.lock(client, keyPrefix, session, monitorRetry, renewer)
                : KvLocks.semaphore(client, keyPrefix, limit, session, monitorRetry, renewer);
        if (verbose) {
            out().println(limit == 1 ? "Setting up lock at path: " + KvLocks.key(keyPrefix, ".lock")
                    : "Setting up semaphore (limit " + limit + ") at prefix: " + keyPrefix);
            out().println("Attempting lock acquisition");
        }
        CompletableFuture<Void> shutdown = new CompletableFuture<>();
        Runnable restoreSignals = Signals.whileRunning(() -> shutdown.complete(null));
        try {
            return holdAndRun(holder, wait, child, shutdown);
        } catch (KvLocks.LockException e) {
            err().println("Lock acquisition failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            restoreSignals.run();
            renewer.shutdownNow();
        }
    }

    private int holdAndRun(KvLocks.Holder holder, Duration wait, List<String> child, CompletableFuture<Void> shutdown)
            throws InterruptedException {
        prefix = "Lock acquisition failed: ";
        boolean acquired;
        try {
            acquired = holder.acquire(wait);
        } catch (KvLocks.LockException e) {
            holder.release(); // no contender key or session outlives a failed attempt
            throw e;
        }
        if (!acquired || shutdown.isDone()) {
            err().println(shutdown.isDone() ? "Shutdown triggered during lock acquisition"
                    : "Shutdown triggered or timeout during lock acquisition");
            if (shutdown.isDone()) {
                return release(holder, 0);
            }
            holder.release();
            return 1;
        }
        int childCode = 0;
        Process process;
        try {
            process = start(child);
        } catch (IOException e) {
            err().println("Error starting handler: " + e.getMessage());
            return release(holder, childExitCode ? 2 : 0);
        }
        CompletableFuture<Object> ended = CompletableFuture.anyOf(process.onExit(), holder.lost(), shutdown);
        try {
            ended.join();
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException e) {
            // a cancelled "lost" future only happens at release
        }
        if (process.isAlive()) {
            if (verbose) {
                out().println(shutdown.isDone() ? "Shutdown triggered, killing child" : "Lock lost, killing child");
            }
            kill(process);
            awaitOutput();
        } else {
            awaitOutput();
            int code = process.exitValue();
            if (code != 0) {
                err().println("Error running handler: exit status " + code);
                childCode = 2;
            }
            if (verbose) {
                out().println("Child terminated, releasing lock");
            }
        }
        return release(holder, childExitCode ? childCode : 0);
    }

    private int release(KvLocks.Holder holder, int code) {
        prefix = "Lock release failed: ";
        holder.release();
        prefix = "Lock cleanup failed: ";
        boolean cleaned = holder.cleanup();
        if (verbose) {
            out().println(cleaned ? "Cleanup succeeded" : "Cleanup aborted, lock in use");
        }
        return code;
    }

    private Process start(List<String> child) throws IOException {
        String sh = System.getenv().getOrDefault("SHELL", "");
        List<String> command = shell ? List.of(sh.isEmpty() ? "/bin/sh" : sh, "-c", String.join(" ", child)) : child;
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CONSUL_LOCK_HELD", "true");
        builder.redirectInput(passStdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        if (!passStdin) {
            process.getOutputStream().close();
        }
        copiers = List.of(copy(process.getInputStream(), out()), copy(process.getErrorStream(), err()));
        return process;
    }

    /** The child's output goes to this command's streams (which are the terminal's outside tests). */
    static Thread copy(InputStream from, PrintWriter to) {
        return Thread.ofPlatform().daemon().name("child-output").start(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    synchronized (to) {
                        to.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the child closed its end
            }
        });
    }

    private void awaitOutput() throws InterruptedException {
        for (Thread copier : copiers) {
            copier.join(2000);
        }
    }

    private void kill(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: time to clean up, as consul gives its child
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
