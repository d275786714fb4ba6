package dev.signpost.core.state;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.HealthStatus;

import static dev.signpost.core.state.Fixtures.nodeCheck;
import static dev.signpost.core.state.Fixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks table and its index by service: every change must leave the index agreeing with the checks. */
class CheckTableTest {
    private final CheckTable table = new CheckTable();

    private static Check bound(String checkId, String serviceId) {
        return serviceCheck("n1", checkId, serviceId, HealthStatus.PASSING);
    }

    private List<String> idsOf(String serviceId) {
        return table.ofService("n1", serviceId).stream().map(Check::checkId).toList();
    }

    @Test
    void ofService_givesThatServicesChecksById_andTheEmptyIdGivesTheNodesOwn() {
        table.put(bound("web-tcp", "web-1"));
        table.put(nodeCheck("n1", "serfHealth", HealthStatus.PASSING));
        table.put(bound("db-tcp", "db-1"));
        table.put(bound("web-http", "web-1"));

        assertThat(idsOf("web-1")).containsExactly("web-http", "web-tcp");
        assertThat(idsOf("db-1")).containsExactly("db-tcp");
        assertThat(idsOf("")).containsExactly("serfHealth");
        assertThat(table.ofService("n2", "web-1")).isEmpty();
    }

    @Test
    void putWithAnotherService_movesTheCheckToIt_regressionForAStaleIndex() {
        table.put(bound("c1", "web-1"));

        table.put(bound("c1", "db-1"));

        assertThat(idsOf("web-1")).isEmpty();
        assertThat(idsOf("db-1")).containsExactly("c1");
        assertThat(table.removeService("n1", "web-1")).isEmpty();
        assertThat(table.get("n1", "c1")).isPresent();
    }

    @Test
    void putOfANewVersion_isWhatTheIndexGives() {
        table.put(bound("c1", "web-1"));

        table.put(bound("c1", "web-1").withStatus(HealthStatus.CRITICAL, "down"));

        assertThat(table.ofService("n1", "web-1")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(HealthStatus.CRITICAL));
    }

    @Test
    void remove_takesTheCheckOutOfTheIndex() {
        table.put(bound("c1", "web-1"));
        table.put(bound("c2", "web-1"));

        assertThat(table.remove("n1", "c1")).isPresent();

        assertThat(idsOf("web-1")).containsExactly("c2");
        assertThat(table.remove("n1", "c1")).isEmpty();
        assertThat(table.remove("n9", "c1")).isEmpty();
    }

    @Test
    void removeService_removesOnlyThatServicesChecks_andReturnsThemById() {
        table.put(bound("web-tcp", "web-1"));
        table.put(bound("web-http", "web-1"));
        table.put(bound("db-tcp", "db-1"));
        table.put(nodeCheck("n1", "serfHealth", HealthStatus.PASSING));

        assertThat(table.removeService("n1", "web-1")).extracting(Check::checkId)
                .containsExactly("web-http", "web-tcp");

        assertThat(table.onNode("n1")).extracting(Check::checkId).containsExactly("db-tcp", "serfHealth");
        assertThat(idsOf("web-1")).isEmpty();
        assertThat(table.removeService("n1", "web-1")).isEmpty();
    }

    @Test
    void removeNode_forgetsItsIndexToo() {
        table.put(bound("c1", "web-1"));

        assertThat(table.removeNode("n1")).isTrue();
        table.put(bound("c2", "web-1"));

        assertThat(idsOf("web-1")).containsExactly("c2");
        assertThat(table.removeNode("n9")).isFalse();
    }

    @Test
    void restore_indexesTheSnapshotsChecks_andDropsTheNodesOldIndex() {
        table.put(bound("c1", "web-1"));
        table.put(bound("c2", "web-1"));

        table.restore("n1", List.of(bound("c1", "db-1"), nodeCheck("n1", "serfHealth", HealthStatus.PASSING)));

        assertThat(idsOf("web-1")).isEmpty();
        assertThat(idsOf("db-1")).containsExactly("c1");
        assertThat(idsOf("")).containsExactly("serfHealth");
        assertThat(table.onNode("n1")).extracting(Check::checkId).containsExactly("c1", "serfHealth");
    }

    @Test
    void clear_forgetsEveryIndex() {
        table.put(bound("c1", "web-1"));

        table.clear();

        assertThat(idsOf("web-1")).isEmpty();
        assertThat(table.onNode("n1")).isEmpty();
    }
}
