package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The seam's own guard: every route is added with a {@link Guard} (Routes has no other way to add one), and the
 * routes that ask no token at all are exactly these, so opening another one is a decision a reviewer sees here.
 */
class RouteGuardsTest {

    @Test
    void onlyTheseRoutes_askNoToken() {
        Map<String, Guard> guards = new ApiTestSupport().routes.guards();
        assertThat(guards.entrySet().stream().filter(e -> e.getValue() instanceof Guard.Open).map(Map.Entry::getKey)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder(
                        "PUT /v1/acl/bootstrap",
                        "GET /v1/catalog/datacenters",
                        "GET /v1/coordinate/datacenters", // Consul's Coordinate.ListDatacenters checks no ACL
                        "GET /v1/agent/version", // Consul's AgentVersion checks no ACL
                        "GET /v1/status/leader",
                        "GET /v1/status/peers",
                        "GET /",
                        "GET /ui",
                        "GET /ui/*");
    }

    @Test
    void everyOpenRoute_saysWhy() {
        new ApiTestSupport().routes.guards().values().stream().filter(g -> g instanceof Guard.Open)
                .forEach(g -> assertThat(((Guard.Open) g).reason()).isNotBlank());
    }
}
