package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.expect;
import static dev.signpost.http.ApiTestSupport.json;
import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

class IntentionEndpointsTest {
    private static final String ROOT = "root-secret";
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void exactPut_storesAServiceIntentionsEntry_andReadsBackAsConsul() throws Exception {
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db",
                "{\"Action\":\"allow\",\"Description\":\"web reads db\"}"), 200, "true");

        ApiResponse read = api.call("GET", "/v1/connect/intentions/exact?source=web&destination=db");
        assertThat(read.status()).isEqualTo(200);
        JsonNode intention = json(read);
        assertThat(intention.toString()).startsWith("{\"Description\":\"web reads db\",\"SourceNS\":\"default\","
                + "\"SourceName\":\"web\",\"DestinationNS\":\"default\",\"DestinationName\":\"db\","
                + "\"SourceType\":\"consul\",\"Action\":\"allow\",\"Precedence\":9,\"CreateIndex\":");
        assertThat(read.headers().get("X-Consul-Index")).isEqualTo(intention.get("ModifyIndex").asText());

        api.call("PUT", "/v1/config", "{\"Kind\":\"service-intentions\",\"Name\":\"api\",\"Sources\":["
                + "{\"Name\":\"web\",\"Peer\":\"east\",\"Action\":\"deny\"}]}");
        assertThat(json(api.call("GET", "/v1/connect/intentions/exact?source=peer:east/web&destination=api"))
                .get("SourcePeer").asText()).isEqualTo("east");
        expect(api.call("GET", "/v1/connect/intentions/exact?source=web&destination=api"), 404, "Intention not found");
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=peer:east/web&destination=api",
                "{\"Action\":\"allow\"}"), 500, "source \"peer:east/web\" is invalid: cannot specify a peer here");

        JsonNode entry = json(api.call("GET", "/v1/config/service-intentions/db"));
        assertThat(entry.get("Sources").toString()).isEqualTo("[{\"Name\":\"web\",\"Action\":\"allow\","
                + "\"Precedence\":9,\"Type\":\"consul\",\"Description\":\"web reads db\"}]");
    }

    @Test
    void configEntryWrites_showAsIntentions_listMatchAndCheck() throws Exception {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-intentions\",\"Name\":\"db\",\"Sources\":["
                + "{\"Name\":\"web\",\"Action\":\"allow\"},{\"Name\":\"*\",\"Action\":\"deny\"}]}"), 200, "true");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-intentions\",\"Name\":\"*\",\"Sources\":["
                + "{\"Name\":\"admin\",\"Action\":\"allow\"}]}"), 200, "true");

        JsonNode all = json(api.call("GET", "/v1/connect/intentions"));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("SourceName").asText()).isEqualTo("web");
        assertThat(all.get(2).get("Precedence").asInt()).isEqualTo(6);
        assertThat(json(api.call("GET", "/v1/connect/intentions?filter=Action == deny and SourceName == web")))
                .isEmpty();
        assertThat(json(api.call("GET", "/v1/connect/intentions?filter=Action == deny"))).hasSize(1);

        JsonNode match = json(api.call("GET", "/v1/connect/intentions/match?by=destination&name=db&name=cache"));
        assertThat(match.get("db")).hasSize(3);
        assertThat(match.get("cache")).hasSize(1);
        assertThat(json(api.call("GET", "/v1/connect/intentions/match?by=source&name=nobody")).get("nobody"))
                .extracting(i -> i.get("SourceName").asText() + "->" + i.get("DestinationName").asText())
                .containsExactly("*->db");

        expect(api.call("GET", "/v1/connect/intentions/check?source=web&destination=db"), 200, "{\"Allowed\":true}");
        expect(api.call("GET", "/v1/connect/intentions/check?source=other&destination=db"), 200,
                "{\"Allowed\":false}");
        expect(api.call("GET", "/v1/connect/intentions/check?source=admin&destination=cache"), 200,
                "{\"Allowed\":true}");
        expect(api.call("GET", "/v1/connect/intentions/check?source=x&destination=y"), 200, "{\"Allowed\":true}");
    }

    @Test
    void exactDelete_removesTheSource_andTheEntryWithItsLastSource() throws Exception {
        api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db", "{\"Action\":\"allow\"}");
        api.call("PUT", "/v1/connect/intentions/exact?source=api&destination=db", "{\"Action\":\"deny\"}");

        expect(api.call("DELETE", "/v1/connect/intentions/exact?source=web&destination=db"), 200, "true");
        expect(api.call("GET", "/v1/connect/intentions/exact?source=web&destination=db"), 404,
                "Intention not found");
        expect(api.call("DELETE", "/v1/connect/intentions/exact?source=web&destination=db"), 200, "true");
        expect(api.call("DELETE", "/v1/connect/intentions/exact?source=api&destination=db"), 200, "true");
        expect(api.call("GET", "/v1/config/service-intentions/db"), 404,
                "Config entry not found for \"service-intentions\" / \"db\"");
        expect(api.call("GET", "/v1/connect/intentions/match?by=destination&name=db"), 200, "{\"db\":null}");
    }

    @Test
    void badRequests_areConsulsErrors() {
        expect(api.call("GET", "/v1/connect/intentions/exact?destination=db"), 500,
                "required query parameter 'source' not set");
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db", ""), 400,
                "Request decode failed: EOF");
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db", "{}"), 500,
                "Sources[0].Action must be set to 'allow' or 'deny'");
        expect(api.call("PUT", "/v1/connect/intentions/exact?source=web&destination=db",
                "{\"Action\":\"allow\",\"Meta\":{\"a\":\"b\"}}"), 500, "Meta must not be specified");
        expect(api.call("GET", "/v1/connect/intentions/match?name=db"), 500, "required query parameter 'by' not set");
        expect(api.call("GET", "/v1/connect/intentions/match?by=datacenter&name=db"), 500,
                "'by' parameter must be one of 'source' or 'destination'");
        expect(api.call("GET", "/v1/connect/intentions/match?by=source"), 500,
                "required query parameter 'name' not set");
        expect(api.call("GET", "/v1/connect/intentions/check?source=web"), 500,
                "required query parameter 'destination' not set");
        expect(api.call("GET", "/v1/connect/intentions/check?source=a/b/c/d&destination=db"), 500,
                "source \"a/b/c/d\" is invalid: input can contain at most two '/'");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-intentions\",\"Name\":\"db\",\"Sources\":["
                + "{\"Name\":\"web\",\"Action\":\"allow\",\"Permissions\":[{\"Action\":\"allow\",\"HTTP\":"
                + "{\"PathExact\":\"/\"}}]}]}"), 500, "Sources[0].Action must be omitted if Permissions are specified");
        expect(api.call("GET", "/v1/connect/intentions/not-a-uuid"), 400,
                "failed config entry lookup: UUID must be 36 characters");
    }

    @Test
    void legacyIdApi_createsReadsUpdatesAndDeletes() throws Exception {
        ApiResponse created = api.call("POST", "/v1/connect/intentions", "{\"SourceName\":\"web\","
                + "\"DestinationName\":\"db\",\"Action\":\"allow\",\"Meta\":{\"team\":\"a\"}}");
        assertThat(created.status()).isEqualTo(200);
        String id = json(created).get("ID").asText();
        assertThat(id).hasSize(36);

        JsonNode read = json(api.call("GET", "/v1/connect/intentions/" + id));
        assertThat(read.get("ID").asText()).isEqualTo(id);
        assertThat(read.get("Meta").toString()).isEqualTo("{\"team\":\"a\"}");
        assertThat(read.get("CreatedAt").asText()).endsWith("Z");

        expect(api.call("PUT", "/v1/connect/intentions/" + id, "{\"SourceName\":\"web\",\"DestinationName\":\"db\","
                + "\"Action\":\"deny\"}"), 200, "{\"ID\":\"" + id + "\"}");
        assertThat(json(api.call("GET", "/v1/connect/intentions/exact?source=web&destination=db")).get("Action")
                .asText()).isEqualTo("deny");
        expect(api.call("PUT", "/v1/connect/intentions/" + id, "{\"SourceName\":\"web\",\"DestinationName\":\"x\","
                + "\"Action\":\"deny\"}"), 500, "Cannot modify Destination partition/namespace/name for an intention"
                + " once it exists.");

        expect(api.call("DELETE", "/v1/connect/intentions/" + id), 200, "true");
        expect(api.call("GET", "/v1/connect/intentions/" + id), 404, "Intention not found");
        expect(api.call("DELETE", "/v1/connect/intentions/" + id), 500,
                "Cannot delete non-existent intention: '" + id + "'");
    }

    @Test
    void underAcls_readsAreFiltered_writesNeedIntentionsWrite_andCheckFollowsTheDefault() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        String web = acl.token(ROOT, "web", "service \"web\" { policy = \"write\" }");
        String dbOwner = acl.token(ROOT, "db", "service \"db\" { policy = \"read\" intentions = \"write\" }");

        expect(acl.as(web, "PUT", "/v1/connect/intentions/exact?source=web&destination=db", "{\"Action\":\"allow\"}"),
                403, "Permission denied");
        expect(acl.as(dbOwner, "PUT", "/v1/connect/intentions/exact?source=web&destination=db",
                "{\"Action\":\"allow\"}"), 200, "true");
        expect(acl.as(ROOT, "PUT", "/v1/connect/intentions/exact?source=api&destination=cache",
                "{\"Action\":\"deny\"}"), 200, "true");
        ApiResponse configDenied = acl.as(web, "PUT", "/v1/config", "{\"Kind\":\"service-intentions\","
                + "\"Name\":\"db\",\"Sources\":[{\"Name\":\"web\",\"Action\":\"deny\"}]}");
        assertThat(configDenied.status()).isEqualTo(403);
        assertThat(text(configDenied)).endsWith("lacks permission 'intention:write' on \"db\"");

        ApiResponse list = acl.as(web, "GET", "/v1/connect/intentions", "");
        assertThat(json(list)).hasSize(1);
        assertThat(list.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        expect(acl.as(web, "GET", "/v1/connect/intentions/exact?source=api&destination=cache", ""), 403,
                "Permission denied");
        ApiResponse match = acl.as(web, "GET", "/v1/connect/intentions/match?by=destination&name=cache", "");
        assertThat(match.status()).isEqualTo(403);
        assertThat(text(match)).endsWith("lacks permission 'intention:read' on \"cache\"");

        expect(acl.as(dbOwner, "GET", "/v1/connect/intentions/check?source=web&destination=db", ""), 200,
                "{\"Allowed\":true}");
        expect(acl.as(dbOwner, "GET", "/v1/connect/intentions/check?source=other&destination=db", ""), 200,
                "{\"Allowed\":false}");
        ApiResponse check = acl.as(web, "GET", "/v1/connect/intentions/check?source=web&destination=db", "");
        assertThat(check.status()).isEqualTo(403);
        assertThat(text(check)).endsWith("lacks permission 'service:read' on \"db\"");
    }
}
