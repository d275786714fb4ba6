package dev.signpost.registrator;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the registrator's one-line log messages go; tests capture them. Implementations are thread-safe. */
interface LogSink {

    void info(String line);

    void warn(String line);

    /** SLF4J logger {@code dev.signpost.registrator.Registrator}. */
    static LogSink slf4j() {
        Logger log = LoggerFactory.getLogger(Registrator.class);
        return of(log::info, log::warn);
    }

    /** Every line, information or warning alike, to one consumer (how tests capture them). */
    static LogSink to(Consumer<String> lines) {
        return of(lines, lines);
    }

    private static LogSink of(Consumer<String> info, Consumer<String> warn) {
        return new LogSink() {
            @Override
            public void info(String line) {
                info.accept(line);
            }

            @Override
            public void warn(String line) {
                warn.accept(line);
            }
        };
    }
}
