package dev.signpost.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvDeleteTree;
import dev.signpost.core.command.Register;
import dev.signpost.core.command.UpdateCheck;
import dev.signpost.core.model.HealthStatus;

import static dev.signpost.core.state.Fixtures.node;
import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.put;
import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.registerChecks;
import static dev.signpost.core.state.Fixtures.service;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The index rules blocking queries rely on: indexes only grow, and each query's index moves only with
 * writes that change its answer.
 */
class CatalogStateIndexTest {
    private final CatalogState state = new CatalogState();

    @Test
    void applyAtSameIndex_fails() {
        state.apply(Register.node(node("n1")), 5);

        assertThatIllegalStateException().isThrownBy(() -> state.apply(Register.node(node("n2")), 5))
                .withMessage("index 5 is not after the last applied index 5");
        assertThat(state.nodes().value()).hasSize(1);
    }

    @Test
    void applyAtLowerIndex_failsAndChangesNothing() {
        state.apply(Register.node(node("n1")), 5);

        assertThatIllegalStateException().isThrownBy(() -> state.apply(Register.node(node("n2")), 4))
                .withMessageContaining("index 4");
        assertThat(state.nodes().value()).hasSize(1);
        assertThat(state.lastIndex()).isEqualTo(5);
    }

    @Test
    void applyAtIndexZero_failsOnFreshState() {
        assertThatIllegalStateException().isThrownBy(() -> state.apply(Register.node(node("n1")), 0));
    }

    @Test
    void lastIndex_followsEveryWrite_evenOneThatChangesNothing() {
        state.apply(new DeregisterNode("ghost"), 3);

        assertThat(state.lastIndex()).isEqualTo(3);
    }

    @Test
    void indexesOfAFreshState_areOne_neverZero() {
        assertThat(state.nodes().index()).isEqualTo(1);
        assertThat(state.services().index()).isEqualTo(1);
        assertThat(state.instances("web").index()).isEqualTo(1);
        assertThat(state.node("n1").index()).isEqualTo(1);
        assertThat(state.checks(s -> true).index()).isEqualTo(1);
        assertThat(state.key("k").index()).isEqualTo(1);
        assertThat(state.keys("").index()).isEqualTo(1);
    }

    @Test
    void writeToServiceA_doesNotMoveServiceB() {
        state.apply(register("n1", service("a-1", "a")), 5);
        state.apply(register("n1", service("b-1", "b")), 6);

        state.apply(register("n1", service("a-1", "a", "v2")), 7);

        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.instances("b").index()).isEqualTo(6);
        assertThat(state.serviceChecks("b").index()).isEqualTo(6);
        assertThat(state.services().index()).isEqualTo(7);
        assertThat(state.node("n1").index()).isEqualTo(7);
    }

    @Test
    void serviceWrites_doNotMoveNodeList() {
        state.apply(Register.node(node("n1")), 5);

        state.apply(register("n1", service("a-1", "a")), 6);

        assertThat(state.nodes().index()).isEqualTo(5);
    }

    @Test
    void serviceCheckUpdate_movesItsServiceNodeAndChecks_butNotOtherServicesOnTheNode() {
        state.apply(register("n1", service("a-1", "a"), serviceCheck("n1", "a-check", "a-1", HealthStatus.PASSING)), 5);
        state.apply(register("n1", service("b-1", "b")), 6);

        state.apply(new UpdateCheck("n1", "a-check", HealthStatus.CRITICAL, "down"), 7);

        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.node("n1").index()).isEqualTo(7);
        assertThat(state.nodeChecks("n1").index()).isEqualTo(7);
        assertThat(state.checks(s -> true).index()).isEqualTo(7);
        assertThat(state.instances("b").index()).isEqualTo(6);
        assertThat(state.services().index()).isEqualTo(6);
    }

    @Test
    void checkMovedToAnotherService_movesBothServices() {
        state.apply(register("n1", service("a-1", "a"), serviceCheck("n1", "probe", "a-1", HealthStatus.PASSING)), 5);
        state.apply(register("n1", service("b-1", "b")), 6);
        state.apply(register("n1", service("c-1", "c")), 7);

        state.apply(registerChecks("n1", serviceCheck("n1", "probe", "b-1", HealthStatus.PASSING)), 8);

        assertThat(state.instances("a").index()).isEqualTo(8);
        assertThat(state.instances("b").index()).isEqualTo(8);
        assertThat(state.instances("c").index()).isEqualTo(7);
        assertThat(state.serviceChecks("a").value()).isEmpty();
        assertThat(state.serviceChecks("b").value()).singleElement()
                .satisfies(c -> assertThat(c.serviceName()).isEqualTo("b"));
    }

    @Test
    void nodeCheckUpdate_movesEveryServiceOnThatNode_only() {
        state.apply(register("n1", service("a-1", "a"), nodeCheck("n1", "serfHealth", HealthStatus.PASSING)), 5);
        state.apply(register("n1", service("b-1", "b")), 6);
        state.apply(register("n2", service("c-1", "c")), 7);

        state.apply(new UpdateCheck("n1", "serfHealth", HealthStatus.CRITICAL, "Agent not live or unreachable"), 8);

        assertThat(state.instances("a").index()).isEqualTo(8);
        assertThat(state.instances("b").index()).isEqualTo(8);
        assertThat(state.serviceChecks("b").index()).isEqualTo(8);
        assertThat(state.instances("c").index()).isEqualTo(7);
    }

    @Test
    void nodeCheckRegistration_movesEveryServiceOnThatNode() {
        state.apply(register("n1", service("a-1", "a")), 5);
        state.apply(register("n1", service("b-1", "b")), 6);

        state.apply(registerChecks("n1", nodeCheck("n1", "maint", HealthStatus.CRITICAL)), 7);

        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.instances("b").index()).isEqualTo(7);
    }

    @Test
    void nodeCheckDeregistration_movesEveryServiceOnThatNode() {
        state.apply(register("n1", service("a-1", "a"), nodeCheck("n1", "maint", HealthStatus.CRITICAL)), 5);
        state.apply(register("n1", service("b-1", "b")), 6);

        state.apply(new DeregisterCheck("n1", "maint"), 7);

        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.instances("b").index()).isEqualTo(7);
        assertThat(state.checks(s -> true).index()).isEqualTo(7);
    }

    @Test
    void nodeAddressChange_movesEveryServiceOnThatNode() {
        state.apply(register("n1", service("a-1", "a")), 5);
        state.apply(register("n2", service("b-1", "b")), 6);

        state.apply(Register.node(node("n1", "10.0.0.99")), 7);

        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.nodes().index()).isEqualTo(7);
        assertThat(state.instances("b").index()).isEqualTo(6);
    }

    @Test
    void deregisteredService_keepsTheHigherIndexOfItsDeletion() {
        state.apply(register("n1", service("a-1", "a")), 5);

        state.apply(new DeregisterService("n1", "a-1"), 9);

        assertThat(state.instances("a").index()).isEqualTo(9);
        assertThat(state.services().index()).isEqualTo(9);
        assertThat(state.node("n1").index()).isEqualTo(9);
    }

    @Test
    void deregisteredNode_keepsTheHigherIndexOfItsDeletion() {
        state.apply(register("n1", service("a-1", "a"), nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        state.apply(new DeregisterNode("n1"), 9);

        assertThat(state.node("n1").index()).isEqualTo(9);
        assertThat(state.nodes().index()).isEqualTo(9);
        assertThat(state.instances("a").index()).isEqualTo(9);
        assertThat(state.checks(s -> true).index()).isEqualTo(9);
    }

    @Test
    void renamedService_movesBothOldAndNewName() {
        state.apply(register("n1", service("svc-1", "old")), 5);
        state.apply(register("n1", service("x-1", "other")), 6);

        state.apply(register("n1", service("svc-1", "new")), 7);

        assertThat(state.instances("old").index()).isEqualTo(7);
        assertThat(state.instances("new").index()).isEqualTo(7);
        assertThat(state.instances("other").index()).isEqualTo(6);
    }

    @Test
    void writeThatChangesNothing_movesNoIndex() {
        state.apply(register("n1", service("a-1", "a"), nodeCheck("n1", "disk", HealthStatus.PASSING)), 5);

        state.apply(register("n1", service("a-1", "a"), nodeCheck("n1", "disk", HealthStatus.PASSING)), 6);

        assertThat(state.instances("a").index()).isEqualTo(5);
        assertThat(state.node("n1").index()).isEqualTo(5);
        assertThat(state.nodes().index()).isEqualTo(5);
        assertThat(state.services().index()).isEqualTo(5);
        assertThat(state.checks(s -> true).index()).isEqualTo(5);
    }

    @Test
    void kvWrites_moveNoCatalogIndex_andCatalogWritesMoveNoKey() {
        state.apply(register("n1", service("a-1", "a")), 5);
        state.apply(put("k", "v"), 6);

        state.apply(register("n1", service("a-1", "a", "v2")), 7);

        assertThat(state.key("k").index()).isEqualTo(6);
        assertThat(state.keys("").index()).isEqualTo(6);
        assertThat(state.instances("a").index()).isEqualTo(7);
        assertThat(state.nodes().index()).isEqualTo(5);
    }

    @Test
    void everyQueryIndex_onlyGrows_throughAMixedHistory() {
        List<Command> history = List.of(
                register("n1", service("a-1", "a"), nodeCheck("n1", "serfHealth", HealthStatus.PASSING)),
                register("n2", service("a-2", "a"), serviceCheck("n2", "a-2-http", "a-2", HealthStatus.PASSING)),
                put("app/x", "1"), put("app/y", "2"),
                new UpdateCheck("n2", "a-2-http", HealthStatus.CRITICAL, "down"),
                register("n1", service("a-1", "renamed")),
                new KvDelete("app/y", KvDelete.NO_CAS),
                new DeregisterService("n2", "a-2"),
                new KvDeleteTree("app/"),
                new DeregisterNode("n1"),
                register("n1", service("a-1", "a")),
                put("app/x", "3"));
        List<Function<CatalogState, Long>> queries = List.of(
                s -> s.nodes().index(), s -> s.services().index(), s -> s.instances("a").index(),
                s -> s.instances("renamed").index(), s -> s.node("n1").index(), s -> s.node("n2").index(),
                s -> s.nodeChecks("n2").index(), s -> s.checks(x -> true).index(), s -> s.key("app/y").index(),
                s -> s.keys("app/").index(), s -> s.keyNames("", "/").index());
        List<Long> previous = indexes(queries);
        long index = 100;
        for (Command command : history) {
            state.apply(command, ++index);
            List<Long> now = indexes(queries);
            for (int q = 0; q < queries.size(); q++) {
                assertThat(now.get(q)).as("query %d after %s", q, command).isGreaterThanOrEqualTo(previous.get(q));
            }
            previous = now;
        }
        assertThat(previous).allSatisfy(i -> assertThat(i).isGreaterThan(100));
    }

    private List<Long> indexes(List<Function<CatalogState, Long>> queries) {
        List<Long> result = new ArrayList<>();
        queries.forEach(q -> result.add(q.apply(state)));
        return result;
    }
}
