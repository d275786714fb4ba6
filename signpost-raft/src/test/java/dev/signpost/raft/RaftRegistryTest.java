package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.Registry.ReadMode;
import dev.signpost.core.Registry.WriteResult;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
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
}
