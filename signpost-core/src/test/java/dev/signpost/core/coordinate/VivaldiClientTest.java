package dev.signpost.core.coordinate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VivaldiClientTest {
    private static final CoordinateConfig SERF = CoordinateConfig.serf();

    @Test
    void newClient_startsAtTheOriginWithTheLargestError() {
        Coordinate c = new VivaldiClient(SERF, new Random(1)).coordinate();

        assertThat(c.vec()).hasSize(8).containsOnly(0.0);
        assertThat(c.error()).isEqualTo(1.5);
        assertThat(c.adjustment()).isZero();
        assertThat(c.height()).isEqualTo(10.0e-6);
    }

    @Test
    void oneSample_movesTheCoordinateAwayFromACloserEstimate() {
        VivaldiClient client = new VivaldiClient(SERF, new Random(1));
        Coordinate other = new Coordinate(axis(0, 0.001), 1.5, 0.0, 10.0e-6);

        Coordinate moved = client.update("b", other, Duration.ofMillis(10));

        // The estimate (1 ms) is below the measured 10 ms: pushed away from b, along the negative first axis.
        assertThat(moved.vec().getFirst()).isNegative();
        assertThat(moved.vec().subList(1, 8)).containsOnly(0.0);
        assertThat(moved.error()).isLessThan(1.5 + 1e-12);
        assertThat(client.distanceTo(other)).isGreaterThan(Duration.ofMillis(1));
    }

    @Test
    void coincidingCoordinates_pushApartInSomeDirection() {
        VivaldiClient client = new VivaldiClient(SERF, new Random(7));

        Coordinate moved = client.update("b", Coordinate.origin(SERF), Duration.ofMillis(5));

        assertThat(Coordinate.magnitude(moved.vec())).isPositive();
    }

    @Test
    void latencyFilter_takesTheMedianOfTheLastThreeSamples() {
        // With the filter, one outlier among steady samples does not move the coordinate like the outlier would.
        VivaldiClient filtered = new VivaldiClient(SERF, new Random(3));
        VivaldiClient steady = new VivaldiClient(SERF, new Random(3));
        Coordinate other = new Coordinate(axis(0, 0.002), 1.5, 0.0, 10.0e-6);
        filtered.update("b", other, Duration.ofMillis(2));
        filtered.update("b", other, Duration.ofMillis(2));
        steady.update("b", other, Duration.ofMillis(2));
        steady.update("b", other, Duration.ofMillis(2));

        Coordinate afterOutlier = filtered.update("b", other, Duration.ofMillis(900));
        Coordinate afterSteady = steady.update("b", other, Duration.ofMillis(2));

        assertThat(afterOutlier.vec()).isEqualTo(afterSteady.vec());
    }

    @Test
    void latencyFilter_keepsSamplesPerNode_andForgetsThem() {
        Coordinate other = new Coordinate(axis(0, 0.002), 1.5, 0.0, 10.0e-6);
        VivaldiClient forgot = new VivaldiClient(SERF, new Random(3));
        VivaldiClient remembers = new VivaldiClient(SERF, new Random(3));
        VivaldiClient otherNode = new VivaldiClient(SERF, new Random(3));
        for (VivaldiClient client : List.of(forgot, remembers)) {
            client.update("b", other, Duration.ofMillis(900));
            client.update("b", other, Duration.ofMillis(900));
        }
        otherNode.update("c", other, Duration.ofMillis(900));
        otherNode.update("c", other, Duration.ofMillis(900));
        forgot.forget("b");

        Coordinate alone = forgot.update("b", other, Duration.ofMillis(2));
        Coordinate median = remembers.update("b", other, Duration.ofMillis(2));
        Coordinate firstOfB = otherNode.update("b", other, Duration.ofMillis(2));

        assertThat(alone.vec()).as("a forgotten node's sample is taken alone, as a new node's")
                .isEqualTo(firstOfB.vec());
        assertThat(median.vec()).as("the median of 900, 900, 2 ms").isNotEqualTo(alone.vec());
    }

    @Test
    void update_refusesBadInput_andKeepsTheCoordinate() {
        VivaldiClient client = new VivaldiClient(SERF, new Random(1));
        Coordinate before = client.coordinate();

        assertThatThrownBy(() -> client.update("b", new Coordinate(List.of(0.0, 0.0), 1.5, 0, 1e-5),
                Duration.ofMillis(1))).hasMessageContaining("dimensions aren't compatible");
        assertThatThrownBy(() -> client.update("b", new Coordinate(axis(0, Double.NaN), 1.5, 0, 1e-5),
                Duration.ofMillis(1))).hasMessage("invalid coordinate");
        assertThatThrownBy(() -> client.update("b", Coordinate.origin(SERF), Duration.ofSeconds(11)))
                .hasMessageContaining("round trip time not in valid range");
        assertThatThrownBy(() -> client.update("b", Coordinate.origin(SERF), Duration.ofMillis(-1)))
                .hasMessageContaining("round trip time not in valid range");
        assertThat(client.coordinate()).isEqualTo(before);
    }

    @Test
    void converges_onASyntheticRttMatrix() {
        // Nodes on a 4x4 grid, 5 ms apart, each with 1 ms of access latency (what heights model): every node pings a
        // random other each round, as gossip does.
        int side = 4;
        int n = side * side;
        double[][] rtt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = (i % side - j % side) * 0.005;
                double dy = (i / side - j / side) * 0.005;
                rtt[i][j] = i == j ? 0 : Math.hypot(dx, dy) + 0.002;
            }
        }
        Random random = new Random(42);
        List<VivaldiClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(new VivaldiClient(SERF, new Random(i)));
        }
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n - 1);
                j = j >= i ? j + 1 : j;
                clients.get(i).update("n" + j, clients.get(j).coordinate(), Duration.ofNanos((long) (rtt[i][j] * 1e9)));
            }
        }

        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double estimate = clients.get(i).coordinate().distanceTo(clients.get(j).coordinate());
                    errors.add(Math.abs(estimate - rtt[i][j]) / rtt[i][j]);
                }
            }
        }
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(mean).as("mean relative error").isLessThan(0.05);
        assertThat(Collections.max(errors)).as("largest relative error").isLessThan(0.25);
        assertThat(clients.getFirst().coordinate().error()).as("confidence").isLessThan(0.2);
    }

    @Test
    void distance_isEuclideanPlusHeights_plusAdjustmentsUnlessThatGoesBelowZero() {
        Coordinate a = new Coordinate(List.of(0.0, 0.0), 0.1, 0.0, 0.001);
        Coordinate b = new Coordinate(List.of(0.003, 0.004), 0.1, 0.0, 0.002);
        Coordinate adjustedUp = new Coordinate(b.vec(), 0.1, 0.001, 0.002);
        Coordinate adjustedAway = new Coordinate(b.vec(), 0.1, -0.5, 0.002);

        assertThat(a.distanceTo(b)).isCloseTo(0.008, within(1e-12));
        assertThat(a.distanceTo(adjustedUp)).isCloseTo(0.009, within(1e-12));
        assertThat(a.distanceTo(adjustedAway)).as("never below zero: the raw distance").isCloseTo(0.008, within(1e-12));
        assertThat(b.distanceTo(a)).isEqualTo(a.distanceTo(b));
    }

    private static List<Double> axis(int index, double value) {
        List<Double> v = new ArrayList<>(Collections.nCopies(8, 0.0));
        v.set(index, value);
        return v;
    }
}
