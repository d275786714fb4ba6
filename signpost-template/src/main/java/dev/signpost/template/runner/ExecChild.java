package dev.signpost.template.runner;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.template.config.ExecConfig;

import static java.util.Objects.requireNonNull;

/**
 * The {@code -exec} child (consul-template's exec mode): started once every template has rendered, sent the reload
 * signal when a template changes (restarted when no reload signal is set), stopped with the kill signal and then
 * SIGKILL after the kill timeout. Its exit is reported once to {@code onExit}. Confined to the runner thread except
 * for the exit callback.
 */
final class ExecChild {

    private static final Logger LOG = LoggerFactory.getLogger(ExecChild.class);

    private final ExecConfig config;
    private final Shell shell;
    private final IntConsumer onExit;
    private volatile Process process;
    private volatile boolean stopping;

    ExecChild(ExecConfig config, Shell shell, IntConsumer onExit) {
        this.config = requireNonNull(config, "config");
        this.shell = requireNonNull(shell, "shell");
        this.onExit = requireNonNull(onExit, "onExit");
    }

    boolean started() {
        return process != null;
    }

    void start() {
        try {
            Process p = shell.builder(config.command())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process = p;
            stopping = false;
            LOG.info("(child) spawning: sh -c {} (pid {})", config.command(), p.pid());
            p.onExit().thenAccept(done -> {
                if (process == done && !stopping) {
                    LOG.info("(child) process {} exited with status {}", done.pid(), done.exitValue());
                    onExit.accept(done.exitValue());
                }
            });
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.RUNNER, "cannot start child \"" + config.command() + "\": "
                    + e.getMessage());
        }
    }

    /** A template changed: signal the child, or restart it when no reload signal is configured. */
    void reload() {
        if (process == null) {
            return;
        }
        if (config.reloadSignal().isEmpty()) {
            LOG.info("(child) restarting");
            stop();
            start();
            return;
        }
        LOG.info("(child) sending {} to {}", config.reloadSignal(), process.pid());
        signal(config.reloadSignal());
    }

    /** Forwards a signal the runner does not handle itself. */
    void forward(String signal) {
        if (process != null && process.isAlive()) {
            signal(signal);
        }
    }

    private void signal(String name) {
        if (Shell.groups()) {
            Shell.signalGroup(process.pid(), name);
        } else {
            Shell.signalProcess(process.pid(), name);
        }
    }

    /** Stops the child: the kill signal, then SIGKILL after the kill timeout. */
    void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        stopping = true;
        LOG.info("(child) stopping process {} with {}", p.pid(), config.killSignal());
        signal(config.killSignal());
        try {
            if (!p.waitFor(config.killTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("(child) process {} did not stop within {} ms; killing it", p.pid(),
                        config.killTimeout().toMillis());
                Shell.kill(p);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Shell.kill(p);
            Thread.currentThread().interrupt();
        }
    }
}
