package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.state.CatalogStore;
import dev.signpost.testing.InMemoryRegistry;

/** The leader's KV tombstone reaping, on a fake clock over an in-memory store. */
class TombstoneReaperTest {
    private static final Duration TTL = Duration.ofMinutes(15);
    private final FakeScheduler time = new FakeScheduler();
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final CatalogStore store = registry.store();
    private final TombstoneReaper reaper = new TombstoneReaper(registry, time.clock(), TTL);

    /** Writes and deletes a key; returns the delete's index, which a read of the key then answers with. */
    private long putAndDelete(String key) {
        registry.write(KvPut.set(key, "v".getBytes(StandardCharsets.UTF_8), 0));
        long deleted = registry.write(new KvDelete(key, KvDelete.NO_CAS)).index();
        Optional<KvEntry> entry = store.read(s -> s.key(key).value());
        assertThat(entry).isEmpty();
        assertThat(indexOf(key)).isEqualTo(deleted);
        return deleted;
    }

    /** The index a read of the (deleted) key answers with: its tombstone's, then the lowest (1) once reaped. */
    private long indexOf(String key) {
        return store.read(s -> s.key(key).index());
    }

    /** Rounds every 30 s for the given time. */
    private void runFor(Duration total) {
        for (long t = 0; t < total.toSeconds(); t += 30) {
            time.advance(Duration.ofSeconds(30));
            reaper.reap();
        }
    }

    @Test
    void aTombstoneLivesForTheTtl_thenTheLeaderReapsIt_andLaterOnesStay() {
        long oldDelete = putAndDelete("old");

        runFor(Duration.ofMinutes(10));
        long youngDelete = putAndDelete("young");
        runFor(Duration.ofMinutes(5).minusSeconds(30));
        assertThat(indexOf("old")).as("not reaped before the TTL").isEqualTo(oldDelete);

        runFor(Duration.ofSeconds(60));
        assertThat(indexOf("old")).as("reaped after the TTL").isEqualTo(1);
        assertThat(indexOf("young")).as("deleted 10 min later: kept").isEqualTo(youngDelete);

        runFor(Duration.ofMinutes(10));
        assertThat(indexOf("young")).isEqualTo(1);
    }

    @Test
    void aFollowerReapsNothing_andANewLeaderWaitsAWholeTtl() {
        registry.followAnotherLeader();
        long deleted = putAndDelete("k");
        runFor(Duration.ofMinutes(20));
        assertThat(indexOf("k")).isEqualTo(deleted);

        registry.lead();
        runFor(Duration.ofMinutes(14));
        assertThat(indexOf("k")).as("a new leader counts from when it took over").isEqualTo(deleted);
        runFor(Duration.ofMinutes(2));
        assertThat(indexOf("k")).isEqualTo(1);
    }
}
