package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;

import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalog's reads: what each query returns and in which order. */
class CatalogStateQueryTest {
    private final CatalogState state = new CatalogState();
    private long nextIndex = 10;

    private void apply(Command command) {
        state.apply(command, ++nextIndex);
    }

    @Test
    void nodes_areSortedByName() {
        apply(Register.node(node("n3")));
        apply(Register.node(node("n1")));
        apply(Register.node(node("n2")));

        assertThat(state.nodes().value()).extracting(Node::name).containsExactly("n1", "n2", "n3");
    }

    @Test
    void unknownNode_isEmpty() {
        assertThat(state.node("ghost").value()).isEmpty();
    }

    @Test
    void node_listsItsServicesById() {
        apply(register("n1", service("web-2", "web")));
        apply(register("n1", service("db-1", "db")));
        apply(register("n1", service("web-1", "web")));
        apply(register("n2", service("cache-1", "cache")));

        assertThat(state.node("n1").value()).hasValueSatisfying(ns -> {
            assertThat(ns.node().name()).isEqualTo("n1");
            assertThat(ns.services()).extracting(Service::id).containsExactly("db-1", "web-1", "web-2");
        });
    }

    @Test
    void services_giveEachNameTheSortedUnionOfItsInstancesTags() {
        apply(register("n1", service("web-1", "web", "v2", "primary")));
        apply(register("n2", service("web-2", "web", "v1", "primary")));
        apply(register("n1", service("db-1", "db")));

        assertThat(state.services().value()).containsExactly(
                entry("db", List.of()),
                entry("web", List.of("primary", "v1", "v2")));
    }

    @Test
    void instances_areSortedByNodeThenServiceId() {
        apply(register("n2", service("web-a", "web")));
        apply(register("n1", service("web-b", "web")));
        apply(register("n1", service("web-a", "web")));
        apply(register("n1", service("db-1", "db")));

        assertThat(state.instances("web").value())
                .extracting(i -> i.node().name() + "/" + i.service().id())
                .containsExactly("n1/web-a", "n1/web-b", "n2/web-a");
    }

    @Test
    void instances_listNodeChecksFirstThenTheServicesOwn() {
        apply(register("n1", service("web-1", "web"), serviceCheck("n1", "a-web-http", "web-1", HealthStatus.PASSING),
                nodeCheck("n1", "z-node", HealthStatus.WARNING)));
        apply(register("n1", service("db-1", "db"), serviceCheck("n1", "b-db-tcp", "db-1", HealthStatus.CRITICAL)));

        ServiceInstance web = state.instances("web").value().getFirst();

        assertThat(web.checks()).extracting(Check::checkId).containsExactly("z-node", "a-web-http");
        assertThat(web.aggregatedStatus()).isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void instancesOfUnknownService_isEmpty() {
        apply(register("n1", service("web-1", "web")));

        assertThat(state.instances("nope").value()).isEmpty();
    }

    @Test
    void nodeChecks_listNodeAndServiceChecksById() {
        apply(register("n1", service("web-1", "web"), serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING),
                nodeCheck("n1", "disk", HealthStatus.PASSING)));
        apply(registerChecks("n2", nodeCheck("n2", "other", HealthStatus.PASSING)));

        assertThat(state.nodeChecks("n1").value()).extracting(Check::checkId).containsExactly("disk", "web-http");
    }

    @Test
    void serviceChecks_listOnlyThatServicesChecks_acrossNodes() {
        apply(register("n1", service("web-1", "web"), serviceCheck("n1", "web-http", "web-1", HealthStatus.PASSING),
                nodeCheck("n1", "disk", HealthStatus.PASSING)));
        apply(register("n2", service("web-2", "web"), serviceCheck("n2", "web-http", "web-2", HealthStatus.CRITICAL)));
        apply(register("n2", service("db-1", "db"), serviceCheck("n2", "db-tcp", "db-1", HealthStatus.PASSING)));

        assertThat(state.serviceChecks("web").value())
                .extracting(c -> c.node() + "/" + c.checkId())
                .containsExactly("n1/web-http", "n2/web-http");
    }

    @Test
    void checks_filterByStatus_sortedByNodeThenId() {
        apply(registerChecks("n2", nodeCheck("n2", "b", HealthStatus.CRITICAL), nodeCheck("n2", "a",
                HealthStatus.CRITICAL)));
        apply(registerChecks("n1", nodeCheck("n1", "c", HealthStatus.CRITICAL),
                nodeCheck("n1", "ok", HealthStatus.PASSING), nodeCheck("n1", "meh", HealthStatus.WARNING)));

        assertThat(state.checks(s -> s == HealthStatus.CRITICAL).value())
                .extracting(c -> c.node() + "/" + c.checkId())
                .containsExactly("n1/c", "n2/a", "n2/b");
        assertThat(state.checks(s -> true).value()).hasSize(5);
        assertThat(state.checks(s -> s == HealthStatus.MAINTENANCE).value()).isEmpty();
    }

    @Test
    void usage_countsNodesNamesAndInstances_billingAllButTheConsulService() {
        apply(Register.service(node("s1"), Service.of("consul", "consul", "", 8300, List.of()), List.of()));
        apply(register("n1", service("web-1", "web")));
        apply(register("n1", service("web-2", "web")));
        apply(register("n2", service("web-1", "web")));
        apply(register("n2", service("db", "db")));
        apply(Register.node(node("n3")));

        assertThat(state.usage().value()).isEqualTo(new Usage(4, 3, 5, 4));
        assertThat(state.usage().index()).isEqualTo(nextIndex);
    }

    @Test
    void usage_followsDeregistrations_andItsIndexMovesWithThem() {
        apply(register("n1", service("web-1", "web")));
        apply(register("n2", service("db", "db")));
        apply(new DeregisterService("n2", "db"));
        long afterService = nextIndex;
        assertThat(state.usage()).isEqualTo(new Indexed<>(new Usage(2, 1, 1, 1), afterService));

        apply(new DeregisterNode("n1"));

        assertThat(state.usage()).isEqualTo(new Indexed<>(new Usage(1, 0, 0, 0), nextIndex));
    }

    @Test
    void usage_ofAnEmptyCatalog_isZeroAtIndexOne() {
        assertThat(state.usage()).isEqualTo(new Indexed<>(new Usage(0, 0, 0, 0), 1));
    }
}
