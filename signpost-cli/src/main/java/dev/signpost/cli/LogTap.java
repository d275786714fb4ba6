package dev.signpost.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import dev.signpost.http.LogFeed;

/**
 * The agent's log as {@code /v1/agent/monitor} streams it: a Logback appender on the root and Ratis loggers that
 * hands each event to every monitor whose level it reaches, formatted as the console's lines or Consul's JSON
 * lines. Each monitor has a bounded buffer (512 lines, Consul's); when it is full the line is dropped and counted,
 * so logging never waits for a slow client. An event is formatted at most once per format.
 *
 * <p>As Consul's monitor, one may ask for a finer level than the agent logs at ({@code -log-level=debug} on an agent
 * at info): while such a monitor listens, Signpost's loggers let the finer events through and the agent's own
 * appenders (console, file) drop them again with a filter at the agent's level.
 */
final class LogTap extends AppenderBase<ILoggingEvent> implements LogFeed {
    /** Consul's monitor buffer size. */
    private static final int BUFFER = 512;

    private final List<Monitor> monitors = new CopyOnWriteArrayList<>();
    private final Encoder<ILoggingEvent> text;
    private final Encoder<ILoggingEvent> json;
    private volatile ch.qos.logback.classic.Level configured = ch.qos.logback.classic.Level.INFO;
    private final Logger root;
    private final Logger signpost;

    private LogTap(LoggerContext context) {
        setContext(context);
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        signpost = context.getLogger("dev.signpost");
        setName("MONITOR");
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern(LogDefaults.LINE_ONLY);
        pattern.start();
        text = pattern;
        JsonLogEncoder jsonEncoder = new JsonLogEncoder();
        jsonEncoder.setContext(context);
        jsonEncoder.start();
        json = jsonEncoder;
    }

    /** Attaches a tap to the root logger and to Ratis' (which does not pass its events on to the root). */
    static LogTap install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogTap tap = new LogTap(context);
        tap.start();
        tap.configured = tap.root.getEffectiveLevel();
        Logger ratis = context.getLogger("org.apache.ratis");
        for (Logger logger : List.of(tap.root, ratis)) {
            logger.iteratorForAppenders().forEachRemaining(appender -> appender.addFilter(new Filter<>() {
                @Override
                public FilterReply decide(ILoggingEvent event) {
                    return event.getLevel().isGreaterOrEqual(tap.configured) ? FilterReply.NEUTRAL : FilterReply.DENY;
                }
            }));
        }
        tap.root.addAppender(tap);
        if (!ratis.isAdditive()) {
            ratis.addAppender(tap);
        }
        return tap;
    }

    /** Takes the tap off the loggers again (tests; the agent keeps it for its life). */
    void uninstall() {
        monitors.clear();
        adjust();
        root.detachAppender(this);
        ((LoggerContext) getContext()).getLogger("org.apache.ratis").detachAppender(this);
        stop();
    }

    /** The agent's own level changed (a reload): its appenders log at it, monitors still get theirs. */
    void configured(ch.qos.logback.classic.Level level) {
        configured = level;
        adjust();
    }

    /** Signpost's loggers pass what the agent or the finest monitor asks for. */
    private synchronized void adjust() {
        ch.qos.logback.classic.Level lowest = configured;
        for (Monitor monitor : monitors) {
            if (!monitor.level.isGreaterOrEqual(lowest)) {
                lowest = monitor.level;
            }
        }
        root.setLevel(lowest);
        signpost.setLevel(lowest);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (monitors.isEmpty()) {
            return;
        }
        String asText = null;
        String asJson = null;
        for (Monitor monitor : monitors) {
            if (!event.getLevel().isGreaterOrEqual(monitor.level)) {
                continue;
            }
            String line;
            if (monitor.json) {
                asJson = asJson != null ? asJson : new String(json.encode(event), StandardCharsets.UTF_8);
                line = asJson;
            } else {
                asText = asText != null ? asText : new String(text.encode(event), StandardCharsets.UTF_8);
                line = asText;
            }
            if (!monitor.lines.offer(line)) {
                monitor.dropped.increment();
            }
        }
    }

    @Override
    public Subscription subscribe(LogFeed.Level level, boolean asJson) {
        Monitor monitor = new Monitor(logback(level), asJson);
        monitors.add(monitor);
        adjust();
        return monitor;
    }

    /** How many monitors listen now. */
    int monitors() {
        return monitors.size();
    }

    private static ch.qos.logback.classic.Level logback(LogFeed.Level level) {
        return switch (level) {
            case TRACE -> ch.qos.logback.classic.Level.TRACE;
            case DEBUG -> ch.qos.logback.classic.Level.DEBUG;
            case INFO -> ch.qos.logback.classic.Level.INFO;
            case WARN -> ch.qos.logback.classic.Level.WARN;
            case ERROR -> ch.qos.logback.classic.Level.ERROR;
        };
    }

    private final class Monitor implements Subscription {
        final ch.qos.logback.classic.Level level;
        final boolean json;
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(BUFFER);
        final LongAdder dropped = new LongAdder();

        Monitor(ch.qos.logback.classic.Level level, boolean json) {
            this.level = level;
            this.json = json;
        }

        @Override
        public Optional<String> next(Duration timeout) throws InterruptedException {
            return Optional.ofNullable(lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public long dropped() {
            return dropped.sum();
        }

        @Override
        public void close() {
            monitors.remove(this);
            adjust();
        }
    }
}
