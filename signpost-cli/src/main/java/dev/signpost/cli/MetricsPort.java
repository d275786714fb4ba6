package dev.signpost.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.metrics.Metrics;
import dev.signpost.metrics.MetricsServer;
import dev.signpost.metrics.RuntimeMetrics;
import dev.signpost.metrics.Telemetry;

/**
 * The {@code -metrics-port PORT} flag of {@code signpost registrator} and {@code signpost template}: their own
 * metrics (named {@code signpost.*}, plus the process's {@code runtime.*}) as Prometheus text on
 * {@code http://127.0.0.1:PORT/metrics}. Loopback only: the programs have no API, so nothing else is exposed.
 */
final class MetricsPort {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsPort.class);

    private MetricsPort() {
    }

    /** Removes {@code flag PORT} or {@code flag=PORT} (also with two dashes) from the arguments; its port. */
    static Optional<Integer> take(List<String> args, String flag) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).startsWith("--") ? args.get(i).substring(1) : args.get(i);
            String value;
            if (arg.equals(flag)) {
                if (i + 1 >= args.size()) {
                    throw new Main.UsageException("flag needs an argument: " + flag);
                }
                value = args.remove(i + 1);
            } else if (arg.startsWith(flag + "=")) {
                value = arg.substring(flag.length() + 1);
            } else {
                continue;
            }
            args.remove(i);
            return Optional.of(port(flag, value));
        }
        return Optional.empty();
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // worded below, as Go's flag package words it
        }
        throw new Main.UsageException("invalid value \"" + value + "\" for flag " + flag + ": not a port (0-65535)");
    }

    /** With a port: metrics handed to {@code meter} and served there until the process ends. */
    static Optional<MetricsServer> serve(Optional<Integer> port, Consumer<Metrics> meter) {
        if (port.isEmpty()) {
            return Optional.empty();
        }
        Metrics metrics = Metrics.create(new Telemetry("signpost", Optional.empty(), Duration.ZERO));
        RuntimeMetrics.bind(metrics);
        meter.accept(metrics);
        try {
            MetricsServer server = MetricsServer.start(metrics, port.get());
            LOG.info("metrics: serving Prometheus metrics on http://127.0.0.1:{}/metrics", server.port());
            return Optional.of(server);
        } catch (IOException e) {
            throw new Main.UsageException("cannot serve metrics on 127.0.0.1:" + port.get() + ": " + e.getMessage());
        }
    }
}
