package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Register;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.CoordinateConfig;
import dev.signpost.core.model.Node;
import dev.signpost.testing.InMemoryRegistry;

/** How often an agent's coordinate reaches the replicated state, on a fake clock over an in-memory registry. */
class CoordinateSyncTest {
    private final FakeScheduler time = new FakeScheduler();
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final AtomicReference<Coordinate> current =
            new AtomicReference<>(Coordinate.origin(CoordinateConfig.serf()));
    private int members = 3;
    private final CoordinateSync sync = new CoordinateSync(registry, "n1", current::get, () -> members, time.clock());

    CoordinateSyncTest() {
        registry.write(new Register(Node.of("", "n1", "10.0.0.1", "dc1"), List.of(), List.of(), false));
    }

    private static Coordinate at(double x) {
        return new Coordinate(List.of(x, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.5, 0.0, 1.0e-5);
    }

    private java.util.Optional<Coordinate> stored() {
        return registry.store().read(s -> s.coordinate("n1"));
    }

    @Test
    void nothingIsSent_beforeAnythingWasMeasured() {
        assertThat(sync.round()).isFalse();
        assertThat(stored()).isEmpty();
    }

    @Test
    void theFirstCoordinate_goesAtOnce_thenAtMostEvery15s() {
        current.set(at(0.001));
        assertThat(sync.round()).isTrue();
        assertThat(stored()).contains(at(0.001));

        current.set(at(0.002));
        time.advance(Duration.ofSeconds(14));
        assertThat(sync.round()).as("within 15 s").isFalse();
        time.advance(Duration.ofSeconds(1));
        assertThat(sync.round()).isTrue();
        assertThat(stored()).contains(at(0.002));
    }

    @Test
    void aCoordinateThatHardlyMoved_isNotWritten() {
        current.set(at(0.001));
        sync.round();
        long index = registry.store().read(s -> s.coordinates().index());

        current.set(at(0.00102));
        time.advance(Duration.ofSeconds(30));

        assertThat(sync.round()).isFalse();
        long after = registry.store().read(s -> s.coordinates().index());
        assertThat(after).isEqualTo(index);
    }

    @Test
    void theInterval_growsWithTheCluster_asConsulsRateTargetAsks() {
        assertThat(sync.interval()).isEqualTo(Duration.ofSeconds(15));
        members = 6400;
        assertThat(sync.interval()).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void aFailedWrite_isTriedAgainNextRound() {
        current.set(at(0.001));
        registry.loseLeader();
        assertThat(sync.round()).isFalse();

        registry.lead();
        assertThat(sync.round()).isTrue();
    }

    @Test
    void networkCoordinates_moveWithHeartbeats_andAServerKeepsOneAmongServers() {
        NetworkCoordinates server = new NetworkCoordinates(true, new Random(1));
        NetworkCoordinates client = new NetworkCoordinates(false, new Random(1));
        MemberInfo other = new MemberInfo("s2", "id", "10.0.0.2", 8301, 8300, "consul", "dc1", 0, true, List.of(), "",
                false).withCoordinates(at(0.0), java.util.Optional.of(at(0.0)));

        server.observe(other, Duration.ofMillis(2));
        client.observe(other, Duration.ofMillis(2));
        server.observe(other.withCoordinates(at(0.0), java.util.Optional.empty()), Duration.ofMillis(3));

        assertThat(server.lan()).isNotEqualTo(Coordinate.origin(CoordinateConfig.serf()));
        assertThat(server.wan()).hasValueSatisfying(c -> assertThat(c.vec()).isNotEqualTo(at(0.0).vec()));
        assertThat(client.wan()).isEmpty();
        // A sample Serf refuses (over 10 s) changes nothing.
        Coordinate before = client.lan();
        client.observe(other, Duration.ofSeconds(11));
        assertThat(client.lan()).isEqualTo(before);
    }
}
