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

class ConfigEndpointsTest {
    private static final String ROOT = "root-secret";
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void putGetListDelete_answerAsConsul() throws Exception {
        ApiResponse put = api.call("PUT", "/v1/config", "{\"kind\":\"service-defaults\",\"name\":\"web\","
                + "\"protocol\":\"http\",\"mesh_gateway\":{\"mode\":\"local\"}}");
        expect(put, 200, "true");

        ApiResponse read = api.call("GET", "/v1/config/service-defaults/web");
        assertThat(read.status()).isEqualTo(200);
        JsonNode entry = json(read);
        assertThat(entry.toString()).startsWith("{\"Kind\":\"service-defaults\",\"Name\":\"web\",\"Protocol\":\"http\","
                + "\"TransparentProxy\":{},\"MeshGateway\":{\"Mode\":\"local\"},\"Expose\":{},\"CreateIndex\":");
        long modifyIndex = entry.get("ModifyIndex").asLong();
        assertThat(read.headers().get("X-Consul-Index")).isEqualTo(Long.toString(modifyIndex));

        api.call("PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\",\"Config\":{\"protocol\":\"http\"}}");
        JsonNode all = json(api.call("GET", "/v1/config/service-defaults"));
        assertThat(all).hasSize(1);
        assertThat(json(api.call("GET", "/v1/config/proxy-defaults")).get(0).get("Name").asText()).isEqualTo("global");
        assertThat(json(api.call("GET", "/v1/config/proxy-defaults/global")).get("Config").toString())
                .isEqualTo("{\"protocol\":\"http\"}");

        expect(api.call("DELETE", "/v1/config/service-defaults/web"), 200, "{}");
        expect(api.call("GET", "/v1/config/service-defaults/web"), 404,
                "Config entry not found for \"service-defaults\" / \"web\"");
        expect(api.call("GET", "/v1/config/service-defaults"), 200, "[]");
    }

    @Test
    void cas_onWriteAndDelete_answersWhetherItApplied() throws Exception {
        expect(api.call("PUT", "/v1/config?cas=0", "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}"), 200, "true");
        expect(api.call("PUT", "/v1/config?cas=0", "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}"), 200, "false");
        long index = json(api.call("GET", "/v1/config/service-defaults/web")).get("ModifyIndex").asLong();
        expect(api.call("PUT", "/v1/config?cas=" + (index + 9), "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                + "\"Protocol\":\"grpc\"}"), 200, "false");
        expect(api.call("PUT", "/v1/config?cas=" + index, "{\"Kind\":\"service-defaults\",\"Name\":\"web\","
                + "\"Protocol\":\"grpc\"}"), 200, "true");
        long now = json(api.call("GET", "/v1/config/service-defaults/web")).get("ModifyIndex").asLong();

        expect(api.call("DELETE", "/v1/config/service-defaults/web?cas=" + index), 200, "false");
        expect(api.call("DELETE", "/v1/config/service-defaults/web?cas=" + now), 200, "true");
        expect(api.call("PUT", "/v1/config?cas=x", "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}"), 500,
                "strconv.ParseUint: parsing \"x\": invalid syntax");
    }

    @Test
    void badInput_isConsuls400Or500_andStoresNothing() {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"jwt-provider\",\"Name\":\"web\"}"), 400,
                "Request decoding failed: invalid config entry kind: jwt-provider");
        expect(api.call("PUT", "/v1/config", "{\"Name\":\"web\"}"), 400,
                "Request decoding failed: Payload does not contain a kind/Kind key at the top level");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"web\",\"Protcol\":\"x\"}"),
                400, "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Protcol\"\n\n");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\"}"), 500, "Name is required");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\",\"Name\":\"web\"}"), 500,
                "invalid name (\"web\"), only \"global\" is supported");
        expect(api.call("PUT", "/v1/config", "[]"), 400, "Request decoding failed: json: cannot unmarshal array into "
                + "Go value of type map[string]interface {}");
        expect(api.call("GET", "/v1/config/jwt-provider"), 500, "invalid config entry kind: jwt-provider");
        expect(api.call("GET", "/v1/config/bogus/web"), 500, "invalid config entry kind: bogus");
        expect(api.call("DELETE", "/v1/config/bogus/web"), 400, "invalid config entry kind: bogus");
        expect(api.call("DELETE", "/v1/config/service-defaults"), 404, "Must provide both a kind and name to delete");
        expect(api.call("GET", "/v1/config/proxy-defaults?filter=Name==global"), 500,
                "filtering not supported for config entry kind=proxy-defaults");
        expect(api.call("GET", "/v1/config/"), 200, "[]");
    }

    @Test
    void serviceDefaultsLists_takeAFilter() throws Exception {
        api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"web\",\"Protocol\":\"http\"}");
        api.call("PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"db\",\"Protocol\":\"tcp\"}");

        JsonNode http = json(api.call("GET", "/v1/config/service-defaults?filter=Protocol == \"http\""));
        assertThat(http).hasSize(1);
        assertThat(http.get(0).get("Name").asText()).isEqualTo("web");
        assertThat(api.call("GET", "/v1/config/service-defaults?filter=Protocol ==").status()).isEqualTo(400);
    }

    @Test
    void underAcls_serviceDefaultsNeedServiceRules_andProxyDefaultsNeedMeshOrOperatorWrite() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        String web = acl.token(ROOT, "web", "service \"web\" { policy = \"write\" }");
        String operator = acl.token(ROOT, "op", "operator = \"write\"");
        String meshRead = acl.token(ROOT, "mesh-read", "operator = \"write\"\nmesh = \"read\"");

        ApiResponse denied = acl.as(web, "PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"db\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(text(denied)).startsWith("Permission denied: token with AccessorID '")
                .endsWith("' lacks permission 'service:write' on \"db\"");
        expect(acl.as(web, "PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"web\"}"), 200, "true");
        expect(acl.as(ROOT, "PUT", "/v1/config", "{\"Kind\":\"service-defaults\",\"Name\":\"db\"}"), 200, "true");

        assertThat(acl.as(web, "PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\"}").status()).isEqualTo(403);
        ApiResponse meshDenied = acl.as(meshRead, "PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\"}");
        assertThat(text(meshDenied)).endsWith("lacks permission 'mesh:write'");
        expect(acl.as(operator, "PUT", "/v1/config", "{\"Kind\":\"proxy-defaults\"}"), 200, "true");

        ApiResponse list = acl.as(web, "GET", "/v1/config/service-defaults", "");
        assertThat(json(list)).extracting(n -> n.get("Name").asText()).containsExactly("web");
        assertThat(list.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        assertThat(acl.as(web, "GET", "/v1/config/service-defaults/db", "").status()).isEqualTo(403);
        assertThat(acl.as("", "GET", "/v1/config/proxy-defaults/global", "").status()).isEqualTo(200);
        assertThat(acl.as(web, "DELETE", "/v1/config/service-defaults/db", "").status()).isEqualTo(403);
        assertThat(acl.as(ROOT, "GET", "/v1/config/service-defaults/db", "").status()).isEqualTo(200);
    }

    @Test
    void underAcls_meshIsReadableByAnyone_andExportedServicesNeedMeshRules() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        String web = acl.token(ROOT, "web", "service \"web\" { policy = \"write\" }");
        String meshRead = acl.token(ROOT, "mesh-read", "mesh = \"read\"");
        String operatorRead = acl.token(ROOT, "op-read", "operator = \"read\"");
        String meshWrite = acl.token(ROOT, "mesh-write", "mesh = \"write\"");
        String exported = "{\"Kind\":\"exported-services\",\"Name\":\"default\",\"Services\":[{\"Name\":\"web\","
                + "\"Consumers\":[{\"Peer\":\"east\"}]}]}";

        assertThat(text(acl.as(meshRead, "PUT", "/v1/config", "{\"Kind\":\"mesh\"}")))
                .endsWith("lacks permission 'mesh:write'");
        expect(acl.as(meshWrite, "PUT", "/v1/config", "{\"Kind\":\"mesh\"}"), 200, "true");
        assertThat(acl.as("", "GET", "/v1/config/mesh/mesh", "").status()).isEqualTo(200);
        assertThat(json(acl.as("", "GET", "/v1/config/mesh", ""))).hasSize(1);

        assertThat(acl.as(web, "PUT", "/v1/config", exported).status()).isEqualTo(403);
        expect(acl.as(meshWrite, "PUT", "/v1/config", exported), 200, "true");
        ApiResponse readDenied = acl.as(web, "GET", "/v1/config/exported-services/default", "");
        assertThat(readDenied.status()).isEqualTo(403);
        assertThat(text(readDenied)).endsWith("lacks permission 'mesh:read'");
        assertThat(acl.as(meshRead, "GET", "/v1/config/exported-services/default", "").status()).isEqualTo(200);
        assertThat(acl.as(operatorRead, "GET", "/v1/config/exported-services/default", "").status())
                .isEqualTo(200);
        ApiResponse list = acl.as(web, "GET", "/v1/config/exported-services", "");
        assertThat(json(list)).isEmpty();
        assertThat(list.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        assertThat(acl.as(meshRead, "DELETE", "/v1/config/exported-services/default", "").status()).isEqualTo(403);
        expect(acl.as(meshWrite, "DELETE", "/v1/config/mesh/anything", ""), 200, "{}");
        assertThat(acl.as(ROOT, "GET", "/v1/config/mesh/mesh", "").status()).isEqualTo(404);
    }

    @Test
    void meshAndExportedServices_refuseWhatConsulRefuses() {
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"mesh\",\"Name\":\"mesh\"}"), 400,
                "Request decoding failed: 1 error occurred:\n\t* invalid config key \"Name\"\n\n");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"exported-services\",\"Name\":\"web\"}"), 500,
                "exported-services Name must be \"default\"");
        expect(api.call("PUT", "/v1/config", "{\"Kind\":\"mesh\",\"TLS\":{\"Incoming\":{\"TLSMinVersion\":\"x\"}}}"),
                500, "error in incoming TLS configuration: no matching TLS version found for x, please specify one "
                        + "of [TLS_AUTO, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3]");
        assertThat(api.call("GET", "/v1/config/mesh").status()).isEqualTo(200);
        assertThat(api.call("GET", "/v1/config/mesh/mesh").status()).isEqualTo(404);
    }
}
