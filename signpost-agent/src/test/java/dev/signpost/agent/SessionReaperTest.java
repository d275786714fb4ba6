package dev.signpost.agent;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.KvLock;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Session;
import dev.signpost.core.state.CatalogStore;
import dev.signpost.testing.InMemoryRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader's session TTL expiry, on a fake clock over an in-memory store. */
class SessionReaperTest {
    private final FakeScheduler time = new FakeScheduler();
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final CatalogStore store = registry.store();
    private final SessionReaper reaper = new SessionReaper(registry, time.clock());

    private void create(String id, long deadline) {
        registry.write(new SessionCreate(new Session(id, "", "n1", List.of(), List.of(), 0, Session.Behavior.RELEASE,
                "10s", deadline, 0, 0)));
    }

    private boolean exists(String id) {
        return store.read(s -> s.session(id).value().isPresent());
    }

    @Test
    void aLapsedSession_isDestroyed_andItsLockReleased() {
        registry.write(Register.node(Node.of("", "n1", "10.0.0.1", "dc1")));
        long now = time.clock().millis();
        reaper.reap(); // becomes leader now
        create("s1", now + 10_000);
        registry.write(new KvLock("lock", Bytes.EMPTY, 0, "s1", true, now));

        time.advance(Duration.ofMillis(9_999));
        assertThat(reaper.reap()).isZero();
        time.advance(Duration.ofMillis(1));
        assertThat(reaper.reap()).isEqualTo(1);

        assertThat(exists("s1")).isFalse();
        String holder = store.read(s -> s.key("lock").value().orElseThrow().session());
        assertThat(holder).isEmpty();
    }

    @Test
    void aFollower_expiresNothing() {
        registry.write(Register.node(Node.of("", "n1", "10.0.0.1", "dc1")));
        registry.followAnotherLeader();
        create("s1", time.clock().millis());
        time.advance(Duration.ofMinutes(1));
        assertThat(reaper.reap()).isZero();
        assertThat(exists("s1")).isTrue();
    }

    @Test
    void aNewLeader_givesEverySessionAFullTtl() {
        registry.write(Register.node(Node.of("", "n1", "10.0.0.1", "dc1")));
        create("s1", time.clock().millis() - 60_000); // lapsed long ago, while nobody led
        registry.followAnotherLeader();
        reaper.reap();
        registry.lead();

        assertThat(reaper.reap()).as("just took over").isZero();
        time.advance(Duration.ofSeconds(10));
        assertThat(reaper.reap()).isEqualTo(1);
    }
}
