package dev.signpost.template.dependency;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;
import dev.signpost.template.lang.FunctionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependencyTest {

    @Test
    void serviceQuery_parsesTagNameDatacenterNearAndFilter() {
        ServiceQuery q = ServiceQuery.parse("prod.web?ns=a@dc2~n1|warning,passing");
        assertThat(q).isEqualTo(new ServiceQuery("prod", "web", "ns=a", "dc2", "n1", List.of("passing", "warning"),
                false));
        assertThat(q.toString()).isEqualTo("health.service(prod.web@dc2~n1|passing,warning)");
    }

    @Test
    void serviceQuery_withoutFilter_asksForPassingOnly() {
        ServiceQuery q = ServiceQuery.parse("web");
        assertThat(q.filters()).containsExactly("passing");
        assertThat(q.accepts("passing")).isTrue();
        assertThat(q.accepts("critical")).isFalse();
    }

    @Test
    void serviceQuery_anyAcceptsEveryStatus() {
        assertThat(ServiceQuery.parse("web|any").accepts("maintenance")).isTrue();
    }

    @Test
    void serviceQuery_tagIsGreedy_soDottedNamesAreNotSupported() {
        ServiceQuery q = ServiceQuery.parse("a.b.web");
        assertThat(q.tag()).isEqualTo("a.b");
        assertThat(q.name()).isEqualTo("web");
    }

    @Test
    void serviceQuery_equalSpecsAreTheSameDependency() {
        assertThat(ServiceQuery.parse("web|passing")).isEqualTo(ServiceQuery.parse("web"));
        assertThat(ServiceQuery.parse("web|warning,critical")).isEqualTo(ServiceQuery.parse("web|critical,warning"));
    }

    @Test
    void connectQuery_isADifferentDependencyNamedHealthConnect() {
        ServiceQuery q = ServiceQuery.parseConnect("web");
        assertThat(q.connect()).isTrue();
        assertThat(q).isNotEqualTo(ServiceQuery.parse("web"));
        assertThat(q).hasToString("health.connect(web|passing)");
    }

    @Test
    void serviceQuery_rejectsSpacesAndUnknownFilters() {
        assertThatThrownBy(() -> ServiceQuery.parse("web|passing, warning")).isInstanceOf(FunctionException.class)
                .hasMessage("health.service: invalid format: \"web|passing, warning\"");
        assertThatThrownBy(() -> ServiceQuery.parse("web|up"))
                .hasMessage("health.service: invalid filter: \"up\" in \"web|up\"");
    }

    @Test
    void keyQuery_stripsALeadingSlashAndNamesBlockingQueriesKvBlock() {
        KeyQuery q = KeyQuery.parse("/app/config@dc1", true);
        assertThat(q.key()).isEqualTo("app/config");
        assertThat(q.dc()).isEqualTo("dc1");
        assertThat(q).hasToString("kv.block(app/config@dc1)");
        assertThat(KeyQuery.parse("app/config", false)).hasToString("kv.get(app/config)");
    }

    @Test
    void keyPrefixQuery_namesItselfKvList() {
        assertThat(KeyPrefixQuery.parse("/app@dc2")).isEqualTo(new KeyPrefixQuery("app", "", "dc2"));
        assertThat(KeyPrefixQuery.parse("app")).hasToString("kv.list(app)");
    }

    @Test
    void catalogQueries_nameThemselvesLikeConsulTemplate() {
        assertThat(ServicesQuery.parse("")).hasToString("catalog.services");
        assertThat(ServicesQuery.parse("@dc2")).hasToString("catalog.services(@dc2)");
        assertThat(NodeQuery.parse("")).hasToString("catalog.node");
        assertThat(NodeQuery.parse("n1@dc2")).hasToString("catalog.node(n1@dc2)");
        assertThat(NodesQuery.parse("@dc2~n1")).hasToString("catalog.nodes(@dc2~n1)");
        assertThat(new Dependency.DatacentersQuery(true)).hasToString("catalog.datacenters");
        assertThat(new Dependency.FileQuery("/a")).hasToString("file(/a)");
    }

    @Test
    void invalidSpecs_failWithTheQueryKindInTheMessage() {
        assertThatThrownBy(() -> ServicesQuery.parse("web")).hasMessage("catalog.services: invalid format: \"web\"");
        assertThatThrownBy(() -> NodesQuery.parse("x")).hasMessage("catalog.nodes: invalid format: \"x\"");
        assertThatThrownBy(() -> KeyQuery.parse("a@b@c", false)).hasMessage("kv.get: invalid format: \"a@b@c\"");
    }

    @Test
    void healthService_aggregatesStatusLikeConsul() {
        HealthCheck passing = new HealthCheck("n", "a", "a", "passing", "", "", "", "", List.of());
        HealthCheck warning = new HealthCheck("n", "b", "b", "warning", "", "", "", "", List.of());
        HealthCheck critical = new HealthCheck("n", "c", "c", "critical", "", "", "", "", List.of());
        HealthCheck maint = new HealthCheck("n", "_service_maintenance:web", "m", "critical", "", "", "", "",
                List.of());
        HealthCheck odd = new HealthCheck("n", "d", "d", "unknown", "", "", "", "", List.of());
        assertThat(HealthService.aggregatedStatus(List.of())).isEqualTo("passing");
        assertThat(HealthService.aggregatedStatus(List.of(passing, warning))).isEqualTo("warning");
        assertThat(HealthService.aggregatedStatus(List.of(warning, critical))).isEqualTo("critical");
        assertThat(HealthService.aggregatedStatus(List.of(critical, maint))).isEqualTo("maintenance");
        assertThat(HealthService.aggregatedStatus(List.of(passing, odd))).isEmpty();
    }
}
