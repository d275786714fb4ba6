package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.NotFoundException;
import dev.signpost.core.Registry.ReadMode;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvPut;

class RaftAdminTest {
    @TempDir
    Path dataDir;

    private RaftRegistry single() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RaftRegistry registry = RaftRegistry.startSingle(new RaftConfig("n1", dataDir, "127.0.0.1", "127.0.0.1", port,
                "dc1", Duration.ofMillis(150), Duration.ofSeconds(30), 1000, Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.cluster().isLeader());
        return registry;
    }

    @Test
    void configuration_listsTheLeaderWithItsLastIndex() throws IOException {
        try (RaftRegistry registry = single()) {
            long index = registry.write(KvPut.set("a", new byte[0], 0)).index();

            RaftAdmin.Configuration conf = registry.admin().configuration();

            assertThat(conf.servers()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("n1");
                assertThat(s.leader()).isTrue();
                assertThat(s.voter()).isTrue();
                assertThat(s.lastIndex()).isGreaterThanOrEqualTo(index);
            });
            assertThat(registry.admin().stats().state()).isEqualTo("Leader");
            assertThat(registry.admin().stats().appliedIndex()).isGreaterThanOrEqualTo(index);
        }
    }

    @Test
    void removingAnUnknownPeer_isNotFound() throws IOException {
        try (RaftRegistry registry = single()) {
            assertThatThrownBy(() -> registry.admin().remove("ghost")).isInstanceOf(NotFoundException.class)
                    .hasMessage("id \"ghost\" was not found in the Raft configuration");
        }
    }

    @Test
    void aSavedArchive_restoresThroughTheLog_withTheIndexMovingForward() throws IOException {
        try (RaftRegistry registry = single()) {
            registry.write(KvPut.set("kept", "1".getBytes(StandardCharsets.UTF_8), 0));
            RaftAdmin.Archive archive = registry.admin().snapshot(ReadMode.DEFAULT, "test", 0);
            registry.write(new KvDelete("kept", -1));
            long before = registry.write(KvPut.set("later", new byte[0], 0)).index();

            long restoredAt = registry.admin().restore(archive.bytes());

            assertThat(restoredAt).isGreaterThan(before);
            registry.read(ReadMode.CONSISTENT, s -> {
                assertThat(s.key("kept").value()).isPresent();
                assertThat(s.key("later").value()).isEmpty();
                assertThat(s.key("kept").index()).isEqualTo(restoredAt);
                return null;
            });
        }
    }

    @Test
    void aTruncatedArchive_changesNothing() throws IOException {
        try (RaftRegistry registry = single()) {
            registry.write(KvPut.set("a", new byte[0], 0));
            byte[] archive = registry.admin().snapshot(ReadMode.STALE, "test", 0).bytes();
            long last = registry.store().lastIndex();

            assertThatThrownBy(() -> registry.admin().restore(Arrays.copyOf(archive, archive.length - 30)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(registry.store().lastIndex()).isEqualTo(last);
        }
    }

    /**
     * A restore larger than any log entry may be (one of 16 MB never reached the followers; each attempt ended in an
     * election) goes in parts, and every server of three ends with all of it.
     */
    @Test
    void aRestoreLargerThanALogEntry_goesInParts_andReachesEveryServerOfThree() throws Exception {
        java.util.List<Integer> ports = new java.util.ArrayList<>();
        java.util.List<RaftRegistry.Peer> peers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            }
            peers.add(new RaftRegistry.Peer("n" + (i + 1), "127.0.0.1:" + ports.get(i)));
        }
        java.util.List<RaftRegistry> servers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(RaftRegistry.start(new RaftConfig("n" + (i + 1), dataDir.resolve("n" + (i + 1)),
                        "127.0.0.1", "127.0.0.1", ports.get(i), "dc1", Duration.ofMillis(300), Duration.ofSeconds(30),
                        1_000_000, Duration.ofSeconds(60)), peers));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> servers.stream().allMatch(s -> s.cluster().knownLeader()));
            RaftRegistry follower = servers.stream().filter(s -> !s.cluster().isLeader()).findFirst().orElseThrow();
            java.util.Random random = new java.util.Random(1);
            int keys = 30;
            for (int i = 0; i < keys; i++) { // 12 MB of values, 16 MB as the JSON state: four times an entry's limit
                byte[] value = new byte[400_000];
                random.nextBytes(value);
                follower.write(KvPut.set("big/" + i, value, 0));
            }
            byte[] archive = follower.admin().snapshot(ReadMode.DEFAULT, "test", 0).bytes();
            java.util.Map<String, String> saved = contents(follower);
            assertThat(saved).hasSize(keys);
            follower.write(new dev.signpost.core.command.KvDeleteTree("big/"));

            long at = follower.admin().restore(archive);

            RaftRegistry leader = servers.stream().filter(s -> s.cluster().isLeader()).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leader.admin().configuration()
                    .servers()).as("the leader knows every server's progress").hasSize(3)
                    .allSatisfy(s -> assertThat(s.lastIndex()).isGreaterThanOrEqualTo(at)));
            for (RaftRegistry server : servers) {
                await().atMost(Duration.ofSeconds(30)).until(() -> server.store().lastIndex() >= at);
                assertThat(contents(server)).isEqualTo(saved);
            }
        } finally {
            for (RaftRegistry server : servers) {
                server.close();
            }
        }
    }

    /** The keys under big/ and their values in hex, as one server holds them. */
    private static java.util.Map<String, String> contents(RaftRegistry server) {
        return server.store().read(st -> st.keys("big/").value()).stream().collect(java.util.stream.Collectors.toMap(
                dev.signpost.core.model.KvEntry::key, e -> java.util.HexFormat.of().formatHex(e.value().toArray())));
    }
}
