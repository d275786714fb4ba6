package dev.signpost.cli;

import java.util.List;
import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Sets the log level from {@code -log-level} (Consul's names: trace, debug, info, warn, err), the log's stream,
 * and its format and file ({@code -log-json}, {@code -log-file}).
 */
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

    /**
     * Consul's {@code -log-json} and {@code -log-file}: the console switches to JSON lines when asked, and a
     * log file, when given, gets the same lines as the console.
     */
    static void configure(boolean json, LogFile.Settings file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger ratis = context.getLogger("org.apache.ratis");
        if (json) {
            List.of(LogFile.root().getAppender("OUT"), ratis.getAppender("RATIS")).forEach(appender -> {
                if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
                    out.stop();
                    out.setEncoder(started(new JsonLogEncoder(), context));
                    out.start();
                }
            });
        }
        if (file.path().isPresent()) {
            if (json) {
                LogFile.attach(file, started(new JsonLogEncoder(), context), ratis);
            } else {
                PatternLayoutEncoder pattern = new PatternLayoutEncoder();
                pattern.setPattern(LogDefaults.LINE);
                LogFile.attach(file, started(pattern, context), ratis);
            }
        }
    }

    private static <E extends Encoder<ILoggingEvent>> E started(E encoder, LoggerContext context) {
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    static void level(String name) {
        Level level = parse(name);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        Logger signpost = (Logger) LoggerFactory.getLogger("dev.signpost");
        signpost.setLevel(level);
    }

    /** Consul's level names as Logback's levels; Consul's words for an unknown one. */
    static Level parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "err", "error" -> Level.ERROR;
            default -> throw new Main.UsageException("invalid -log-level \"" + name
                    + "\": use trace, debug, info, warn or err");
        };
    }
}
