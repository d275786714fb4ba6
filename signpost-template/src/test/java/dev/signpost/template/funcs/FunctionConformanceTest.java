package dev.signpost.template.funcs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.signpost.template.dependency.CatalogNode;
import dev.signpost.template.dependency.CatalogNodeService;
import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.HealthCheck;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.KeyPair;
import dev.signpost.template.dependency.NodeInfo;
import dev.signpost.template.dependency.StaticTemplateData;
import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.dependency.TemplateData.KeyLookup;
import dev.signpost.template.dependency.TemplateData.NodeLookup;
import dev.signpost.template.lang.ConformanceCases;
import dev.signpost.template.lang.TemplateException;
import dev.signpost.template.render.ConsulTemplate;
import dev.signpost.template.render.RenderOptions;
import dev.signpost.template.render.RenderResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * consul-template function conformance: each case in {@code functions.cases} renders against {@link #FIXTURE} (or
 * an empty source with {@code @nodata}) under consul-template's setup (name "", nil dot, missingkey=zero).
 * {@code @missing a, b} asserts the dependencies recorded as missing; {@code @used} those used.
 */
class FunctionConformanceTest {

    private static final List<ConformanceCases.Case> CASES = ConformanceCases.load("/functions.cases");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:05:08Z"), ZoneOffset.UTC);

    static final Map<String, String> ENV = Map.of("HOME_DIR", "/home/sp", "EMPTY", "", "CT_TEST", "2");

    private static HealthCheck check(String node, String id, String status) {
        return new HealthCheck(node, id, id, status, "", "", "", "", List.of());
    }

    static final TemplateData FIXTURE = StaticTemplateData.builder()
            .service("web", List.of(
                    HealthService.of("n2", "id-n2", "10.0.0.2", Map.of("rack", "r2"), "web-2", "web", "10.0.0.2",
                            8080, List.of("b", "a"), Map.of("version", "2"),
                            List.of(check("n2", "serfHealth", "passing"))),
                    HealthService.of("n1", "id-n1", "10.0.0.1", Map.of("rack", "r1"), "web-1", "web", "", 8081,
                            List.of("a"), Map.of("version", "1", "weight", "5"),
                            List.of(check("n1", "serfHealth", "passing"))),
                    HealthService.of("n1", "id-n1", "10.0.0.1", Map.of(), "web-0", "web", "10.0.0.9", 9000,
                            List.of(), Map.of(), List.of(check("n1", "service:web-0", "critical"))),
                    HealthService.of("n3", "id-n3", "10.0.0.3", Map.of(), "web-3", "web", "", 8082,
                            List.of("a"), Map.of(), List.of(check("n3", "service:web-3", "warning"))),
                    HealthService.of("n4", "id-n4", "10.0.0.4", Map.of(), "web-4", "web", "", 8083,
                            List.of(), Map.of(), List.of(check("n4", "_node_maintenance", "critical")))))
            .service("webapp", List.of(
                    HealthService.of("n35", "id-n35", "172.17.0.1", Map.of(), "n35:z002:5000", "webapp", "",
                            32773, List.of(), Map.of(), List.of()),
                    HealthService.of("n35", "id-n35", "172.17.0.1", Map.of(), "n35:z001:5000", "webapp", "",
                            32772, List.of(), Map.of(), List.of())))
            .service("db@dc2", List.of(
                    HealthService.of("d1", "id-d1", "10.1.0.1", Map.of(), "db-1", "db", "", 5432, List.of("primary"),
                            Map.of(), List.of())))
            .service("empty", List.of())
            .services("", List.of(new CatalogSnippet("web", List.of("prod", "b", "a")),
                    new CatalogSnippet("consul", List.of()), new CatalogSnippet("db", List.of("primary"))))
            .nodes("", List.of(new NodeInfo("id-n2", "n2", "10.0.0.2", "dc1", Map.of(), Map.of("rack", "r2")),
                    new NodeInfo("id-n1", "n1", "10.0.0.1", "dc1", Map.of("lan", "10.0.0.1"), Map.of())))
            .node("n1", NodeLookup.of(new CatalogNode(
                    new NodeInfo("id-n1", "n1", "10.0.0.1", "dc1", Map.of(), Map.of()),
                    List.of(new CatalogNodeService("web-1", "web", List.of("a"), Map.of(), 8081, "", false),
                            new CatalogNodeService("consul", "consul", List.of(), Map.of(), 8300, "", false)))))
            .node("ghost", NodeLookup.unknown())
            .key("app/name", KeyLookup.of("signpost"))
            .key("app/empty", KeyLookup.of(""))
            .key("app/port", KeyLookup.of("8080"))
            .key("app/json", KeyLookup.of("{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": true}}"))
            .key("missing/key", KeyLookup.absent())
            .keyPrefix("app", List.of(KeyPair.of("app/name", "signpost"), KeyPair.of("app/port", "8080"),
                    KeyPair.of("app/sub/x", "1"), KeyPair.of("app/sub/y", "2"), KeyPair.of("app/dir/", ""),
                    KeyPair.of("app/", "")))
            .keyPrefix("nothing", List.of())
            .datacenters(List.of("dc2", "dc1"))
            .file("/etc/test.conf", "setting=1\n")
            .build();

    @TestFactory
    Stream<DynamicTest> everyCaseRendersWhatConsulTemplateRenders() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void theSuiteIsNotEmpty() {
        assertThat(CASES).hasSizeGreaterThan(50);
    }

    private static void check(ConformanceCases.Case c) {
        RenderOptions options = RenderOptions.defaults().withEnv(ENV).withClock(CLOCK)
                .withErrorOnMissingKey(c.missingKey().equals("error"));
        if (c.directives().containsKey("clock")) {
            options = options.withClock(Clock.fixed(Instant.parse(c.directives().get("clock")), ZoneOffset.UTC));
        }
        if (c.directives().containsKey("deny")) {
            options = options.withFunctionDenylist(List.of(c.directives().get("deny").split(",")));
        }
        TemplateData data = c.directives().containsKey("nodata") ? TemplateData.empty() : FIXTURE;
        RenderOptions opts = options;
        if (c.isError()) {
            assertThatThrownBy(() -> ConsulTemplate.parse(c.template(), opts).execute(data))
                    .as(c.toString()).isInstanceOf(TemplateException.class).hasMessage(c.expected());
            return;
        }
        RenderResult result = ConsulTemplate.parse(c.template(), opts).execute(data);
        assertThat(result.output()).as(c.toString()).isEqualTo(c.expected());
        if (c.directives().containsKey("missing")) {
            assertThat(names(result.missing())).as(c + " missing").isEqualTo(c.directives().get("missing"));
        }
        if (c.directives().containsKey("used")) {
            assertThat(names(result.used())).as(c + " used").isEqualTo(c.directives().get("used"));
        }
    }

    private static String names(java.util.Set<Dependency> deps) {
        return deps.stream().map(Dependency::toString).collect(Collectors.joining(", "));
    }
}
