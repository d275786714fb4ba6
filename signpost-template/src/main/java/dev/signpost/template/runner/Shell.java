package dev.signpost.template.runner;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.template.render.Validator;

import static java.util.Objects.requireNonNull;

/**
 * Starts commands as consul-template does: {@code sh -c COMMAND} in a process group of its own (through
 * {@code setsid} when installed, so a timeout or a signal reaches the whole group), with the registry's address
 * and token in {@code CONSUL_HTTP_ADDR}/{@code CONSUL_HTTP_TOKEN}, output going to this process's own output.
 * Also the {@link Validator} for check commands, whose output is captured for the log line. Thread-safe.
 */
final class Shell implements CommandExecutor, Validator {

    private static final Logger LOG = LoggerFactory.getLogger(Shell.class);
    private static final boolean SETSID = onPath("setsid");

    private final Map<String, String> env;
    private final Duration checkTimeout;

    Shell(Map<String, String> env, Duration checkTimeout) {
        this.env = Map.copyOf(env);
        this.checkTimeout = requireNonNull(checkTimeout, "checkTimeout");
    }

    /** The argv that runs {@code command} under sh in its own process group. */
    static List<String> argv(String command) {
        List<String> argv = new ArrayList<>();
        if (SETSID) {
            argv.add("setsid");
        }
        argv.addAll(List.of("sh", "-c", command));
        return argv;
    }

    ProcessBuilder builder(String command) {
        ProcessBuilder pb = new ProcessBuilder(argv(command));
        pb.environment().putAll(env);
        return pb;
    }

    @Override
    public int run(String command, Duration timeout) {
        Process p;
        try {
            p = builder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.RUNNER, "cannot start command \"" + command + "\": " + e.getMessage());
        }
        if (!waitFor(p, timeout)) {
            kill(p);
            throw new RunnerException(ExitCodes.RUNNER, "command \"" + command + "\" did not exit within time limit ("
                    + timeout.toMillis() + " ms)");
        }
        return p.exitValue();
    }

    @Override
    public Optional<String> validate(String command, Path staged) {
        String line = command.replace("{{staged}}", quote(staged.toString()));
        Path log = null;
        try {
            log = Files.createTempFile("signpost-check", ".log");
            ProcessBuilder pb = builder(line).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("SIGNPOST_STAGED", staged.toString());
            Process p = pb.start();
            if (!waitFor(p, checkTimeout)) {
                kill(p);
                return Optional.of("\"" + line + "\" did not exit within " + checkTimeout.toMillis() + " ms");
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            String why = reason(output);
            return Optional.of("\"" + line + "\" exited with status " + p.exitValue()
                    + (why.isEmpty() ? "" : ": " + why));
        } catch (IOException e) {
            return Optional.of("cannot run \"" + line + "\": " + e.getMessage());
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    LOG.debug("cannot remove {}: {}", log, e.toString());
                }
            }
        }
    }

    /** The line of a checker's output that says what is wrong: the first error-like line, else the last line. */
    static String reason(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.matches("(?i).*(alert|error|fatal|invalid|unknown|not ).*")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.getLast());
    }

    /** Single-quotes a word for sh. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new RunnerException(ExitCodes.INTERRUPT, "interrupted while a command ran");
        }
    }

    /** Stops a process and its group: SIGKILL to the group when it has one of its own, else to the process. */
    static void kill(Process p) {
        if (SETSID) {
            signalGroup(p.pid(), "KILL");
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Sends a signal (e.g. "HUP") to the process group led by {@code pid}, via kill(1). */
    static boolean signalGroup(long pid, String signal) {
        return signal(signal, "-" + pid);
    }

    /** Sends a signal to one process, via kill(1). */
    static boolean signalProcess(long pid, String signal) {
        return signal(signal, Long.toString(pid));
    }

    private static boolean signal(String signal, String target) {
        String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
        try {
            Process k = new ProcessBuilder("kill", "-s", name, "--", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return k.waitFor(5, TimeUnit.SECONDS) && k.exitValue() == 0;
        } catch (IOException e) {
            LOG.warn("cannot send SIG{} to {}: {}", name, target, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean groups() {
        return SETSID;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
