package dev.signpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.agent.Agent;
import dev.signpost.agent.AgentConfig;
import dev.signpost.http.ApiException;
import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.RuntimeMetrics;

/**
 * One run of {@code signpost agent}, from logging set-up to exit, as {@code consul agent} runs: the pid
 * file is written first and removed last; SIGINT and SIGTERM leave the cluster gracefully when
 * {@code skip_leave_on_interrupt} / {@code leave_on_terminate} say so (exit 0), otherwise the agent stops
 * without leaving (exit 1); giving up on {@code -retry-join} exits 1. SIGHUP and {@code PUT /v1/agent/reload} read
 * the flags' config files again.
 */
final class AgentRun {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

    /** The agent's log tap, once started; a reload tells it the agent's new level. */
    private static volatile LogTap tap;

    private AgentRun() {
    }

    static int run(Supplier<AgentSettings> read, List<String> inertFlags) throws Exception {
        AgentSettings settings = read.get();
        Logging.level(settings.logLevel());
        Logging.configure(settings.logJson(), settings.logFile());
        settings.warnings().forEach(w -> LOG.warn("config: {}", w));
        inertFlags.forEach(f -> LOG.warn("config: flag {} is Consul's but has no effect in Signpost yet; it is ignored", f));
        AgentConfig config = settings.agentConfig();
        Optional<Path> pidFile = settings.pidFile();
        if (pidFile.isPresent()) {
            writePid(pidFile.get());
        }
        try {
            return runAgent(config, settings, read);
        } finally {
            pidFile.ifPresent(AgentRun::removePid);
        }
    }

    private static int runAgent(AgentConfig config, AgentSettings settings, Supplier<AgentSettings> read)
            throws Exception {
        Metrics metrics = Metrics.create(settings.telemetry());
        RuntimeMetrics.bind(metrics);
        LogTap logs = LogTap.install();
        metrics.own().gauge("monitor.streams", logs::monitors);
        CountDownLatch stopped = new CountDownLatch(1);
        int[] exit = {0};
        // The handlers are in place before the agent starts: its listeners answer (a leader, even) before Agent.start
        // returns, and a SIGTERM then still found the JVM's default, which exits at once and left the PID file behind.
        // A signal during the start is handled once the start is over.
        CompletableFuture<Agent> started = new CompletableFuture<>();
        Signals.onHangup(() -> started.thenAccept(agent -> {
            try {
                agent.reload();
            } catch (RuntimeException e) {
                LOG.error("agent: Failed to reload configs: {}", Main.oneLine(e));
            }
        }));
        Signals.onInterruptOrTerminate(interrupt -> {
            LOG.info("agent: Caught signal: {}", interrupt ? "interrupt" : "terminated");
            Agent agent = started.exceptionally(e -> null).join();
            if (agent == null) {
                return; // the start failed: the main thread says why and exits
            }
            boolean graceful = interrupt ? !settings.skipLeaveOnInterrupt() : settings.leaveOnTerminate();
            if (graceful) {
                agent.leave();
            } else {
                LOG.info("agent: Graceful shutdown disabled. Exiting");
                exit[0] = 1;
            }
            agent.close();
            stopped.countDown();
        });
        Agent agent;
        try {
            agent = Agent.start(config, metrics, logs);
            tap = logs;
        } catch (IllegalArgumentException e) {
            started.completeExceptionally(e);
            throw new Main.UsageException(Main.oneLine(e));
        } catch (Exception | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        agent.onStopped(stopped::countDown);
        agent.onReload(() -> reread(read));
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
        started.complete(agent);
        stopped.await();
        return agent.failed() ? 1 : exit[0];
    }

    /** Consul's reload: the files are read again; a bad one fails the reload and changes nothing. */
    private static AgentConfig reread(Supplier<AgentSettings> read) {
        try {
            AgentSettings fresh = read.get();
            AgentConfig config = fresh.agentConfig();
            Logging.level(fresh.logLevel());
            if (tap != null) {
                tap.configured(Logging.parse(fresh.logLevel()));
            }
            fresh.warnings().forEach(w -> LOG.warn("config: {}", w));
            return config;
        } catch (Main.UsageException e) {
            throw new ApiException(500, "Failed to reload configs: " + e.getMessage().strip());
        }
    }

    private static void writePid(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new Main.UsageException("Could not write PID file " + file + ": " + e.getMessage());
        }
    }

    private static void removePid(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("agent: could not remove the PID file {}: {}", file, e.getMessage());
        }
    }
}
