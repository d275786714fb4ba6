package dev.signpost.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signpost.core.command.CoordinateBatchUpdate;
import dev.signpost.core.command.Register;
import dev.signpost.core.coordinate.Coordinate;
import dev.signpost.core.coordinate.NodeCoordinate;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Weights;
import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Target;
import dev.signpost.core.query.PreparedQuery.Template;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.ServiceInstance;

class QueryExecutorTest {
    private final CatalogState state = new CatalogState();
    private long index;

    @BeforeEach
    void catalog() {
        add("n1", "10.0.0.1", Map.of("rack", "r1"), List.of("primary", "v1"), HealthStatus.PASSING);
        add("n2", "10.0.0.2", Map.of("rack", "r2"), List.of("secondary"), HealthStatus.WARNING);
        add("n3", "10.0.0.3", Map.of("rack", "r1"), List.of("primary"), HealthStatus.CRITICAL);
    }

    private void add(String node, String address, Map<String, String> meta, List<String> tags, HealthStatus status) {
        Node n = new Node("", node, address, "dc1", Map.of(), meta, 0, 0);
        Service s = new Service("web-" + node, "web", tags, "", 5000, Map.of("version", node), Weights.DEFAULT, false,
                0, 0);
        Check c = new Check(node, "chk-" + node, "chk", status, "", "", s.id(), "", List.of(), CheckDefinition.NONE,
                0, 0);
        state.apply(new Register(n, List.of(s), List.of(c), false), ++index);
    }

    private static PreparedQuery query(ServiceQuery service) {
        return new PreparedQuery("id", "q", "", "", Template.NONE, service, new Dns("10s", 10), 0, 0);
    }

    private static ServiceQuery web(boolean onlyPassing, List<String> ignore, List<String> tags,
                                    Map<String, String> nodeMeta, Map<String, String> serviceMeta) {
        return new ServiceQuery("web", Failover.NONE, onlyPassing, ignore, "", tags, nodeMeta, serviceMeta, false, "");
    }

    private static QueryExecutor.Request request() {
        return new QueryExecutor.Request("dc1", "n2", "", "", 0, false);
    }

    private QueryExecutor.Result run(PreparedQuery query, QueryExecutor.Request request) {
        return QueryExecutor.execute(state, query, request, i -> true, new Random(7));
    }

    private static List<String> nodes(QueryExecutor.Result result) {
        return result.nodes().stream().map(i -> i.node().name()).sorted().toList();
    }

    @Test
    void critical_isOut_warningIsIn_unlessOnlyPassing() {
        QueryExecutor.Result result = run(query(ServiceQuery.of("web")), request());
        assertThat(nodes(result)).containsExactly("n1", "n2");
        assertThat(result.service()).isEqualTo("web");
        assertThat(result.datacenter()).isEqualTo("dc1");
        assertThat(result.dns().ttl()).isEqualTo("10s");
        assertThat(nodes(run(query(web(true, List.of(), List.of(), Map.of(), Map.of())), request())))
                .containsExactly("n1");
    }

    @Test
    void ignoredChecks_doNotCount() {
        assertThat(nodes(run(query(web(true, List.of("chk-n2", "chk-n3"), List.of(), Map.of(), Map.of())),
                request()))).containsExactly("n1", "n2", "n3");
    }

    @Test
    void tags_areRequired_andBangTagsExcluded_ignoringCase() {
        assertThat(nodes(run(query(web(false, List.of(), List.of("PRIMARY"), Map.of(), Map.of())), request())))
                .containsExactly("n1");
        assertThat(nodes(run(query(web(false, List.of(), List.of("!v1"), Map.of(), Map.of())), request())))
                .containsExactly("n2");
    }

    @Test
    void nodeMeta_andServiceMeta_mustAllMatch() {
        assertThat(nodes(run(query(web(false, List.of(), List.of(), Map.of("rack", "r1"), Map.of())), request())))
                .containsExactly("n1");
        assertThat(nodes(run(query(web(false, List.of(), List.of(), Map.of(), Map.of("version", "n2"))),
                request()))).containsExactly("n2");
    }

    @Test
    void near_agent_putsTheAgentsNodeFirst_andLimitCuts() {
        for (int seed = 0; seed < 20; seed++) {
            QueryExecutor.Result result = QueryExecutor.execute(state, query(ServiceQuery.of("web")),
                    new QueryExecutor.Request("dc1", "n2", "_agent", "", 1, false), i -> true, new Random(seed));
            assertThat(result.nodes()).extracting(i -> i.node().name()).containsExactly("n2");
        }
        PreparedQuery nearInQuery = query(new ServiceQuery("web", Failover.NONE, false, List.of(), "n1", List.of(),
                Map.of(), Map.of(), false, ""));
        assertThat(run(nearInQuery, request()).nodes().getFirst().node().name()).isEqualTo("n1");
    }

    @Test
    void near_withCoordinates_sortsByEstimatedRtt_whateverTheShuffle() {
        add("n4", "10.0.0.4", Map.of(), List.of(), HealthStatus.PASSING);
        state.apply(new CoordinateBatchUpdate(List.of(at("n1", 0.0), at("n2", 0.009), at("n4", 0.002))), ++index);
        for (int seed = 0; seed < 10; seed++) {
            QueryExecutor.Result result = QueryExecutor.execute(state, query(ServiceQuery.of("web")),
                    new QueryExecutor.Request("dc1", "n1", "_agent", "", 0, false), i -> true, new Random(seed));
            assertThat(result.nodes()).extracting(i -> i.node().name()).containsExactly("n1", "n4", "n2");
        }
    }

    private static NodeCoordinate at(String node, double x) {
        return new NodeCoordinate(node, "", new Coordinate(List.of(x, 0.0), 0.1, 0.0, 1.0e-5));
    }

    @Test
    void near_ip_findsTheNodeWithTheCallersAddress() {
        PreparedQuery q = query(new ServiceQuery("web", Failover.NONE, false, List.of(), "_ip", List.of(), Map.of(),
                Map.of(), false, ""));
        for (int seed = 0; seed < 10; seed++) {
            QueryExecutor.Result result = QueryExecutor.execute(state, q,
                    new QueryExecutor.Request("dc1", "n1", "", "10.0.0.2", 0, false), i -> true, new Random(seed));
            assertThat(result.nodes().getFirst().node().name()).isEqualTo("n2");
        }
    }

    @Test
    void whatTheTokenMayNotRead_isFilteredAndSaidSo() {
        QueryExecutor.Result result = QueryExecutor.execute(state, query(ServiceQuery.of("web")), request(),
                (ServiceInstance i) -> !i.node().name().equals("n1"), new Random(1));
        assertThat(nodes(result)).containsExactly("n2");
        assertThat(result.filtered()).isTrue();
    }

    @Test
    void failover_withOneDatacenter_triesNoDatacenter_andCountsNoFailover() {
        PreparedQuery q = query(new ServiceQuery("db", new Failover(3, List.of("dc1", "dc2"), List.of()), false,
                List.of(), "", List.of(), Map.of(), Map.of(), false, ""));
        QueryExecutor.Result result = run(q, request());
        assertThat(result.nodes()).isEmpty();
        assertThat(result.failovers()).isZero();
        assertThat(result.datacenter()).isEqualTo("dc1");
        assertThat(result.service()).isEqualTo("db");
    }

    @Test
    void failover_toPeerTargets_triesEach_findsNothing_andNamesTheLastPeer() {
        PreparedQuery q = query(new ServiceQuery("db", new Failover(0, List.of(),
                List.of(new Target("", "dc2"), new Target("p1", ""), new Target("p2", ""))), false, List.of(), "",
                List.of(), Map.of(), Map.of(), false, ""));
        QueryExecutor.Result result = run(q, request());
        assertThat(result.failovers()).isEqualTo(2);
        assertThat(result.peerName()).isEqualTo("p2");
        assertThat(result.datacenter()).isEmpty();
    }

    @Test
    void failover_isNotTried_whenTheLocalDatacenterAnswers() {
        PreparedQuery q = query(new ServiceQuery("web", new Failover(0, List.of(), List.of(new Target("p1", ""))),
                false, List.of(), "", List.of(), Map.of(), Map.of(), false, ""));
        QueryExecutor.Result result = run(q, request());
        assertThat(result.failovers()).isZero();
        assertThat(result.peerName()).isEmpty();
    }

    @Test
    void aPeerQuery_findsNothingHere_andAConnectQueryNothingWithoutAProxy() {
        PreparedQuery peer = query(new ServiceQuery("web", Failover.NONE, false, List.of(), "", List.of(), Map.of(),
                Map.of(), false, "other"));
        QueryExecutor.Result result = run(peer, request());
        assertThat(result.nodes()).isEmpty();
        assertThat(result.peerName()).isEqualTo("other");
        assertThat(result.datacenter()).isEmpty();
        assertThat(run(query(ServiceQuery.of("web")), new QueryExecutor.Request("dc1", "n1", "", "", 0, true))
                .nodes()).isEmpty();
    }

    @Test
    void aConnectQuery_findsTheServicesProxies_throughTheSameFilters() {
        Node n1 = new Node("", "n1", "10.0.0.1", "dc1", Map.of(), Map.of("rack", "r1"), 0, 0);
        Service proxy = new Service("web-sidecar-proxy", "web-sidecar-proxy", List.of(), "", 21000, Map.of(),
                Weights.DEFAULT, false, 0, 0).withMesh("connect-proxy", Map.of(),
                ServiceProxy.NONE.withDestination("web", "web-n1", "127.0.0.1", 5000), false);
        state.apply(new Register(n1, List.of(proxy), List.of(), false), ++index);

        QueryExecutor.Result viaQuery = run(query(new ServiceQuery("web", Failover.NONE, false, List.of(), "",
                List.of(), Map.of(), Map.of(), true, "")), request());
        QueryExecutor.Result viaRequest = run(query(ServiceQuery.of("web")),
                new QueryExecutor.Request("dc1", "n1", "", "", 0, true));

        assertThat(viaQuery.nodes()).extracting(i -> i.service().id()).containsExactly("web-sidecar-proxy");
        assertThat(viaRequest.nodes()).extracting(i -> i.service().id()).containsExactly("web-sidecar-proxy");
        assertThat(run(query(new ServiceQuery("web", Failover.NONE, false, List.of(), "", List.of(),
                Map.of("rack", "r2"), Map.of(), true, "")), request()).nodes()).isEmpty();
    }
}
