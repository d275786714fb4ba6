package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.Txn;
import dev.signpost.core.command.TxnOp;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.Bytes;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Service;

import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The checks of a service as the state finds them through its index by service: after any history they are
 * exactly the node's checks bound to that service. Each test guards one way the index could go stale.
 */
class CatalogStateChecksByServiceTest {
    private CatalogState state = new CatalogState();
    private long index;

    private void apply(Command command) {
        state.apply(command, ++index);
    }

    private List<String> instanceCheckIds(String serviceName) {
        return state.instances(serviceName).value().stream()
                .flatMap(i -> i.checks().stream().map(Check::checkId)).toList();
    }

    private List<String> nodeCheckIds(String nodeName) {
        return state.nodeChecks(nodeName).value().stream().map(Check::checkId).toList();
    }

    private static Check bound(String checkId, String serviceId) {
        return serviceCheck("n1", checkId, serviceId, HealthStatus.PASSING);
    }

    /** With c1 bound to db-1 on n1: removing web-1 leaves c1, removing db-1 takes it. */
    private void assertC1LeavesWithDb1Only() {
        apply(new DeregisterService("n1", "web-1"));
        assertThat(nodeCheckIds("n1")).containsExactly("c1");
        apply(new DeregisterService("n1", "db-1"));
        assertThat(nodeCheckIds("n1")).isEmpty();
    }

    @Test
    void checkMovedToAnotherService_countsOnlyForThatOne_andLeavesWithIt() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1")));
        apply(register("n1", service("db-1", "db")));

        apply(registerChecks("n1", bound("c1", "db-1")));

        assertThat(instanceCheckIds("web")).isEmpty();
        assertThat(state.serviceChecks("db").value()).singleElement()
                .satisfies(c -> assertThat(c.serviceName()).isEqualTo("db"));
        assertC1LeavesWithDb1Only();
    }

    @Test
    void serviceCheckTurnedNodeCheck_countsForEveryService_andOutlivesItsOldService() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1")));
        apply(register("n1", service("db-1", "db")));

        apply(registerChecks("n1", nodeCheck("n1", "c1", HealthStatus.PASSING)));

        assertThat(instanceCheckIds("db")).containsExactly("c1");
        assertThat(state.serviceChecks("web").value()).isEmpty();
        apply(new DeregisterService("n1", "web-1"));
        assertThat(instanceCheckIds("db")).containsExactly("c1");
    }

    @Test
    void checkRegisteredBeforeItsService_takesItsNameWhenItComes_andLeavesWithIt() {
        apply(registerChecks("n1", bound("c1", "web-1")));

        apply(register("n1", service("web-1", "web")));

        assertThat(state.serviceChecks("web").value()).singleElement()
                .satisfies(c -> assertThat(c.serviceName()).isEqualTo("web"));
        apply(new DeregisterService("n1", "web-1"));
        assertThat(nodeCheckIds("n1")).isEmpty();
    }

    @Test
    void renamedService_renamesOnlyItsOwnChecks() {
        apply(register("n1", service("web-1", "web"), bound("web-http", "web-1"),
                nodeCheck("n1", "serfHealth", HealthStatus.PASSING)));
        apply(register("n1", service("db-1", "db"), bound("db-tcp", "db-1")));

        apply(register("n1", service("web-1", "www")));

        assertThat(state.nodeChecks("n1").value()).extracting(Check::checkId, Check::serviceName)
                .containsExactly(tuple("db-tcp", "db"), tuple("serfHealth", ""), tuple("web-http", "www"));
    }

    @Test
    void deregisteredThenReregisteredService_startsWithoutItsOldChecks() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1"), bound("c2", "web-1")));
        apply(new DeregisterService("n1", "web-1"));

        apply(register("n1", service("web-1", "web"), bound("c3", "web-1")));

        assertThat(instanceCheckIds("web")).containsExactly("c3");
    }

    @Test
    void deregisteredCheck_reregisteredForAnotherService_isFoundThereOnly() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1")));
        apply(register("n1", service("db-1", "db")));
        apply(new DeregisterCheck("n1", "c1"));

        apply(registerChecks("n1", bound("c1", "db-1")));

        assertThat(instanceCheckIds("web")).isEmpty();
        assertThat(instanceCheckIds("db")).containsExactly("c1");
    }

    @Test
    void deregisteredThenReregisteredNode_hasNoGhostChecks() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1"),
                nodeCheck("n1", "serfHealth", HealthStatus.PASSING)));
        apply(new DeregisterNode("n1"));

        apply(register("n1", service("web-1", "web")));

        assertThat(instanceCheckIds("web")).isEmpty();
        assertThat(state.serviceChecks("web").value()).isEmpty();
    }

    @Test
    void restore_rebuildsTheIndexFromTheSnapshot_notFromWhatWasThere() {
        CatalogState source = new CatalogState();
        source.apply(register("n1", service("web-1", "web")), 1);
        source.apply(register("n1", service("db-1", "db"), bound("c1", "db-1")), 2);
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1"), bound("c2", "web-1")));
        apply(register("n1", service("db-1", "db")));

        state.restore(source.snapshot());
        index = state.lastIndex();

        assertThat(instanceCheckIds("web")).isEmpty();
        assertThat(instanceCheckIds("db")).containsExactly("c1");
        assertC1LeavesWithDb1Only();
    }

    @Test
    void failedTxn_putsTheIndexBackAsItWas() {
        apply(register("n1", service("web-1", "web"), bound("c1", "web-1")));
        apply(register("n1", service("db-1", "db")));

        apply(new Txn(List.of(new TxnOp.CheckOp("set", bound("c1", "db-1")),
                new TxnOp.KvOp("get", "missing", Bytes.EMPTY, 0, 0, "")), 0));

        assertThat(state.txnOutcome(index).orElseThrow().ok()).isFalse();
        assertThat(instanceCheckIds("web")).containsExactly("c1");
        apply(new DeregisterService("n1", "web-1"));
        assertThat(nodeCheckIds("n1")).isEmpty();
    }

    /** A seeded history of every catalog write, checked after each step against a scan of the node's checks. */
    @Test
    void anyHistory_givesEachServiceExactlyTheNodesChecksBoundToIt() {
        Random random = new Random(7);
        for (int step = 0; step < 3000; step++) {
            Command command = randomWrite(random);
            boolean removesAService = command instanceof DeregisterService d
                    && state.node(d.node()).value().stream().flatMap(n -> n.services().stream())
                            .anyMatch(s -> s.id().equals(d.serviceId()));
            apply(command);
            if (step % 500 == 499) {
                CatalogState restored = new CatalogState();
                restored.restore(state.snapshot());
                state = restored;
            }
            String as = "step " + step + ": " + command;
            assertThat(state.instances("web").value()).as(as).allSatisfy(this::assertHasTheChecksOfAScan);
            if (removesAService) {
                DeregisterService d = (DeregisterService) command;
                assertThat(state.nodeChecks(d.node()).value()).as(as)
                        .noneMatch(c -> c.serviceId().equals(d.serviceId()));
            }
        }
    }

    private void assertHasTheChecksOfAScan(ServiceInstance instance) {
        Service service = instance.service();
        List<Check> all = state.nodeChecks(instance.node().name()).value();
        List<Check> counting = new ArrayList<>(all.stream().filter(Check::isNodeCheck).toList());
        List<Check> bound = all.stream().filter(c -> c.serviceId().equals(service.id())).toList();
        counting.addAll(bound);
        assertThat(instance.checks()).isEqualTo(counting);
        assertThat(bound).allSatisfy(c -> {
            assertThat(c.serviceName()).isEqualTo(service.name());
            assertThat(c.serviceTags()).isEqualTo(service.tags());
        });
    }

    /** Every service is named web, so that one {@code instances} read covers them all. */
    private static Command randomWrite(Random random) {
        String nodeName = random.nextBoolean() ? "n1" : "n2";
        String serviceId = "s" + random.nextInt(4);
        String checkId = "c" + random.nextInt(8);
        Check check = random.nextInt(4) == 0 ? nodeCheck(nodeName, checkId, HealthStatus.PASSING)
                : serviceCheck(nodeName, checkId, serviceId, HealthStatus.PASSING);
        return switch (random.nextInt(8)) {
            case 0, 1 -> new Register(node(nodeName), List.of(service(serviceId, "web", "v" + random.nextInt(3))),
                    List.of(), true);
            case 2, 3 -> registerChecks(nodeName, check);
            case 4 -> new UpdateCheck(nodeName, checkId, HealthStatus.WARNING, "step");
            case 5 -> new DeregisterService(nodeName, serviceId);
            case 6 -> new DeregisterCheck(nodeName, checkId);
            default -> random.nextInt(4) == 0 ? new DeregisterNode(nodeName) : new Txn(List.of(
                    new TxnOp.CheckOp("set", check), new TxnOp.KvOp("get", "missing", Bytes.EMPTY, 0, 0, "")), 0);
        };
    }
}
