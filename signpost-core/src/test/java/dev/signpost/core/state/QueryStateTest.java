package dev.signpost.core.state;

import static dev.signpost.core.state.Fixtures.register;
import static dev.signpost.core.state.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.signpost.core.command.Command;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.PreparedQueryDelete;
import dev.signpost.core.command.PreparedQuerySet;
import dev.signpost.core.command.Restore;
import dev.signpost.core.command.SessionCreate;
import dev.signpost.core.command.SessionDestroy;
import dev.signpost.core.model.Session;
import dev.signpost.core.query.PreparedQuery;
import dev.signpost.core.query.PreparedQuery.Dns;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Template;
import dev.signpost.core.watch.Topic;

class QueryStateTest {
    private static final String ID1 = "11111111-1111-1111-1111-111111111111";
    private static final String ID2 = "22222222-2222-2222-2222-222222222222";
    private final CatalogState state = new CatalogState();
    private long index;

    private CatalogState.Applied apply(Command command) {
        return state.apply(command, ++index);
    }

    static PreparedQuery query(String id, String name, String service) {
        return new PreparedQuery(id, name, "", "", Template.NONE, ServiceQuery.of(service), Dns.NONE, 0, 0);
    }

    static PreparedQuery template(String id, String name, String service, String regexp) {
        return new PreparedQuery(id, name, "", "", new Template(PreparedQuery.NAME_PREFIX_MATCH, regexp, false),
                ServiceQuery.of(service), Dns.NONE, 0, 0);
    }

    @Test
    void set_storesWithIndexes_andAnUpdateKeepsItsCreateIndex() {
        assertThat(apply(new PreparedQuerySet(query(ID1, "web", "web"))).changed()).contains(Topic.QUERIES);
        apply(new PreparedQuerySet(query(ID1, "web", "web2")));
        PreparedQuery stored = state.query(ID1).value().orElseThrow();
        assertThat(stored.service().service()).isEqualTo("web2");
        assertThat(stored.createIndex()).isEqualTo(1);
        assertThat(stored.modifyIndex()).isEqualTo(2);
        assertThat(state.queries().index()).isEqualTo(2);
    }

    @Test
    void aSecondQueryWithTheSameName_inAnyCase_isRefused_withConsulsWords() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        PreparedQuery other = query(ID2, "WEB", "web");
        assertThat(state.queryRefusal(other)).contains("name 'WEB' aliases an existing query name");
        assertThat(apply(new PreparedQuerySet(other)).result()).isFalse();
        assertThat(state.queries().value()).hasSize(1);
    }

    @Test
    void aNameThatIsAnotherQuerysId_isRefused() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        assertThat(state.queryRefusal(query(ID2, ID1, "web"))).contains("name '" + ID1 + "' aliases an existing query ID");
    }

    @Test
    void anUnknownSession_isRefused_andAnEmptyNamedTemplateOnlyOnce() {
        PreparedQuery bound = new PreparedQuery(ID1, "", "nope", "", Template.NONE, ServiceQuery.of("web"), Dns.NONE, 0, 0);
        assertThat(state.queryRefusal(bound)).contains("invalid session \"nope\"");
        apply(new PreparedQuerySet(template(ID1, "", "${name.full}", "")));
        assertThat(state.queryRefusal(template(ID2, "", "x", "")))
                .contains("a query template with an empty name already exists");
    }

    @Test
    void aTemplateThatDoesNotCompile_isRefused() {
        assertThat(state.queryRefusal(template(ID1, "geo-", "${nope}", "")).orElseThrow())
                .startsWith("failed compiling template: Bad evaluation for '${nope}' in Service.Service: ")
                .endsWith("unknown variable accessed: nope");
        assertThat(state.queryRefusal(template(ID1, "geo-", "x", "(")).orElseThrow())
                .startsWith("failed compiling template: Bad Regexp: ");
    }

    @Test
    void resolve_byId_thenExactName_thenLongestTemplatePrefix_rendered() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        apply(new PreparedQuerySet(template(ID2, "geo-", "${match(1)}", "^geo-(.*)$")));
        apply(new PreparedQuerySet(template("33333333-3333-3333-3333-333333333333", "", "any-${name.full}", "")));
        assertThat(state.resolveQuery(ID1).orElseThrow().name()).isEqualTo("web");
        assertThat(state.resolveQuery("WEB").orElseThrow().id()).isEqualTo(ID1);
        assertThat(state.resolveQuery("geo-db").orElseThrow().service().service()).isEqualTo("db");
        assertThat(state.resolveQuery("other").orElseThrow().service().service()).isEqualTo("any-other");
        assertThatThrownBy(() -> state.resolveQuery(ID2)).hasMessage(
                "prepared query templates can only be resolved up by name, not by ID");
    }

    @Test
    void resolve_findsNothing_withoutAMatchingQuery() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        assertThat(state.resolveQuery("we")).isEmpty();
        assertThat(state.resolveQuery("web2")).isEmpty();
    }

    @Test
    void invalidatingItsSession_deletesTheQuery() {
        apply(register("n1", service("web1", "web")));
        Session session = new Session("s1", "", "n1", List.of(), List.of(), 0, Session.Behavior.RELEASE, "", 0, 0, 0);
        apply(new SessionCreate(session));
        apply(new PreparedQuerySet(new PreparedQuery(ID1, "", "s1", "", Template.NONE, ServiceQuery.of("web"),
                Dns.NONE, 0, 0)));
        apply(new PreparedQuerySet(query(ID2, "kept", "web")));
        assertThat(apply(new SessionDestroy("s1", 0)).changed()).contains(Topic.QUERIES);
        assertThat(state.queries().value()).extracting(PreparedQuery::id).containsExactly(ID2);
    }

    @Test
    void aNodeLeaving_endsItsSessions_andTheirQueries() {
        apply(register("n1", service("web1", "web")));
        apply(new SessionCreate(new Session("s1", "", "n1", List.of(), List.of(), 0, Session.Behavior.RELEASE, "",
                0, 0, 0)));
        apply(new PreparedQuerySet(new PreparedQuery(ID1, "", "s1", "", Template.NONE, ServiceQuery.of("web"),
                Dns.NONE, 0, 0)));
        apply(new DeregisterNode("n1"));
        assertThat(state.queries().value()).isEmpty();
    }

    @Test
    void delete_removesIt_andDeletingAgainChangesNothing() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        assertThat(apply(new PreparedQueryDelete(ID1)).changed()).contains(Topic.QUERIES);
        assertThat(apply(new PreparedQueryDelete(ID1)).changed()).isEmpty();
        assertThat(state.query(ID1).value()).isEmpty();
    }

    @Test
    void snapshots_carryQueries_andTemplatesStillResolveAfterRestore() {
        apply(new PreparedQuerySet(template(ID2, "geo-", "${name.suffix}", "")));
        CatalogSnapshot snapshot = state.snapshot();
        CatalogState restored = new CatalogState();
        restored.restore(snapshot);
        assertThat(restored.resolveQuery("geo-db").orElseThrow().service().service()).isEqualTo("db");
        assertThat(restored.queries().index()).isEqualTo(1);
    }

    @Test
    void aRestoreThroughTheLog_replacesQueries_atItsIndex() {
        apply(new PreparedQuerySet(query(ID1, "web", "web")));
        CatalogSnapshot snapshot = state.snapshot();
        apply(new PreparedQueryDelete(ID1));
        apply(new PreparedQuerySet(query(ID2, "db", "db")));
        CatalogState.Applied applied = apply(new Restore(snapshot));
        assertThat(applied.changed()).contains(Topic.QUERIES);
        assertThat(state.queries().value()).extracting(PreparedQuery::id).containsExactly(ID1);
        assertThat(state.query(ID1).value().orElseThrow().modifyIndex()).isEqualTo(index);
    }
}
