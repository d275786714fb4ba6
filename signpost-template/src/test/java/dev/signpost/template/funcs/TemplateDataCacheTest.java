package dev.signpost.template.funcs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.template.funcs.Dependency.KeyQuery;
import dev.signpost.template.funcs.Dependency.ServiceQuery;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateDataCacheTest {

    private final ConsulTemplate template = ConsulTemplate.parse(
            "{{range service \"web\"}}{{.Port}} {{end}}{{key \"app/name\"}}", RenderOptions.defaults());

    @Test
    void aRunnerLoopRendersOnceEveryUsedDependencyHasAnAnswer() {
        TemplateDataCache cache = new TemplateDataCache();
        RenderResult first = template.execute(cache);
        assertThat(first.complete()).isFalse();
        assertThat(first.missing()).containsExactly(ServiceQuery.parse("web"), KeyQuery.parse("app/name", true));

        cache.putService(ServiceQuery.parse("web"), List.of(HealthService.of("n1", "i1", "10.0.0.1", Map.of(),
                "web-1", "web", "", 80, List.of(), Map.of(), List.of())));
        assertThat(template.execute(cache).missing()).containsExactly(KeyQuery.parse("app/name", true));

        cache.putKey(KeyQuery.parse("app/name", true), TemplateData.KeyLookup.of("signpost"));
        RenderResult done = template.execute(cache);
        assertThat(done.complete()).isTrue();
        assertThat(done.output()).isEqualTo("80 signpost");
    }

    @Test
    void answersAreKeyedByTheExactDependency() {
        TemplateDataCache cache = new TemplateDataCache();
        cache.putKey(KeyQuery.parse("app/name", false), TemplateData.KeyLookup.of("x"));
        assertThat(cache.has(KeyQuery.parse("app/name", true))).isFalse();
        assertThat(template.execute(cache).missing()).contains(KeyQuery.parse("app/name", true));
    }

    @Test
    void aForgottenAnswerIsMissingAgain() {
        TemplateDataCache cache = new TemplateDataCache();
        cache.putService(ServiceQuery.parse("web"), List.of());
        cache.forget(ServiceQuery.parse("web"));
        assertThat(cache.has(ServiceQuery.parse("web"))).isFalse();
        assertThat(template.execute(cache).missing()).contains(ServiceQuery.parse("web"));
    }
}
