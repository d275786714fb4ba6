package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.history.Op.Outcome;

/**
 * Disk faults on a 3-server cluster whose data dirs are small file systems: a leader whose disk fills refuses writes
 * with a 500 that says why and hands its leadership over; a server whose Raft log cannot be written stops with one
 * line saying what to do, and catches up when started again; a server killed mid-write whose last log segment was
 * torn starts again and catches up. Nothing acknowledged is lost.
 */
class DiskFaultsTest {
    @TempDir
    Path work;
    private FaultCluster cluster;
    private SmallDisks disks;
    private final KvHistoryClient kv = new KvHistoryClient(Duration.ofSeconds(10), "consistent");

    @AfterEach
    void stopEverything() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (disks != null) {
                disks.close();
            }
        }
    }

    @Test
    void aFullDisk_refusesWritesClearly_andLosesNothingAcknowledged() {
        cluster = new FaultCluster(work);
        disks = SmallDisks.mount(List.of(cluster.dataDir(1), cluster.dataDir(2), cluster.dataDir(3)), 160);
        cluster.start();
        int full = cluster.leader().orElseThrow();
        SmallDisks.fill(cluster.dataDir(full), 40); // below the 64 MB reserve, above the 16 MB floor

        // The leader looks at its disk at most every 250 ms: a write that slips in before it sees the fill is fine. The
        // agents' own writes (their coordinates) may meet the full disk before ours: then the leader hands over at once,
        // and ours, refused while it does, go on to the next leader and succeed (seen in CI once).
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            answer.set(Http.put(cluster.agent(full).uri("/v1/kv/full/first"), "x"));
            return answer.get().statusCode() != 200 || cluster.agent(full).output().contains("handing the leadership");
        });
        HttpResponse<String> refused = answer.get();
        if (refused.statusCode() != 200) {
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).startsWith("Raft log has no room: ").contains(cluster.dataDir(full).toString())
                    .endsWith("free disk space there and retry");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leader().filter(l -> l != full).isPresent());
        assertThat(cluster.agent(full).output()).contains("the data dir is nearly full; handing the leadership to");

        // The server with the full disk follows now; writes go on through the others while its disk fills up: it stops
        // before Ratis writes into a full disk (which would leave its Raft data unreadable).
        List<String> acked = new ArrayList<>();
        String value = "v".repeat(16 * 1024);
        int other = full % 3 + 1;
        for (int i = 0; i < 100; i++) {
            write(other, "full/" + i, value, acked);
        }
        SmallDisks.fill(cluster.dataDir(full), 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.agent(full).isAlive());
        assertThat(cluster.agent(full).output()).contains("[ERROR] agent: cannot write the Raft log in "
                + cluster.dataDir(full)).contains("stopping. Free disk space there, then start the agent again");
        for (int i = 100; i < 200; i++) {
            write(other, "full/" + i, value, acked);
        }

        SmallDisks.free(cluster.dataDir(full));
        cluster.restart(full);
        cluster.awaitLeader(Duration.ofSeconds(60));
        write(full, "full/after", "x", acked);
        assertEveryServerHolds(acked);
    }

    @Test
    void aTornLastLogSegment_afterAKill_startsAgainAndCatchesUp() throws IOException {
        cluster = new FaultCluster(work);
        cluster.start();
        int leader = cluster.leader().orElseThrow();
        int follower = leader % 3 + 1;
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            write(leader, "torn/" + i, "value-" + i, acked);
        }
        cluster.kill(follower);
        Path segment = lastSegment(cluster.dataDir(follower));
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long end = lastWrittenByte(file);
            file.setLength(Math.max(0, end - 7)); // cut the last entry mid-way, as a crash mid-write leaves it
        }
        for (int i = 200; i < 300; i++) {
            write(leader, "torn/" + i, "value-" + i, acked);
        }
        cluster.restart(follower);
        cluster.awaitLeader(Duration.ofSeconds(60));
        assertEveryServerHolds(acked);
    }

    private void write(int host, String key, String value, List<String> acked) {
        Optional<KvHistoryClient.Written> w = kv.write(cluster.agent(host).httpAddress(), key, value, Optional.empty());
        if (w.isPresent() && w.get().outcome() == Outcome.OK) {
            acked.add(key);
        }
    }

    private void assertEveryServerHolds(List<String> acked) {
        assertThat(acked).hasSizeGreaterThan(10);
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            String address = cluster.agent(host).httpAddress();
            String prefix = acked.get(0).substring(0, acked.get(0).indexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(kv.keys(address, prefix).orElse(Set.of())).containsAll(acked));
        }
    }

    /** The open Raft log segment, where the newest entries are. */
    private static Path lastSegment(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("log_inprogress_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no open log segment under " + dataDir));
        }
    }

    /** Ratis preallocates its segment with zeros: the entries end at the last byte that is not zero. */
    private static long lastWrittenByte(RandomAccessFile file) throws IOException {
        for (long at = file.length() - 1; at >= 0; at--) {
            file.seek(at);
            if (file.read() != 0) {
                return at + 1;
            }
        }
        return 0;
    }
}
