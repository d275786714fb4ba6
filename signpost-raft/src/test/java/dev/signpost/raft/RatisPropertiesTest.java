package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;

class RatisPropertiesTest {
    private final RaftConfig config = new RaftConfig("n1", Path.of("/data"), "0.0.0.0", "10.0.0.35", 8300, "dc1",
            Duration.ofMillis(1000), Duration.ofSeconds(7), 16384, Duration.ofSeconds(30));
    private final RaftProperties properties = RatisProperties.of(config);

    private static long millis(TimeDuration d) {
        return d.toLong(TimeUnit.MILLISECONDS);
    }

    @Test
    void electionTimeouts_comeFromTheConfig_andTheFirstElectionIsQuicker() {
        assertThat(millis(RaftServerConfigKeys.Rpc.timeoutMin(properties))).isEqualTo(1000);
        assertThat(millis(RaftServerConfigKeys.Rpc.timeoutMax(properties))).isEqualTo(2000);
        assertThat(millis(RaftServerConfigKeys.Rpc.firstElectionTimeoutMin(properties))).isEqualTo(200);
        assertThat(millis(RaftServerConfigKeys.Rpc.firstElectionTimeoutMax(properties))).isEqualTo(500);
    }

    @Test
    void snapshotsAreOurs_andNoLogMetadataEntryIsWritten() {
        assertThat(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(properties)).isFalse();
        assertThat(RaftServerConfigKeys.Log.logMetadataEnabled(properties)).isFalse();
    }

    @Test
    void consistentReadsConfirmLeadershipWithAHeartbeatRound_notALease() {
        // The 30-minute fault run read a replaced value from a leader paused between its lease check and its read.
        assertThat(RaftServerConfigKeys.Read.option(properties)).isEqualTo(RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        assertThat(RaftServerConfigKeys.Read.leaderLeaseEnabled(properties)).isFalse();
    }

    @Test
    void repliesAreKeptForThreeWriteTimeouts_andTheLogLivesUnderTheDataDir() {
        assertThat(millis(RaftServerConfigKeys.RetryCache.expiryTime(properties))).isEqualTo(21_000);
        assertThat(RaftServerConfigKeys.storageDir(properties)).extracting(File::toPath)
                .containsExactly(Path.of("/data/raft"));
    }

    @Test
    void theLargestEntry_fitsTheLogWriteBuffer_andIsWhatTheAppenderSends() {
        assertThat(RaftServerConfigKeys.Log.Appender.bufferByteLimit(properties).getSizeInt())
                .isEqualTo(RatisProperties.LARGEST_ENTRY);
        // Room for the entry's length prefix and checksum beside it, and far below Ratis' 8 MB default.
        assertThat(RaftServerConfigKeys.Log.writeBufferSize(properties).getSizeInt())
                .isGreaterThan(RatisProperties.LARGEST_ENTRY + 16).isLessThan(8 << 20);
    }
}
