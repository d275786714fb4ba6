package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.http.LogFeed;

class LogTapTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.signpost.cli.LogTapTest");
    private LogTap tap;

    @BeforeEach
    void install() {
        Logging.level("info");
        tap = LogTap.install();
    }

    @AfterEach
    void uninstall() {
        tap.uninstall();
    }

    @Test
    void aMonitor_getsTheLinesAtItsLevel_asTheConsoleShowsThem() throws Exception {
        try (LogFeed.Subscription lines = tap.subscribe(LogFeed.Level.WARN, false)) {
            LOG.info("agent: not for a warn monitor");
            LOG.warn("agent: Check is now critical");

            assertThat(lines.next(Duration.ofSeconds(1)).orElseThrow())
                    .matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[WARN\\] agent: Check is now critical\\n");
            assertThat(lines.next(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void aJsonMonitor_getsConsulsJsonLines() throws Exception {
        try (LogFeed.Subscription lines = tap.subscribe(LogFeed.Level.INFO, true)) {
            LOG.info("agent: Synced service 'web'");

            assertThat(lines.next(Duration.ofSeconds(1)).orElseThrow())
                    .startsWith("{\"@level\":\"info\",\"@message\":\"Synced service 'web'\",\"@module\":\"agent\"");
        }
    }

    @Test
    void aFinerMonitor_getsDebugLines_whileItListens_andTheAgentsLevelComesBack() throws Exception {
        try (LogFeed.Subscription lines = tap.subscribe(LogFeed.Level.DEBUG, false)) {
            LOG.debug("agent: a debug detail");

            assertThat(lines.next(Duration.ofSeconds(1))).hasValueSatisfying(l -> assertThat(l)
                    .contains("[DEBUG] agent: a debug detail"));
        }
        assertThat(LOG.isDebugEnabled()).isFalse();
    }

    @Test
    void aSlowMonitor_losesLinesBeyondItsBuffer_andNeverBlocksTheLog() throws Exception {
        try (LogFeed.Subscription lines = tap.subscribe(LogFeed.Level.INFO, false)) {
            long started = System.nanoTime();
            for (int i = 0; i < 600; i++) {
                LOG.info("agent: line {}", i);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(lines.dropped()).isEqualTo(88);
            Optional<String> first = lines.next(Duration.ofSeconds(1));
            assertThat(first).hasValueSatisfying(l -> assertThat(l).endsWith("agent: line 0\n"));
        }
        assertThat(tap.monitors()).isZero();
    }
}
