package dev.signpost.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent's log lines as {@code /v1/agent/monitor} streams them: each subscriber gets the lines at or above its
 * level, formatted as text or Consul's JSON, through a bounded buffer of its own, so a slow client loses lines
 * (counted) rather than slowing the log down.
 */
public interface LogFeed {
    /** hclog's levels, as Consul's {@code loglevel} parameter names them. */
    enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR;

        /** Consul's {@code logging.ValidateLogLevel}: TRACE, DEBUG, INFO, WARN, ERR or ERROR, in any case. */
        public static Optional<Level> parse(String name) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "TRACE" -> Optional.of(TRACE);
                case "DEBUG" -> Optional.of(DEBUG);
                case "INFO" -> Optional.of(INFO);
                case "WARN" -> Optional.of(WARN);
                case "ERR", "ERROR" -> Optional.of(ERROR);
                default -> Optional.empty();
            };
        }
    }

    /** One monitor's lines; close it when the client goes. */
    interface Subscription extends AutoCloseable {
        /** The next line (with its newline), or empty when none came within {@code timeout}. */
        Optional<String> next(Duration timeout) throws InterruptedException;

        /** Lines lost because the buffer was full. */
        long dropped();

        @Override
        void close();
    }

    Subscription subscribe(Level level, boolean json);

    /** A feed with no lines: for agents run without a log to tap (tests). */
    static LogFeed none() {
        return (level, json) -> new Subscription() {
            @Override
            public Optional<String> next(Duration timeout) throws InterruptedException {
                Thread.sleep(timeout);
                return Optional.empty();
            }

            @Override
            public long dropped() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
