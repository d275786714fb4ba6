package dev.signpost.template.runner;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RetryPolicy;
import dev.signpost.client.Sleeper;
import dev.signpost.template.config.RetryConfig;
import dev.signpost.template.config.RunnerConfig;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.render.FileRenderer;
import dev.signpost.template.watch.DataStore;
import dev.signpost.template.watch.Queries;
import dev.signpost.template.watch.Watcher;
import dev.signpost.metrics.Metrics;

import static java.util.Objects.requireNonNull;

/**
 * Runs one configuration until it ends: wires client, watcher, renderer and {@link Runner}, then waits for events
 * (new data, a watch that gave up, a signal, the exec child's exit) or the next quiescence deadline, draining every
 * queued event before the next pass (consul-template issue #168). {@link #signal} may be called from any thread.
 */
final class RunLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final Duration IDLE = Duration.ofHours(1);

    private sealed interface Event {
    }

    private record Wake() implements Event {
    }

    private record Failed(String reason) implements Event {
    }

    private record Signalled(String name) implements Event {
    }

    private record ChildExited(int code) implements Event {
    }

    private final RunnerConfig config;
    private final Map<String, String> env;
    private final PrintStream out;
    private final Clock clock;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Runner runner;
    private final Metrics metrics;

    RunLoop(RunnerConfig config, Map<String, String> env, PrintStream out, Clock clock) {
        this(config, env, out, clock, Metrics.none());
    }

    /** A loop whose runner counts renders and commands into {@code metrics}. */
    RunLoop(RunnerConfig config, Map<String, String> env, PrintStream out, Clock clock, Metrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.config = requireNonNull(config, "config");
        this.env = Map.copyOf(env);
        this.out = requireNonNull(out, "out");
        this.clock = requireNonNull(clock, "clock");
    }

    /** A signal arrived; any thread. */
    void signal(String name) {
        events.add(new Signalled(name));
    }

    static RetryPolicy retryPolicy(RetryConfig r) {
        if (!r.enabled()) {
            return RetryPolicy.NONE;
        }
        return r.attempts() == 0 ? RetryPolicy.forever(r.backoff(), r.maxBackoff())
                : new RetryPolicy(r.attempts(), r.backoff(), r.maxBackoff());
    }

    RunnerExit run() {
        List<Runner.Slot> slots;
        try {
            slots = Runner.load(config, env, clock);
        } catch (RunnerException e) {
            return e.exit();
        }
        ConsulClient client;
        try {
            client = ConsulClient.builder().addresses(config.consulAddresses().stream()
                            .map(dev.signpost.client.ConsulAddress::parse).toList())
                    .token(config.token()).retry(RetryPolicy.NONE).tls(config.tls()).build();
        } catch (IllegalArgumentException e) {
            return RunnerExit.of(ExitCodes.CONFIG, "consul ssl: " + e.getMessage());
        }
        DataStore store = new DataStore();
        Watcher watcher = new Watcher(new Queries(client), store, new Watcher.Listener() {
            @Override
            public void onData(Dependency dependency) {
                Runner r = runner;
                if (r != null) {
                    r.dataChanged(dependency);
                }
                events.add(new Wake());
            }

            @Override
            public void onError(Dependency dependency, ConsulException error) {
                events.add(new Failed(dependency + ": " + error.getMessage()));
            }
        }, config.blockQueryWait(), config.maxStale(), retryPolicy(config.retry()), Sleeper.SYSTEM);
        Map<String, String> commandEnv = new HashMap<>();
        commandEnv.put("CONSUL_HTTP_ADDR", client.currentAddress().toString());
        if (!config.token().isEmpty()) {
            commandEnv.put("CONSUL_HTTP_TOKEN", config.token());
        }
        Shell shell = new Shell(commandEnv, Duration.ofSeconds(30));
        FileRenderer renderer = new FileRenderer(shell, config.dry(), out);
        runner = new Runner(config, slots, store, watcher, renderer, shell, clock).meteredBy(metrics);
        ExecChild child = config.exec().map(e -> new ExecChild(e, shell, code -> events.add(new ChildExited(code))))
                .orElse(null);
        try {
            return loop(runner, child);
        } catch (RunnerException e) {
            return e.exit();
        } finally {
            if (child != null) {
                child.stop();
            }
            watcher.close();
            // HttpClient.close() waits for calls in flight, and a stopped watch's blocking query may hold on for
            // the whole block-query-wait: let it finish in the background instead of delaying the exit.
            Thread.ofVirtual().name("consul-client-close").start(client::close);
        }
    }

    private RunnerExit loop(Runner r, ExecChild child) {
        while (true) {
            if (r.hasWork()) {
                Runner.Pass pass = r.run();
                if (child != null) {
                    if (!child.started() && r.allRendered()) {
                        child.start();
                    } else if (child.started() && pass.anyChanged()) {
                        child.reload();
                    }
                }
                if (config.once() && r.allRendered() && child == null) {
                    LOG.info("(runner) once mode and all templates are rendered");
                    return RunnerExit.ok();
                }
                continue;
            }
            Duration timeout = r.nextDeadline().isPresent() ? r.untilNextDeadline().plusMillis(1) : IDLE;
            List<Event> batch = new ArrayList<>();
            try {
                Event first = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RunnerExit.of(ExitCodes.INTERRUPT, "interrupted");
            }
            events.drainTo(batch);
            for (Event e : batch) {
                switch (e) {
                    case Wake w -> { }
                    case Failed f -> {
                        return RunnerExit.of(ExitCodes.RUNNER, f.reason());
                    }
                    case ChildExited c -> {
                        return RunnerExit.of(c.code(), c.code() == 0 ? "" : "child exited with status " + c.code());
                    }
                    case Signalled s -> {
                        if (s.name().equals(config.reloadSignal())) {
                            LOG.info("(runner) received {}, reloading configuration and templates", s.name());
                            return RunnerExit.reloadRequested();
                        }
                        if (s.name().equals(config.killSignal()) || s.name().equals("SIGTERM")
                                || s.name().equals("SIGINT")) {
                            LOG.info("(runner) received {}, stopping", s.name());
                            return RunnerExit.of(ExitCodes.INTERRUPT, "interrupted by " + s.name());
                        }
                        if (child != null) {
                            child.forward(s.name());
                        }
                    }
                }
            }
        }
    }
}
