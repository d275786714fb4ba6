package dev.signpost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Signpost's log set-up, found by Logback through its service loader: the seed's line format on the console
 * ({@code 2026/12/07 06:48:16 [INFO] message}), Ratis' warnings on one line each without a stack trace (a peer
 * going away at shutdown makes every peer warn), the Raft client's own failures and the chatter of Ratis' gRPC,
 * Jetty and docker-java left out, and the registrator's lines as gliderlabs/registrator prints them (time, then
 * the message). Written in code rather than a {@code logback.xml} because reading the XML was a tenth of an
 * agent's start. {@code -Dlogback.configurationFile=FILE} still replaces all of it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogDefaults extends ContextAwareBase implements Configurator {
    /** The time at the start of every line, as Consul's and registrator's logs print it. */
    static final String TIME = "%d{yyyy/MM/dd HH:mm:ss}";
    static final String LINE = TIME + " [%level] %msg%n";
    /** A line with no stack trace after it. */
    static final String LINE_ONLY = TIME + " [%level] %msg%nopex%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context, "OUT", LINE));

        Logger ratis = context.getLogger("org.apache.ratis");
        ratis.setLevel(Level.WARN);
        ratis.setAdditive(false);
        ratis.addAppender(console(context, "RATIS", LINE_ONLY));
        context.getLogger("org.apache.ratis.thirdparty").setLevel(Level.ERROR);
        // A Raft client call that fails over or times out is reported by Signpost in one line.
        context.getLogger("org.apache.ratis.client").setLevel(Level.OFF);
        context.getLogger("org.apache.ratis.grpc.client").setLevel(Level.OFF);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("com.github.dockerjava").setLevel(Level.WARN);

        Logger registrator = context.getLogger("dev.signpost.registrator");
        registrator.setLevel(Level.INFO);
        registrator.setAdditive(false);
        registrator.addAppender(console(context, "PLAIN", TIME + " %msg%n"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
