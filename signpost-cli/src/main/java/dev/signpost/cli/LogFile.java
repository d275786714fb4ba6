package dev.signpost.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * Consul's {@code -log-file}: the log also goes to a file that Logback rolls over by size
 * ({@code -log-rotate-bytes}) and by time ({@code -log-rotate-duration}, to the nearest day, hour or minute),
 * keeping {@code -log-rotate-max-files} old files. The current file is {@code NAME.log}; old ones are
 * {@code NAME-TIME.N.log} beside it. A path ending in {@code /} names a directory, holding {@code consul.log}.
 */
final class LogFile {
    private LogFile() {
    }

    /** What the flags and config asked for. */
    record Settings(Optional<String> path, int rotateBytes, Duration rotateDuration, int rotateMaxFiles) {
    }

    /** Adds the file to the root logger and to {@code alsoTo} (loggers that do not pass their events up). */
    static void attach(Settings settings, Encoder<ILoggingEvent> encoder, Logger... alsoTo) {
        if (settings.path().isEmpty()) {
            return;
        }
        String given = settings.path().get();
        Path file = given.endsWith("/") ? Path.of(given, "consul.log") : Path.of(given);
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.toAbsolutePath().getParent();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(dir.resolve(base + ".log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve(base + "-%d{" + period(settings.rotateDuration()) + "}.%i.log").toString());
        policy.setMaxFileSize(new FileSize(settings.rotateBytes() > 0 ? settings.rotateBytes() : Long.MAX_VALUE / 4));
        if (settings.rotateMaxFiles() > 0) {
            policy.setMaxHistory(settings.rotateMaxFiles());
        }
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        root().addAppender(appender);
        for (Logger logger : alsoTo) {
            logger.addAppender(appender);
        }
    }

    /** Logback rolls at calendar boundaries; the duration picks the nearest one. */
    private static String period(Duration rotate) {
        if (rotate.compareTo(Duration.ofDays(1)) >= 0) {
            return "yyyy-MM-dd";
        }
        return rotate.compareTo(Duration.ofHours(1)) >= 0 ? "yyyy-MM-dd_HH" : "yyyy-MM-dd_HH-mm";
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
