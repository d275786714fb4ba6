package dev.signpost.template.dependency;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.TemplateData.KeyLookup;

import static org.assertj.core.api.Assertions.assertThat;

class StaticTemplateDataTest {

    private static final HealthService WEB = HealthService.of("n1", "id-n1", "10.0.0.1", Map.of(), "web-1", "web", "",
            80, List.of(), Map.of(), List.of());

    @Test
    void serviceAnswer_servesEveryFilter_butNotConnect() {
        TemplateData data = StaticTemplateData.builder().service("web", List.of(WEB)).build();

        assertThat(data.service(ServiceQuery.parse("web|any"))).contains(List.of(WEB));
        assertThat(data.service(ServiceQuery.parseConnect("web"))).isEmpty();
    }

    @Test
    void keyAnswer_servesBlockingAndNonBlockingQueries() {
        TemplateData data = StaticTemplateData.builder().key("a/b", KeyLookup.of("v")).build();

        assertThat(data.key(KeyQuery.parse("a/b", true))).contains(KeyLookup.of("v"));
        assertThat(data.key(KeyQuery.parse("a/b", false))).contains(KeyLookup.of("v"));
    }

    @Test
    void datacentersAnswer_servesEitherIgnoreInaccessible() {
        TemplateData data = StaticTemplateData.builder().datacenters(List.of("dc1")).build();

        assertThat(data.datacenters(new DatacentersQuery(true))).contains(List.of("dc1"));
        assertThat(data.datacenters(new DatacentersQuery(false))).contains(List.of("dc1"));
    }

    @Test
    void unansweredQuery_isEmpty() {
        assertThat(TemplateData.empty().file(new FileQuery("/etc/hosts"))).isEmpty();
    }
}
