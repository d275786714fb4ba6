package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signpost.core.filter.Filter;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;

/** {@code ?filter=} on every read that takes it: the kept entries, the fields each endpoint selects on, and 400s. */
class FilterEndpointsTest {
    private static final String PREFIX = "Failed to create boolean expression evaluator: ";
    private final ApiTestSupport api = new ApiTestSupport();

    @BeforeEach
    void twoNodes() {
        register("{\"Node\":\"web1\",\"Address\":\"10.0.0.1\",\"NodeMeta\":{\"rack\":\"r1\"},"
                + "\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\",\"Tags\":[\"v1\",\"primary\"],\"Port\":8080},"
                + "\"Check\":{\"CheckID\":\"web-check\",\"Name\":\"web answers\",\"Status\":\"warning\","
                + "\"ServiceID\":\"web-1\"}}");
        register("{\"Node\":\"web2\",\"Address\":\"10.0.0.2\",\"NodeMeta\":{\"rack\":\"r2\"},"
                + "\"Service\":{\"ID\":\"web-2\",\"Service\":\"web\",\"Tags\":[\"v2\"],\"Port\":8080,"
                + "\"Meta\":{\"env\":\"canary\"}},"
                + "\"Check\":{\"CheckID\":\"web-check\",\"Name\":\"web answers\",\"Status\":\"passing\","
                + "\"ServiceID\":\"web-2\"}}");
        register("{\"Node\":\"db1\",\"Address\":\"10.0.1.1\",\"NodeMeta\":{\"rack\":\"r1\"},"
                + "\"Service\":{\"ID\":\"db-1\",\"Service\":\"db\",\"Tags\":[\"primary\"],\"Port\":5432}}");
    }

    private void register(String json) {
        assertThat(text(api.call("PUT", "/v1/catalog/register", json))).isEqualTo("true");
    }

    private String get(String pathAndQuery) {
        ApiResponse r = api.call("GET", pathAndQuery);
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        return text(r);
    }

    @Test
    void catalogNodes_filterOnNodeFields() {
        assertThat(get("/v1/catalog/nodes?filter=Meta.rack == r1")).contains("\"web1\"", "\"db1\"")
                .doesNotContain("\"web2\"");
        assertThat(get("/v1/catalog/nodes?filter=Node matches \"^web\" and Address != \"10.0.0.1\""))
                .contains("\"web2\"").doesNotContain("\"web1\"", "\"db1\"");
    }

    @Test
    void catalogServices_listsOnlyServicesWithAKeptInstance_andTheirTags() {
        assertThat(get("/v1/catalog/services?filter=ServiceTags contains primary"))
                .isEqualTo("{\"db\":[\"primary\"],\"web\":[\"primary\",\"v1\"]}");
        assertThat(get("/v1/catalog/services?filter=NodeMeta.rack == r2")).isEqualTo("{\"web\":[\"v2\"]}");
    }

    @Test
    void catalogService_filtersServiceNodes() {
        String body = get("/v1/catalog/service/web?filter=ServiceMeta.env == canary");
        assertThat(body).contains("\"ServiceID\":\"web-2\"").doesNotContain("\"web-1\"");
        assertThat(get("/v1/catalog/service/web?filter=NodeMeta[\"rack\"] == \"r1\" and ServicePort == 8080"))
                .contains("\"web-1\"").doesNotContain("\"web-2\"");
    }

    @Test
    void catalogNode_filtersTheNodesServices() {
        assertThat(get("/v1/catalog/node/web1?filter=Service == db")).contains("\"Node\":\"web1\"")
                .contains("\"Services\":{}");
        assertThat(get("/v1/catalog/node/web1?filter=Tags contains v1")).contains("\"web-1\":{");
    }

    @Test
    void healthService_selectsNodeServiceAndChecks() {
        assertThat(get("/v1/health/service/web?filter=Checks.Status == warning")).contains("\"ID\":\"web-1\"")
                .doesNotContain("\"ID\":\"web-2\"");
        assertThat(get("/v1/health/service/web?filter=Service.Tags contains v2 and Node.Meta.rack == r2"))
                .contains("\"ID\":\"web-2\"").doesNotContain("\"ID\":\"web-1\"");
    }

    @Test
    void healthChecks_filterOnCheckFields() {
        assertThat(get("/v1/health/checks/web?filter=Status == passing")).contains("\"Node\":\"web2\"")
                .doesNotContain("\"Node\":\"web1\"");
        assertThat(get("/v1/health/node/web1?filter=CheckID == nope")).isEqualTo("[]");
        assertThat(get("/v1/health/state/any?filter=ServiceName == web and Status != passing"))
                .contains("\"Node\":\"web1\"").doesNotContain("\"Node\":\"web2\"");
    }

    @Test
    void connectEndpoints_listNoInstancesWithoutAMesh_butCheckTheFilter() {
        assertThat(get("/v1/health/connect/web?filter=Service.Service == web")).isEqualTo("[]");
        assertThat(get("/v1/catalog/connect/web?filter=ServiceName == web")).isEqualTo("[]");
        ApiResponse bad = api.call("GET", "/v1/health/connect/web?filter=ServiceName == web");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(text(bad)).isEqualTo(PREFIX + "Selector \"ServiceName\" is not valid");
    }

    @Test
    void agentMembersAndChecks_takeFilters() {
        assertThat(get("/v1/agent/members?filter=Tags.role == consul")).contains("\"Name\":\"test\"");
        assertThat(get("/v1/agent/members?filter=Status != 1")).isEqualTo("[]");
        assertThat(get("/v1/agent/checks?filter=Status == critical")).isEqualTo("{}");
        assertThat(get("/v1/agent/services?filter=Service == web")).isEqualTo("{}");
    }

    @Test
    void agentServiceFields_areConsulsAgentServiceNames() {
        Service web = new Service("web-1", "web", List.of("v1"), "", 8080, Map.of("env", "prod"), new Weights(2, 1),
                false, 0, 0);
        assertThat(Filter.of("Datacenter == dc1 and Weights.Passing == 2 and Meta.env == prod and Port == 8080",
                AgentFields.service("dc1")).test(web)).isTrue();
    }

    @Test
    void badExpression_is400WithBexprsMessageAndPosition() {
        ApiResponse r = api.call("GET", "/v1/catalog/nodes?filter=foo");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).isEqualTo(PREFIX
                + "1:4 (3): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]");
    }

    @Test
    void unknownSelector_is400WithConsulsMessage_perEndpointFields() {
        ApiResponse health = api.call("GET", "/v1/health/service/web?filter=ServiceTags contains v1");
        assertThat(health.status()).isEqualTo(400);
        assertThat(text(health)).isEqualTo(PREFIX + "Selector \"ServiceTags\" is not valid");
        ApiResponse catalog = api.call("GET", "/v1/catalog/service/web?filter=Service.Tags contains v1");
        assertThat(text(catalog)).isEqualTo(PREFIX + "Selector \"Service\" is not valid");
        assertThat(text(api.call("GET", "/v1/agent/checks?filter=Checks.Status == passing")))
                .isEqualTo(PREFIX + "Selector \"Checks\" is not valid");
    }

    @Test
    void badFilterOnABlockingQuery_answersAtOnce() {
        ApiResponse r = api.call("GET", "/v1/catalog/service/web?index=999999&wait=10m&filter=Port == x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).isEqualTo(PREFIX + "Selector \"Port\" is not valid");
    }

    @Test
    void emptyFilter_keepsEverything() {
        assertThat(get("/v1/catalog/service/web?filter=")).contains("\"web-1\"", "\"web-2\"");
    }
}
