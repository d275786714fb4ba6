package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

class UsageEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final ApiTestSupport api = new ApiTestSupport();

    private void register(ApiTestSupport on, String node, String id, String name) {
        ApiResponse r = on.as(ROOT, "PUT", "/v1/catalog/register", "{\"Node\":\"" + node
                + "\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"" + id + "\",\"Service\":\"" + name + "\"}}");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
    }

    @Test
    void usage_isConsulsStructsUsage_withTheConsulServiceNotBilled() throws Exception {
        register(api, "s1", "consul", "consul");
        register(api, "n1", "web-1", "web");
        register(api, "n2", "web-1", "web");
        register(api, "n2", "db", "db");

        ApiResponse r = api.call("GET", "/v1/operator/usage");

        assertThat(r.status()).as(text(r)).isEqualTo(200);
        String index = r.headers().get("X-Consul-Index");
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("""
                {"Usage":{"dc1":{"Services":3,"ServiceInstances":4,"ConnectServiceInstances":{"connect-native":0,
                "connect-proxy":0,"ingress-gateway":0,"mesh-gateway":0,"terminating-gateway":0},
                "BillableServiceInstances":3,"Nodes":3}},"Index":%s,"LastContact":0,"KnownLeader":true,
                "ConsistencyLevel":"leader","NotModified":false,"Backend":0,"ResultsFilteredByACLs":false}
                """.formatted(index)));
        assertThat(text(r)).startsWith("{\"Usage\":{\"dc1\":{\"Services\":3,\"ServiceInstances\":4,"
                + "\"ConnectServiceInstances\":{\"connect-native\":0,");
    }

    @Test
    void global_answersThisDatacenter_theOnlyOneItKnows() {
        register(api, "n1", "web-1", "web");

        ApiResponse global = api.call("GET", "/v1/operator/usage?global");

        assertThat(text(global)).isEqualTo(text(api.call("GET", "/v1/operator/usage")));
        assertThat(api.call("GET", "/v1/operator/usage?dc=dc2").status()).isEqualTo(500);
    }

    @Test
    void staleRead_saysSoInItsConsistencyLevel() throws Exception {
        JsonNode stale = JSON.readTree(api.call("GET", "/v1/operator/usage?stale").body());

        assertThat(stale.get("ConsistencyLevel").asText()).isEqualTo("stale");
        assertThat(stale.get("Usage").get("dc1").get("Nodes").asInt()).isZero();
    }

    @Test
    void withDefaultDeny_usageNeedsOperatorRead() throws Exception {
        ApiTestSupport acl = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        ApiResponse policy = acl.as(ROOT, "PUT", "/v1/acl/policy",
                JSON.writeValueAsString(Map.of("Name", "ops", "Rules", "operator = \"read\"")));
        assertThat(policy.status()).as(text(policy)).isEqualTo(200);
        ApiResponse token = acl.as(ROOT, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"ops\"}]}");
        String secret = JSON.readTree(token.body()).get("SecretID").asText();

        ApiResponse anonymous = acl.as("", "GET", "/v1/operator/usage", "");

        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(text(anonymous)).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'operator:read'");
        assertThat(acl.as(secret, "GET", "/v1/operator/usage", "").status()).isEqualTo(200);
    }
}
