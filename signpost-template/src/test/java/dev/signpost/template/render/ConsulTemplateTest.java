package dev.signpost.template.render;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.StaticTemplateData;
import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.lang.TemplateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsulTemplateTest {

    private static final String SEED = """
            backend webapp
              balance roundrobin{{range service "webapp"}}
              server {{.Node}} {{.Address}}:{{.Port}} check{{end}}
            """;

    private static HealthService instance(String node, String id, int port) {
        return HealthService.of(node, "id-" + node, "172.17.0.1", Map.of(), id, "webapp", "", port, List.of(),
                Map.of(), List.of());
    }

    @Test
    void firstPassWithoutData_isIncompleteAndNamesWhatIsMissing() {
        RenderResult r = ConsulTemplate.parse(SEED, RenderOptions.defaults()).execute(TemplateData.empty());
        assertThat(r.complete()).isFalse();
        assertThat(r.missing()).containsExactly(ServiceQuery.parse("webapp"));
        assertThat(r.used()).containsExactly(ServiceQuery.parse("webapp"));
        assertThat(r.output()).isEqualTo("backend webapp\n  balance roundrobin\n");
    }

    @Test
    void secondPassWithData_isCompleteAndRendersTheSeedsBackend() {
        TemplateData data = StaticTemplateData.builder()
                .service("webapp", List.of(instance("n35", "n35:z002:5000", 32773),
                        instance("n35", "n35:z001:5000", 32772)))
                .build();
        RenderResult r = ConsulTemplate.parse(SEED, RenderOptions.defaults()).execute(data);
        assertThat(r.complete()).isTrue();
        assertThat(r.output()).isEqualTo("""
                backend webapp
                  balance roundrobin
                  server n35 172.17.0.1:32772 check
                  server n35 172.17.0.1:32773 check
                """);
    }

    @Test
    void aPassCanDiscoverNewDependencies() {
        String text = "{{range services}}{{range service .Name}}{{.ID}} {{end}}{{end}}";
        ConsulTemplate t = ConsulTemplate.parse(text, RenderOptions.defaults());
        RenderResult first = t.execute(TemplateData.empty());
        assertThat(first.missing()).containsExactly(ServicesQuery.parse(""));

        TemplateData second = StaticTemplateData.builder()
                .services("", List.of(new CatalogSnippet("webapp", List.of())))
                .build();
        RenderResult r2 = t.execute(second);
        assertThat(r2.used()).containsExactly(ServicesQuery.parse(""), ServiceQuery.parse("webapp"));
        assertThat(r2.missing()).containsExactly(ServiceQuery.parse("webapp"));
    }

    @Test
    void eachExecutionHasItsOwnScratch() {
        ConsulTemplate t = ConsulTemplate.parse("{{scratch.Get \"n\"}}{{scratch.Set \"n\" 1}}",
                RenderOptions.defaults());
        assertThat(t.execute(TemplateData.empty()).output()).isEqualTo("<no value>");
        assertThat(t.execute(TemplateData.empty()).output()).isEqualTo("<no value>");
    }

    @Test
    void customDelimitersLeaveBracesAlone() {
        ConsulTemplate t = ConsulTemplate.parse("{{x}} [[ key \"a\" ]]", RenderOptions.defaults()
                .withDelimiters("[[", "]]"));
        TemplateData data = StaticTemplateData.builder().key("a", TemplateData.KeyLookup.of("v")).build();
        assertThat(t.execute(data).output()).isEqualTo("{{x}} v");
    }

    @Test
    void parseErrorsUseConsulTemplatesEmptyName() {
        assertThatThrownBy(() -> ConsulTemplate.parse("{{ if }}", RenderOptions.defaults()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: :1: missing value for if")
                .satisfies(e -> assertThat(((TemplateException) e).phase()).isEqualTo(TemplateException.Phase.PARSE));
    }

    @Test
    void executionErrorsCarryLineAndColumn() {
        ConsulTemplate t = ConsulTemplate.parse("a\n  {{ eq \"1\" 1 }}", RenderOptions.defaults());
        assertThatThrownBy(() -> t.execute(TemplateData.empty()))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("template: :2:5: executing \"\" at <eq \"1\" 1>: "
                            + "error calling eq: incompatible types for comparison: string and int");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(5);
                    assertThat(e.phase()).isEqualTo(TemplateException.Phase.EXECUTE);
                });
    }

    @Test
    void theResultsSetsAreImmutable() {
        RenderResult r = ConsulTemplate.parse("{{key \"a\"}}", RenderOptions.defaults()).execute(TemplateData.empty());
        assertThatThrownBy(() -> r.used().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
