package dev.signpost.registrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the registrator's one-line log messages go; tests capture them. Implementations are thread-safe. */
interface LogSink {

    void info(String line);

    void warn(String line);

    /** SLF4J logger {@code dev.signpost.registrator.Registrator}. */
    static LogSink slf4j() {
        Logger log = LoggerFactory.getLogger(Registrator.class);
        return new LogSink() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }
}
