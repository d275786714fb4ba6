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

/**
 * With ACLs on, a token's answers are cached for that token, and only while neither the catalog nor the ACL state
 * moved: what a list shows must follow a policy edit at once, though the catalog did not change.
 */
class AclAnswerCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";
    private final ApiTestSupport api = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache",
            false, ROOT, new AgentTokens("", "", "")));

    @Test
    void aPolicyEdit_changesWhatAnUnchangedCatalogShowsTheToken_atOnce() throws Exception {
        register("web");
        register("db");
        String policyId = JSON.readTree(api.as(ROOT, "PUT", "/v1/acl/policy", JSON.writeValueAsString(Map.of(
                "Name", "reader", "Rules", "service \"web\" { policy = \"read\" }"))).body()).get("ID").asText();
        String secret = JSON.readTree(api.as(ROOT, "PUT", "/v1/acl/token",
                "{\"Policies\":[{\"Name\":\"reader\"}]}").body()).get("SecretID").asText();

        assertThat(services(secret)).containsOnlyKeys("web");
        assertThat(services(secret)).as("the same answer again, from the cache").containsOnlyKeys("web");
        assertThat(services("")).as("another caller has answers of its own").isEmpty();

        ApiResponse edited = api.as(ROOT, "PUT", "/v1/acl/policy/" + policyId, JSON.writeValueAsString(Map.of(
                "Name", "reader", "Rules", "service_prefix \"\" { policy = \"read\" }")));
        assertThat(edited.status()).as(text(edited)).isEqualTo(200);
        assertThat(services(secret)).containsOnlyKeys("web", "db");
    }

    private void register(String service) {
        ApiResponse r = api.as(ROOT, "PUT", "/v1/catalog/register", "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\","
                + "\"Service\":{\"ID\":\"" + service + "-1\",\"Service\":\"" + service + "\"}}");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
    }

    private Map<String, JsonNode> services(String secret) throws Exception {
        ApiResponse r = api.as(secret, "GET", "/v1/catalog/services", "");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        return JSON.convertValue(JSON.readTree(r.body()), JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, JsonNode.class));
    }
}
