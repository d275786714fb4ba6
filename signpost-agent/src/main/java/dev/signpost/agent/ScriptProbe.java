package dev.signpost.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.signpost.core.model.HealthStatus;

/**
 * A script check (agent/checks CheckMonitor): runs {@code Args}; exit 0 is passing, 1 warning, anything
 * else critical. Standard output and error are captured, keeping the last 4 KiB as Consul's circular
 * buffer does; a run past the timeout is killed and critical.
 */
final class ScriptProbe implements Probe {
    private final List<String> args;
    private final Duration timeout;

    ScriptProbe(List<String> args, Duration timeout) {
        this.args = List.copyOf(args);
        this.timeout = timeout;
    }

    @Override
    public Result run() {
        Process process;
        try {
            process = new ProcessBuilder(args).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(HealthStatus.CRITICAL, Probe.capped("Check error: " + e.getMessage()));
        }
        Tail tail = new Tail();
        Thread reader = Thread.ofVirtual().start(() -> tail.drain(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(HealthStatus.CRITICAL, "Timed out (" + timeout.toSeconds() + "s) running check");
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(HealthStatus.CRITICAL, "interrupted");
        }
        int code = process.exitValue();
        HealthStatus status = code == 0 ? HealthStatus.PASSING : code == 1 ? HealthStatus.WARNING : HealthStatus.CRITICAL;
        return new Result(status, tail.text());
    }

    /** The last {@link Probe#MAX_OUTPUT} bytes of a stream, and how many there were in all. */
    private static final class Tail {
        private final byte[] ring = new byte[MAX_OUTPUT];
        private long total;

        void drain(InputStream in) {
            byte[] buffer = new byte[1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % MAX_OUTPUT)] = buffer[i];
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is the output
            }
        }

        synchronized String text() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (total <= MAX_OUTPUT) {
                out.write(ring, 0, (int) total);
                return out.toString(StandardCharsets.UTF_8);
            }
            int start = (int) (total % MAX_OUTPUT);
            out.write(ring, start, MAX_OUTPUT - start);
            out.write(ring, 0, start);
            // Consul prefixes a cut output with what was captured of how much.
            return "Captured " + MAX_OUTPUT + " of " + total + " bytes\n...\n" + out.toString(StandardCharsets.UTF_8);
        }
    }
}
