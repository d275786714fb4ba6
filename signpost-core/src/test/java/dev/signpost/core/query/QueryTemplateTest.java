package dev.signpost.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Template;

class QueryTemplateTest {

    private static PreparedQuery template(String name, String regexp, boolean removeEmpty, ServiceQuery service) {
        return new PreparedQuery("id", name, "", "", new Template(PreparedQuery.NAME_PREFIX_MATCH, regexp, removeEmpty),
                service, Dns.NONE, 0, 0);
    }

    private static ServiceQuery service(String name, List<String> tags) {
        return new ServiceQuery(name, Failover.NONE, false, List.of(), "", tags, Map.of(), Map.of(), false, "");
    }

    @Test
    void nameVariables_render_fullPrefixAndSuffix() {
        QueryTemplate t = QueryTemplate.compile(template("geo-", "", false,
                service("${name.suffix}", List.of("${name.full}", "p-${name.prefix}"))));
        PreparedQuery rendered = t.render("geo-db");
        assertThat(rendered.service().service()).isEqualTo("db");
        assertThat(rendered.service().tags()).containsExactly("geo-db", "p-geo-");
    }

    @Test
    void matchGroups_fromTheRegexp_andEmptyTagsRemovedWhenAsked() {
        // Consul's documented example: geo-db-customer-primary is service "customer" with tag "primary".
        ServiceQuery s = service("${match(1)}", List.of("${match(2)}", "${match(3)}", "${match(9)}"));
        PreparedQuery q = template("geo-db", "^geo-db-(.*?)-([^\\-]+?)$", true, s);
        PreparedQuery rendered = QueryTemplate.compile(q).render("geo-db-customer-primary");
        assertThat(rendered.service().service()).isEqualTo("customer");
        assertThat(rendered.service().tags()).containsExactly("primary");
        PreparedQuery kept = QueryTemplate.compile(template("geo-db", "^geo-db-(.*?)-([^\\-]+?)$", false, s))
                .render("geo-db-customer-primary");
        assertThat(kept.service().tags()).containsExactly("primary", "", "");
    }

    @Test
    void goNamedGroups_areAccepted() {
        QueryTemplate t = QueryTemplate.compile(template("x-", "^x-(?P<svc>.+)$", false, service("${match(1)}",
                List.of())));
        assertThat(t.render("x-api").service().service()).isEqualTo("api");
    }

    @Test
    void literalDollarBraces_areEscapedWithTwoDollars() {
        QueryTemplate t = QueryTemplate.compile(template("", "", false, service("$${name.full}", List.of())));
        assertThat(t.render("anything").service().service()).isEqualTo("${name.full}");
    }

    @Test
    void badType_badFormat_badRegexp_andUnknownVariables_areRefusedWithConsulsWords() {
        PreparedQuery badType = new PreparedQuery("id", "x", "", "", new Template("nope", "", false),
                service("x", List.of()), Dns.NONE, 0, 0);
        assertThatThrownBy(() -> QueryTemplate.compile(badType)).hasMessage("Bad Template.Type 'nope'");
        assertThatThrownBy(() -> QueryTemplate.compile(template("x", "", false, service("${name.full", List.of()))))
                .hasMessageStartingWith("Bad format '${name.full' in Service.Service: ");
        assertThatThrownBy(() -> QueryTemplate.compile(template("x", "[", false, service("x", List.of()))))
                .hasMessageStartingWith("Bad Regexp: ");
        assertThatThrownBy(() -> QueryTemplate.compile(template("x", "", false, service("x", List.of("${who}")))))
                .hasMessageStartingWith("Bad evaluation for '${who}' in Service.Tags[0]: ")
                .hasMessageEndingWith("unknown variable accessed: who");
        assertThatThrownBy(() -> QueryTemplate.compile(template("x", "", false, service("${5}", List.of()))))
                .hasMessage("Expected Service.Service field to be a string, got TypeInt");
    }

    @Test
    void metaValues_andFailoverDatacenters_areInterpolatedToo() {
        ServiceQuery s = new ServiceQuery("${name.suffix}", new Failover(0, List.of("${name.suffix}-dc"), List.of()),
                false, List.of(), "${name.suffix}-near", List.of(), Map.of("rack", "${name.suffix}"), Map.of(),
                false, "");
        PreparedQuery rendered = QueryTemplate.compile(template("t-", "", false, s)).render("t-a");
        assertThat(rendered.service().failover().datacenters()).containsExactly("a-dc");
        assertThat(rendered.service().near()).isEqualTo("a-near");
        assertThat(rendered.service().nodeMeta()).containsEntry("rack", "a");
    }
}
