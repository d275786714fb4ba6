package dev.signpost.core.coordinate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RttSortTest {

    @Test
    void nearestFirst_nodesWithoutCoordinatesLastInTheirOrder() {
        Map<String, Coordinate> coords = Map.of(
                "near", at(0.001), "far", at(0.010), "here", at(0.0));
        List<String> nodes = List.of("x", "far", "y", "near", "here");

        List<String> sorted = RttSort.nearestFirst(nodes, n -> n, n -> Optional.ofNullable(coords.get(n)), at(0.0));

        assertThat(sorted).containsExactly("here", "near", "far", "x", "y");
    }

    @Test
    void distance_isInfiniteWithoutACoordinateOrAcrossDimensionalities() {
        assertThat(RttSort.distance(at(0.0), Optional.empty())).isInfinite();
        assertThat(RttSort.distance(at(0.0), Optional.of(new Coordinate(List.of(0.0), 0, 0, 0)))).isInfinite();
        assertThat(RttSort.distance(at(0.0), Optional.of(at(0.003)))).isEqualTo(0.003);
    }

    private static Coordinate at(double x) {
        return new Coordinate(List.of(x, 0.0), 0.1, 0.0, 0.0);
    }
}
