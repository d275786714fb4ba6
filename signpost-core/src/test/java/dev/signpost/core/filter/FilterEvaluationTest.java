package dev.signpost.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;
import dev.signpost.core.state.ServiceInstance;

/**
 * The evaluation table: expressions over one service instance as Consul's endpoints expose it, with the result or
 * the error go-bexpr v0.1.2 gives (its validate and evaluate rules: a selector through a list holds for any
 * element; a missing map key equals nothing, contains nothing and is empty; values coerce to the field's Go type).
 */
class FilterEvaluationTest {
    static final Node NODE = new Node("6c7e1f0a-0000-4000-8000-000000000001", "n1", "10.0.0.1", "dc1",
            Map.of("lan", "10.0.0.1"), Map.of("rack", "r1", "env", "prod"), 5, 5);
    static final Service SERVICE = new Service("web-1", "web", List.of("v1", "primary"), "", 8080,
            Map.of("version", "1.2"), new Weights(3, 1), false, 7, 7);
    static final Check SERF = Check.serfHealth("n1", HealthStatus.PASSING);
    static final Check SLOW = new Check("n1", "service:web-1", "Service 'web' check", HealthStatus.WARNING, "",
            "slow answer", "web-1", "web", List.of("v1", "primary"), CheckDefinition.NONE, 8, 8);
    static final ServiceInstance INSTANCE = new ServiceInstance(NODE, SERVICE, List.of(SERF, SLOW));

    /** Expression, then "true", "false" or "! bexpr's message". */
    static final String[][] HEALTH_SERVICE = {
        {"Service.Service == web", "true"},
        {"Service.Service == \"db\"", "false"},
        {"Service.Service != db", "true"},
        {"Service.Service contains we", "true"},
        {"Service.ID == \"web-1\" or Service.ID == \"web-2\"", "true"},
        {"Service.Tags contains v1", "true"},
        {"v1 in Service.Tags", "true"},
        {"\"V1\" in Service.Tags", "false"},
        {"Service.Tags not contains canary", "true"},
        {"primary not in Service.Tags", "false"},
        {"Service.Tags is empty", "false"},
        {"Service.Tags is not empty", "true"},
        {"Service.Port == 8080", "true"},
        {"Service.Port == 0x1F90", "! 1:18 (17): rule \"number\": Invalid number literal"},
        {"Service.Port == \"0x1F90\"", "true"},
        {"Service.Port == \"8_080\"", "true"},
        {"Service.Port == \"8__080\"", "! Failed to coerce value \"8__080\" for selector \"Service.Port\": "
            + "strconv.ParseInt: parsing \"8__080\": invalid syntax"},
        {"Service.Port == \"0x1f_90\"", "true"},
        {"Service.Port == \"017620\"", "true"},
        {"Service.Port != 80", "true"},
        {"Service.Port == \"8080\"", "true"},
        {"Service.Port == -1", "false"},
        {"Service.Port == abc", "! Failed to coerce value \"abc\" for selector \"Service.Port\": strconv.ParseInt: "
            + "parsing \"abc\": invalid syntax"},
        {"Service.Port == 99999999999999999999", "! Failed to coerce value \"99999999999999999999\" for selector "
            + "\"Service.Port\": strconv.ParseInt: parsing \"99999999999999999999\": value out of range"},
        {"Service.Port == 1.5", "! Failed to coerce value \"1.5\" for selector \"Service.Port\": strconv.ParseInt: "
            + "parsing \"1.5\": invalid syntax"},
        {"Service.Meta.version == \"1.2\"", "true"},
        {"Service.Meta[\"version\"] == \"1.2\"", "true"},
        {"Service.Meta.version matches \"^1\\\\.\"", "true"},
        {"Service.Meta.missing == x", "false"},
        {"Service.Meta.missing != x", "true"},
        {"Service.Meta.missing contains x", "false"},
        {"Service.Meta.missing not contains x", "true"},
        {"Service.Meta.missing matches x", "true"},
        {"Service.Meta.missing is empty", "! Invalid match operator \"Is Empty\" for selector \"Service.Meta.missing\""},
        {"version in Service.Meta", "true"},
        {"Service.Meta contains nope", "false"},
        {"Service.Meta is not empty", "true"},
        {"Service.Address == \"\"", "true"},
        {"Service.EnableTagOverride == false", "true"},
        {"Service.EnableTagOverride == true", "false"},
        {"Service.EnableTagOverride == F", "true"},
        {"Service.EnableTagOverride == yes", "! Failed to coerce value \"yes\" for selector "
            + "\"Service.EnableTagOverride\": strconv.ParseBool: parsing \"yes\": invalid syntax"},
        {"Service.Weights.Passing == 3", "true"},
        {"Service.Weights.Warning == 1", "true"},
        {"Service.Kind == \"\"", "true"},
        {"Service.Proxy.Upstreams is empty", "true"},
        {"Service.Proxy.Upstreams.DestinationName == db", "false"},
        {"Service.Proxy.Upstreams.DestinationName != db", "false"},
        {"Service.Connect.Native == false", "true"},
        {"Service.TaggedAddresses is empty", "true"},
        {"Service.TaggedAddresses.lan.Address == x", "false"},
        {"Service.TaggedAddresses.lan.Port != 1", "true"},
        {"Node.Node == n1", "true"},
        {"Node.Node matches \"^n[0-9]$\"", "true"},
        {"Node.Node not matches \"^web\"", "true"},
        {"Node.Address contains \"10.0\"", "true"},
        {"Node.Meta.rack == r1", "true"},
        {"Node.Meta.rack == R1", "false"},
        {"\"r\" in Node.Meta.rack", "true"},
        {"Node.Meta[\"env\"] == prod and Service.Tags contains primary", "true"},
        {"Node.TaggedAddresses.lan == \"10.0.0.1\"", "true"},
        {"Node.Datacenter == dc1", "true"},
        {"Checks.Status == warning", "true"},
        {"Checks.Status != passing", "true"},
        {"Checks.Status == critical", "false"},
        {"not Checks.Status == critical", "true"},
        {"Checks.CheckID == serfHealth and Checks.Status == passing", "true"},
        {"Checks.Name == \"Serf Health Status\"", "true"},
        {"Checks is empty", "false"},
        {"Checks is not empty", "true"},
        {"Checks.Output contains slow", "true"},
        {"Checks.ServiceTags contains primary", "true"},
        {"(Service.Port == 1 or Service.Port == 2) and Service.Service == web", "false"},
        {"Service.Port == 1 or Service.Port == 2 and Service.Service == web", "false"},
        {"Service.Port == 8080 or Service.Nope == 1", "! Selector \"Service.Nope\" is not valid"},
        {"Service.Foo == 1", "! Selector \"Service.Foo\" is not valid"},
        {"Foo == 1", "! Selector \"Foo\" is not valid"},
        {"Service.Port.Foo == 1", "! Selector \"Service.Port.Foo\" is not valid"},
        {"Service.CreateIndex == 7", "! Selector \"Service.CreateIndex\" is not valid"},
        {"Checks.Type == ttl", "! Selector \"Checks.Type\" is not valid"},
        {"Service == web", "! Invalid match operator \"Equal\" for selector \"Service\""},
        {"Service.Port contains 8", "! Invalid match operator \"In\" for selector \"Service.Port\""},
        {"Service.Tags == v1", "! Invalid match operator \"Equal\" for selector \"Service.Tags\""},
        {"Service.Port matches \"8\"", "! Invalid match operator \"Matches\" for selector \"Service.Port\""},
        {"Checks == x", "! Invalid match operator \"Equal\" for selector \"Checks\""},
        {"Checks.Notes is empty", "! Invalid match operator \"Is Empty\" for selector \"Checks.Notes\""},
        {"Node.Node matches \"[a\"", "! Failed to compile regular expression \"[a\": error parsing regexp: "
            + "missing closing ]: `[a`"},
        {"Node.Node matches \"(a\"", "! Failed to compile regular expression \"(a\": error parsing regexp: "
            + "missing closing ): `(a`"},
    };

    static final String[][] CATALOG_SERVICE = {
        {"ServiceName == web", "true"},
        {"ServiceID == \"web-1\"", "true"},
        {"ServiceTags contains primary", "true"},
        {"NodeMeta.env == prod", "true"},
        {"NodeMeta is empty", "false"},
        {"ServiceWeights.Passing == 3", "true"},
        {"ServicePort == 8080 and Node == n1", "true"},
        {"ServiceConnect.Native != true", "true"},
        {"ServiceProxy.Upstreams.LocalBindPort == 1", "false"},
        {"Service.Tags contains v1", "! Selector \"Service\" is not valid"},
    };

    static final String[][] CATALOG_NODE = {
        {"Meta.rack == r1", "true"},
        {"Node == n1", "true"},
        {"TaggedAddresses.lan == \"10.0.0.1\"", "true"},
        {"Meta is empty", "false"},
        {"Address matches \"^10\\\\.\"", "true"},
        {"Datacenter != dc2", "true"},
        {"ID == \"6c7e1f0a-0000-4000-8000-000000000001\"", "true"},
        {"NodeMeta.rack == r1", "! Selector \"NodeMeta\" is not valid"},
    };

    static final String[][] HEALTH_CHECK = {
        {"Status == warning", "true"},
        {"ServiceName == web", "true"},
        {"ServiceTags contains v1", "true"},
        {"Node == n1", "true"},
        {"CheckID matches \"^service:\"", "true"},
        {"Output == \"slow answer\"", "true"},
        {"Type == http", "! Selector \"Type\" is not valid"},
    };

    static Stream<Arguments> rows() {
        return Stream.of(
                rows("health service", HEALTH_SERVICE, CatalogFields.SERVICE_ENTRY, INSTANCE),
                rows("catalog service", CATALOG_SERVICE, CatalogFields.SERVICE_NODE, INSTANCE),
                rows("catalog node", CATALOG_NODE, CatalogFields.NODE, NODE),
                rows("health check", HEALTH_CHECK, CatalogFields.CHECK, SLOW)).flatMap(r -> r);
    }

    private static <T> Stream<Arguments> rows(String kind, String[][] table, Fields<T> fields, T record) {
        return Arrays.stream(table).map(r -> Arguments.of(kind, r[0], r[1], fields, record));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("rows")
    void evaluatesAsBexprDoes(String kind, String expression, String expected, Fields<Object> fields, Object record) {
        check(expression, expected, fields, record);
    }

    @Test
    void emptyExpression_keepsEverything() {
        Filter<Node> filter = Filter.of("", CatalogFields.NODE);
        assertThat(filter.keepsAll()).isTrue();
        assertThat(filter.apply(List.of(NODE))).containsExactly(NODE);
    }

    @Test
    void apply_keepsOrderAndDropsWhatFails() {
        Node other = new Node("", "n2", "10.0.0.2", "dc1", Map.of(), Map.of("rack", "r2"), 6, 6);
        Filter<Node> filter = Filter.of("Meta.rack != r1", CatalogFields.NODE);
        assertThat(filter.apply(List.of(NODE, other))).containsExactly(other);
    }

    @Test
    void nestedParentheses_parseWithoutBacktrackingBlowUp() {
        String deep = "(".repeat(200) + "a == 1" + ")".repeat(200);
        assertThat(Filter.parse(deep)).hasToString("a == \"1\"");
    }

    @Test
    void nestingBeyondTheStack_isABadExpressionNotACrash() {
        String deep = "(".repeat(100_000) + "a == 1" + ")".repeat(100_000);
        assertThatThrownBy(() -> Filter.parse(deep)).isInstanceOf(FilterException.class)
                .hasMessageEndingWith("expression is nested too deeply");
    }

    private static <T> void check(String expression, String expected, Fields<T> fields, T record) {
        if (expected.startsWith("! ")) {
            assertThatThrownBy(() -> Filter.of(expression, fields))
                    .isInstanceOf(FilterException.class)
                    .hasMessage("Failed to create boolean expression evaluator: " + expected.substring(2));
        } else {
            assertThat(Filter.of(expression, fields).test(record)).isEqualTo(Boolean.parseBoolean(expected));
        }
    }
}
