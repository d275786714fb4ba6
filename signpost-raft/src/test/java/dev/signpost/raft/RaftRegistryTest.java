package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.Registry.ReadMode;
import dev.signpost.core.Registry.WriteResult;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

class RaftRegistryTest {
    @TempDir
    Path dataDir;

    private RaftConfig config(int port, long snapshotThreshold) {
        return new RaftConfig("n1", dataDir, "127.0.0.1", "127.0.0.1", port, "dc1",
                Duration.ofMillis(150), Duration.ofSeconds(30), snapshotThreshold, // generous: CI machines are busy
                Duration.ofMillis(100));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitLeader(RaftRegistry registry) {
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.cluster().isLeader());
    }

    @Test
    void singleServer_electsItself_andAppliesWritesAtTheirRaftIndex() throws IOException {
        try (RaftRegistry registry = RaftRegistry.startSingle(config(freePort(), 1000))) {
            awaitLeader(registry);
            WriteResult first = registry.write(KvPut.set("a", "1".getBytes(StandardCharsets.UTF_8), 0));
            WriteResult second = registry.write(KvPut.set("b", "2".getBytes(StandardCharsets.UTF_8), 0));

            assertThat(first.result()).isTrue();
            assertThat(second.index()).isGreaterThan(first.index());
            long modifyIndex = registry.read(ReadMode.CONSISTENT, s -> s.key("b").value().orElseThrow().modifyIndex());
            assertThat(modifyIndex).isEqualTo(second.index());
            assertThat(registry.cluster().leaderAddress()).contains(registry.cluster().peers().get(0));
        }
    }

    @Test
    void aDefaultRead_theMomentTheServerIsElected_waitsForItsFirstCommit_ratherThanAnsweringNoLeader()
            throws IOException {
        try (RaftRegistry registry = RaftRegistry.startSingle(config(freePort(), 1000))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!registry.division().getInfo().isLeader() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // catch the first moment it leads: the window before its first commit is short
            }
            long index = registry.read(ReadMode.DEFAULT, s -> s.acl().index());
            assertThat(index).isNotNegative();
        }
    }

    @Test
    void aWriteLargerThanOneLogEntry_isRefused_andTheServerGoesOnWriting() throws IOException {
        try (RaftRegistry registry = RaftRegistry.startSingle(config(freePort(), 1000))) {
            awaitLeader(registry);
            byte[] large = new byte[RatisProperties.LARGEST_ENTRY + 1];

            assertThatThrownBy(() -> registry.write(KvPut.set("large", large, 0)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("Write too large for the Raft log: KvPut (")
                    .hasMessageEndingWith("one entry holds at most 4194304 bytes");
            // Just below the limit (values are base64 in the entry) still goes through the log's write buffer.
            byte[] fits = new byte[(RatisProperties.LARGEST_ENTRY - 4096) / 4 * 3];
            assertThat(registry.write(KvPut.set("fits", fits, 0)).result()).isTrue();
            int stored = registry.read(ReadMode.CONSISTENT, s -> s.key("fits").value().orElseThrow().value().length());
            assertThat(stored).isEqualTo(fits.length);
        }
    }

    @Test
    void restartWithSameDataDir_keepsEveryAcknowledgedWrite_fromLogAndSnapshot() throws IOException {
        int port = freePort();
        Node node = Node.of("id-1", "n1", "127.0.0.1", "dc1");
        long lastIndex;
        try (RaftRegistry registry = RaftRegistry.startSingle(config(port, 5))) {
            awaitLeader(registry);
            for (int i = 0; i < 12; i++) {
                registry.write(Register.service(node, Service.of("web-" + i, "web", "", 8000 + i, List.of()), List.of()));
            }
            lastIndex = registry.write(KvPut.set("k", new byte[] {1, 2}, 7)).index();
            // The timer checks every 100-200 ms and snapshots once 5 entries were applied since the last one.
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshotIndex() >= 5);
        }
        try (RaftRegistry registry = RaftRegistry.startSingle(config(port, 5))) {
            awaitLeader(registry);
            List<?> instances = registry.read(ReadMode.STALE, s -> s.instances("web").value());
            long flags = registry.read(ReadMode.STALE, s -> s.key("k").value().orElseThrow().flags());
            assertThat(instances).hasSize(12);
            assertThat(flags).isEqualTo(7);
            assertThat(registry.store().lastIndex()).isGreaterThanOrEqualTo(lastIndex);
            assertThat(registry.write(KvPut.set("k2", new byte[0], 0)).index()).isGreaterThan(lastIndex);
        }
    }

    /**
     * A follower's concurrent writes go to the leader together (ForwardBatcher): every one lands once, on
     * every server, with its own result (exactly one of many creates-if-absent of one key wins), in fewer
     * Raft entries than writes.
     */
    @Test
    void concurrentWritesOnAFollower_eachLandOnceWithItsOwnResult_inFewerEntries() throws Exception {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<RaftRegistry.Peer> peers = List.of(new RaftRegistry.Peer("n1", "127.0.0.1:" + ports.get(0)),
                new RaftRegistry.Peer("n2", "127.0.0.1:" + ports.get(1)), new RaftRegistry.Peer("n3", "127.0.0.1:" + ports.get(2)));
        List<RaftRegistry> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(RaftRegistry.start(new RaftConfig("n" + (i + 1), dataDir.resolve("n" + (i + 1)),
                        "127.0.0.1", "127.0.0.1", ports.get(i), "dc1", Duration.ofMillis(300), Duration.ofSeconds(30),
                        1_000_000, Duration.ofSeconds(60)), peers));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().filter(s -> s.cluster().isLeader())
                    .count() == 1 && servers.stream().allMatch(s -> s.cluster().leaderAddress().isPresent()));
            RaftRegistry follower = servers.stream().filter(s -> !s.cluster().isLeader()).findFirst().orElseThrow();
            long before = follower.write(KvPut.set("start", new byte[0], 0)).index();

            int writes = 200;
            List<Future<WriteResult>> results = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writes; i++) {
                    int n = i;
                    results.add(threads.submit(() -> follower.write(n % 2 == 0
                            ? new KvPut("once", ("by " + n).getBytes(StandardCharsets.UTF_8), 0, 0)
                            : KvPut.set("key-" + n, new byte[] {(byte) n}, n))));
                }
            }
            long created = 0;
            long last = 0;
            for (int i = 0; i < writes; i++) {
                WriteResult result = results.get(i).get();
                last = Math.max(last, result.index());
                if (i % 2 == 0 && result.result()) {
                    created++;
                } else {
                    assertThat(result.result()).as("write %d", i).isEqualTo(i % 2 == 1);
                }
            }
            assertThat(created).as("creates of one key that won").isEqualTo(1);
            assertThat(last - before).as("Raft entries for %d writes", writes).isLessThan(writes);
            for (RaftRegistry server : servers) {
                List<String> keys = server.read(ReadMode.CONSISTENT, s -> s.keys("key-").value().stream()
                        .map(KvEntry::key).toList());
                assertThat(keys).as(server.cluster().toString()).hasSize(writes / 2);
            }
        } finally {
            for (RaftRegistry server : servers) {
                server.close();
            }
        }
    }
}

