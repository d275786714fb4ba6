package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CoordinateEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private void register(String node, String service) {
        assertThat(text(api.call("PUT", "/v1/catalog/register", "{\"Node\":\"" + node + "\",\"Address\":\"10.0.0.1\""
                + ",\"Service\":{\"ID\":\"" + service + "-" + node + "\",\"Service\":\"" + service + "\"}"
                + ",\"Check\":{\"CheckID\":\"alive\",\"Name\":\"alive\",\"ServiceID\":\"" + service + "-" + node
                + "\",\"Status\":\"passing\"}}")))
                .isEqualTo("true");
    }

    /** Stores a coordinate at x ms along the first axis. */
    private void place(String node, double x) {
        ApiResponse r = api.call("PUT", "/v1/coordinate/update", "{\"Node\":\"" + node + "\",\"Coord\":{\"Vec\":["
                + x / 1000 + ",0,0,0,0,0,0,0],\"Error\":0.2,\"Adjustment\":0,\"Height\":0.00001}}");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        assertThat(text(r)).isEmpty();
    }

    @Test
    void update_thenNodes_answersConsulsShape_sortedByNode_withIndex() {
        register("b", "web");
        register("a", "web");
        place("b", 1.5);
        place("a", 0);

        ApiResponse r = api.call("GET", "/v1/coordinate/nodes");

        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("[{\"Node\":\"a\",\"Segment\":\"\",\"Coord\":{\"Vec\":[0,0,0,0,0,0,0,0],"
                + "\"Error\":0.2,\"Adjustment\":0,\"Height\":0.00001}},{\"Node\":\"b\",\"Segment\":\"\",\"Coord\":"
                + "{\"Vec\":[0.0015,0,0,0,0,0,0,0],\"Error\":0.2,\"Adjustment\":0,\"Height\":0.00001}}]");
        assertThat(r.headers()).containsKey("X-Consul-Index").containsEntry("X-Consul-KnownLeader", "true");
    }

    @Test
    void node_answersItsCoordinates_or404WithoutABody() {
        register("a", "web");
        place("a", 2);

        assertThat(text(api.call("GET", "/v1/coordinate/node/a"))).startsWith("[{\"Node\":\"a\",\"Segment\":\"\"");
        ApiResponse none = api.call("GET", "/v1/coordinate/node/ghost");
        assertThat(none.status()).isEqualTo(404);
        assertThat(text(none)).isEmpty();
        assertThat(api.call("GET", "/v1/coordinate/node/a?segment=alpha").status()).as("another segment")
                .isEqualTo(404);
        assertThat(text(api.call("GET", "/v1/coordinate/nodes?segment=alpha"))).isEqualTo("[]");
    }

    @Test
    void update_refusals_areConsuls() {
        register("a", "web");
        ApiResponse tooFew = api.call("PUT", "/v1/coordinate/update",
                "{\"Node\":\"a\",\"Coord\":{\"Vec\":[0.1,0.2],\"Error\":1.5,\"Height\":0.00001}}");
        assertThat(tooFew.status()).isEqualTo(500);
        assertThat(text(tooFew)).isEqualTo("incompatible coordinate");
        ApiResponse none = api.call("PUT", "/v1/coordinate/update", "{\"Node\":\"a\"}");
        assertThat(none.status()).isEqualTo(500);
        assertThat(text(none)).isEqualTo("invalid coordinate");
        ApiResponse malformed = api.call("PUT", "/v1/coordinate/update", "{\"Node\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(text(malformed)).startsWith("Request decode failed:");
        ApiResponse notNumbers = api.call("PUT", "/v1/coordinate/update",
                "{\"Node\":\"a\",\"Coord\":{\"Vec\":[\"x\"]}}");
        assertThat(notNumbers.status()).isEqualTo(400);
        assertThat(text(api.call("GET", "/v1/coordinate/nodes"))).isEqualTo("[]");
    }

    @Test
    void anUpdateForAnUnknownNode_isAccepted_andDropped() {
        place("ghost", 1);

        assertThat(text(api.call("GET", "/v1/coordinate/nodes"))).isEqualTo("[]");
    }

    @Test
    void deregisteringANode_removesItsCoordinate() {
        register("a", "web");
        place("a", 1);

        api.call("PUT", "/v1/catalog/deregister", "{\"Node\":\"a\"}");

        assertThat(text(api.call("GET", "/v1/coordinate/nodes"))).isEqualTo("[]");
    }

    @Test
    void nodes_isABlockingQuery_thatAnUpdateWakes() throws Exception {
        register("a", "web");
        place("a", 1);
        String index = api.call("GET", "/v1/coordinate/nodes").headers().get("X-Consul-Index");

        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.call("GET", "/v1/coordinate/nodes?index=" + index + "&wait=10s"));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        place("a", 3);

        ApiResponse woken = waiting.get(5, TimeUnit.SECONDS);
        assertThat(text(woken)).contains("0.003");
        assertThat(Long.parseLong(woken.headers().get("X-Consul-Index"))).isGreaterThan(Long.parseLong(index));
    }

    @Test
    void datacenters_listsThisDatacentersServersInTheWanArea() {
        assertThat(text(api.call("GET", "/v1/coordinate/datacenters")))
                .isEqualTo("[{\"Datacenter\":\"dc1\",\"AreaID\":\"wan\",\"Coordinates\":[]}]");
    }

    @Test
    void near_sortsCatalogAndHealthReads_byEstimatedRtt_nodesWithoutCoordinatesLast() {
        for (String node : List.of("far", "none", "test", "mid")) {
            register(node, "web");
        }
        place("test", 0);
        place("mid", 2);
        place("far", 9);
        String order = "\"far\"|\"mid\"|\"none\"|\"test\"";

        assertThat(nodeOrder(text(api.call("GET", "/v1/catalog/nodes")), order)).containsExactly("far", "mid", "none",
                "test");
        for (String path : List.of("/v1/catalog/nodes", "/v1/catalog/service/web", "/v1/health/service/web",
                "/v1/health/checks/web", "/v1/health/state/any")) {
            assertThat(nodeOrder(text(api.call("GET", path + "?near=_agent")), order)).as(path)
                    .containsExactly("test", "mid", "far", "none");
            assertThat(nodeOrder(text(api.call("GET", path + "?near=far")), order)).as(path)
                    .containsExactly("far", "mid", "test", "none");
            assertThat(nodeOrder(text(api.call("GET", path + "?near=none")), order)).as(path + " from no coordinate")
                    .containsExactly("far", "mid", "none", "test");
        }
    }

    @Test
    void goFloat_writesNumbersAsGosEncodingJsonDoes() {
        assertThat(CoordinateWire.goFloat(0.0)).isEqualTo("0");
        assertThat(CoordinateWire.goFloat(1.5)).isEqualTo("1.5");
        assertThat(CoordinateWire.goFloat(10.0e-6)).isEqualTo("0.00001");
        assertThat(CoordinateWire.goFloat(1.0e-6)).isEqualTo("0.000001");
        assertThat(CoordinateWire.goFloat(-2.5e-7)).isEqualTo("-2.5e-7");
        assertThat(CoordinateWire.goFloat(1.0e21)).isEqualTo("1e+21");
        assertThat(CoordinateWire.goFloat(123.0)).isEqualTo("123");
    }

    /** The node names in an answer, in the order they first appear (each health check names its node once). */
    private static List<String> nodeOrder(String json, String alternatives) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Node\":(" + alternatives + ")").matcher(json);
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        while (m.find()) {
            seen.add(m.group(1).replace("\"", ""));
        }
        return List.copyOf(seen);
    }
}
