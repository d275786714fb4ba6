package dev.signpost.cli;

import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Sets the log level from {@code -log-level} (Consul's names: trace, debug, info, warn, err) and the log's stream. */
final class Logging {
    private Logging() {
    }

    /**
     * Sends the log to stderr, as consul-template does, so that what a command prints on stdout (e.g.
     * {@code template -dry}) stays clean.
     */
    static void toStderr() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof ch.qos.logback.core.ConsoleAppender<?> console) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        });
    }

    static void level(String name) {
        Level level = switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "err", "error" -> Level.ERROR;
            default -> throw new Main.UsageException("invalid -log-level \"" + name
                    + "\": use trace, debug, info, warn or err");
        };
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        Logger signpost = (Logger) LoggerFactory.getLogger("dev.signpost");
        signpost.setLevel(level);
    }
}
