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

class AclEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";

    private final ApiTestSupport api = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache",
            false, ROOT, new AgentTokens("", "", "")));

    private static JsonNode json(ApiResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    private String policy(String name, String rules) throws Exception {
        ApiResponse made = api.as(ROOT, "PUT", "/v1/acl/policy",
                JSON.writeValueAsString(Map.of("Name", name, "Rules", rules)));
        assertThat(made.status()).as(text(made)).isEqualTo(200);
        return json(made).get("ID").asText();
    }

    private String tokenWith(String policyName) throws Exception {
        ApiResponse made = api.as(ROOT, "PUT", "/v1/acl/token",
                "{\"Description\":\"t\",\"Policies\":[{\"Name\":\"" + policyName + "\"}]}");
        assertThat(made.status()).as(text(made)).isEqualTo(200);
        return json(made).get("SecretID").asText();
    }

    @Test
    void withAclsDisabled_aclEndpointsAnswer401() {
        ApiTestSupport off = new ApiTestSupport();
        ApiResponse answer = off.call("GET", "/v1/acl/tokens");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(text(answer)).isEqualTo("ACL support disabled");
        assertThat(off.call("PUT", "/v1/acl/bootstrap").status()).isEqualTo(401);
        assertThat(off.call("GET", "/v1/kv/x").status()).isEqualTo(404); // no ACLs: the key is only missing
    }

    @Test
    void bootstrap_worksOnce_thenNamesTheResetIndex() throws Exception {
        ApiResponse first = api.call("PUT", "/v1/acl/bootstrap");
        assertThat(first.status()).as(text(first)).isEqualTo(200);
        JsonNode token = json(first);
        assertThat(token.get("ID").asText()).isEqualTo(token.get("SecretID").asText());
        assertThat(token.get("Policies").get(0).get("ID").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(token.get("Policies").get(0).get("Name").asText()).isEqualTo("global-management");
        long index = token.get("CreateIndex").asLong();

        ApiResponse second = api.call("PUT", "/v1/acl/bootstrap");
        assertThat(second.status()).isEqualTo(403);
        assertThat(text(second)).isEqualTo("Permission denied: ACL bootstrap no longer allowed (reset index: "
                + index + ")");
        ApiResponse self = api.as(token.get("SecretID").asText(), "GET", "/v1/acl/token/self", "");
        assertThat(json(self).get("AccessorID").asText()).isEqualTo(token.get("AccessorID").asText());
    }

    @Test
    void unknownToken_isAclNotFound_andMissingRight_isPermissionDenied() throws Exception {
        ApiResponse unknown = api.as("5b1e2f7a-1111-2222-3333-444455556666", "GET", "/v1/kv/app", "");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(text(unknown)).isEqualTo("ACL not found");

        assertThat(api.as(ROOT, "GET", "/v1/status/leader", "").headers())
                .containsEntry("X-Consul-Default-ACL-Policy", "deny");
        ApiResponse anonymous = api.as("", "GET", "/v1/kv/app", "");
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(text(anonymous)).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'key:read' on \"app\"");
    }

    @Test
    void keyRules_matrix_underDefaultDeny() throws Exception {
        policy("app-read", "key_prefix \"app/\" { policy = \"read\" }");
        policy("app-write", "key_prefix \"app/\" { policy = \"write\" }");
        policy("other", "key_prefix \"other/\" { policy = \"write\" }");
        String read = tokenWith("app-read");
        String write = tokenWith("app-write");
        String other = tokenWith("other");
        assertThat(api.as(ROOT, "PUT", "/v1/kv/app/a", "1").status()).isEqualTo(200);

        assertThat(api.as("", "PUT", "/v1/kv/app/a", "2").status()).isEqualTo(403);
        assertThat(api.as(read, "GET", "/v1/kv/app/a", "").status()).isEqualTo(200);
        assertThat(api.as(read, "PUT", "/v1/kv/app/a", "2").status()).isEqualTo(403);
        assertThat(api.as(write, "PUT", "/v1/kv/app/a", "2").status()).isEqualTo(200);
        assertThat(api.as(other, "GET", "/v1/kv/app/a", "").status()).isEqualTo(403);
        assertThat(api.as(other, "DELETE", "/v1/kv/app/?recurse", "").status()).isEqualTo(403);
        assertThat(api.as(write, "DELETE", "/v1/kv/app/a", "").status()).isEqualTo(200);
    }

    @Test
    void listings_leaveOutWhatTheTokenMayNotRead_andSaySo() throws Exception {
        policy("app-read", "key_prefix \"app/\" { policy = \"read\" }");
        String read = tokenWith("app-read");
        api.as(ROOT, "PUT", "/v1/kv/app/a", "1");
        api.as(ROOT, "PUT", "/v1/kv/secret/b", "2");
        ApiResponse all = api.as(read, "GET", "/v1/kv/?recurse", "");
        assertThat(all.status()).isEqualTo(200);
        assertThat(json(all)).hasSize(1);
        assertThat(all.headers()).containsEntry("X-Consul-Results-Filtered-By-ACLs", "true");
        ApiResponse keys = api.as(ROOT, "GET", "/v1/kv/?keys", "");
        assertThat(json(keys)).hasSize(2);
        assertThat(keys.headers()).doesNotContainKey("X-Consul-Results-Filtered-By-ACLs");
    }

    @Test
    void deletedToken_isRefusedAtOnce() throws Exception {
        policy("app-read", "key_prefix \"app/\" { policy = \"read\" }");
        ApiResponse made = api.as(ROOT, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"app-read\"}]}");
        String secret = json(made).get("SecretID").asText();
        String accessor = json(made).get("AccessorID").asText();
        assertThat(api.as(ROOT, "DELETE", "/v1/acl/token/" + accessor, "").status()).isEqualTo(200);
        ApiResponse after = api.as(secret, "GET", "/v1/kv/app/a", "");
        assertThat(after.status()).isEqualTo(403);
        assertThat(text(after)).isEqualTo("ACL not found");
    }

    @Test
    void malformedRules_are400NamingTheLine_andWriteNothing() throws Exception {
        ApiResponse bad = api.as(ROOT, "PUT", "/v1/acl/policy",
                JSON.writeValueAsString(Map.of("Name", "bad", "Rules", "key \"a\" {\n  policy = \"reed\"\n}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(text(bad)).isEqualTo("Failed to parse ACL rules: At 2:12: Invalid key policy: \"reed\"");
        assertThat(json(api.as(ROOT, "GET", "/v1/acl/policies", ""))).hasSize(1); // only global-management
    }

    @Test
    void hugeRulesBody_isRefused() throws Exception {
        String rules = "key \"a\" { policy = \"read\" }\n".repeat(40_000) + "nonsense {";
        ApiResponse bad = api.as(ROOT, "PUT", "/v1/acl/policy",
                JSON.writeValueAsString(Map.of("Name", "big", "Rules", rules)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(text(bad)).startsWith("Failed to parse ACL rules: At 40001:");
    }

    @Test
    void unknownPolicyId_andNonUuidTokenId_are400_andWriteNothing() throws Exception {
        ApiResponse unknown = api.as(ROOT, "PUT", "/v1/acl/token",
                "{\"Policies\":[{\"ID\":\"6d1e0c4b-aaaa-bbbb-cccc-000000000000\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(text(unknown)).isEqualTo("No such ACL policy with ID \"6d1e0c4b-aaaa-bbbb-cccc-000000000000\"");
        ApiResponse notUuid = api.as(ROOT, "PUT", "/v1/acl/token", "{\"AccessorID\":\"not-a-uuid\"}");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(text(notUuid)).isEqualTo("Invalid Token: AccessorID is not a valid UUID");
        assertThat(api.as(ROOT, "DELETE", "/v1/acl/token/not-a-uuid", "").status()).isEqualTo(400);
        assertThat(json(api.as(ROOT, "GET", "/v1/acl/tokens", ""))).hasSize(1); // the anonymous token
    }

    @Test
    void tokenCrud_clone_andSecretsOnlyForAclWriters() throws Exception {
        policy("acl-read", "acl = \"read\"");
        ApiResponse made = api.as(ROOT, "PUT", "/v1/acl/token",
                "{\"Description\":\"reader\",\"Policies\":[{\"Name\":\"acl-read\"}]}");
        JsonNode token = json(made);
        String accessor = token.get("AccessorID").asText();
        String secret = token.get("SecretID").asText();

        JsonNode seen = json(api.as(secret, "GET", "/v1/acl/token/" + accessor, ""));
        assertThat(seen.get("SecretID").asText()).isEqualTo("<hidden>");
        assertThat(api.as(secret, "PUT", "/v1/acl/token/" + accessor, "{}").status()).isEqualTo(403);

        // An update replaces the whole token, as Consul's does: what it does not list, it drops.
        ApiResponse updated = api.as(ROOT, "PUT", "/v1/acl/token/" + accessor,
                "{\"Description\":\"renamed\",\"Policies\":[{\"Name\":\"acl-read\"}]}");
        assertThat(json(updated).get("Description").asText()).isEqualTo("renamed");
        assertThat(json(updated).get("CreateIndex").asLong()).isEqualTo(token.get("CreateIndex").asLong());

        JsonNode clone = json(api.as(ROOT, "PUT", "/v1/acl/token/" + accessor + "/clone", ""));
        assertThat(clone.get("AccessorID").asText()).isNotEqualTo(accessor);
        assertThat(clone.get("Description").asText()).isEqualTo("renamed");

        ApiResponse byPolicy = api.as(ROOT, "GET", "/v1/acl/tokens?policy=" + token.get("Policies").get(0)
                .get("ID").asText(), "");
        assertThat(json(byPolicy)).hasSize(2);
    }

    @Test
    void roles_grantTheirPolicies() throws Exception {
        policy("svc-read", "service_prefix \"\" { policy = \"read\" }");
        ApiResponse role = api.as(ROOT, "PUT", "/v1/acl/role",
                "{\"Name\":\"reader\",\"Policies\":[{\"Name\":\"svc-read\"}]}");
        assertThat(role.status()).as(text(role)).isEqualTo(200);
        assertThat(json(api.as(ROOT, "GET", "/v1/acl/role/name/reader", "")).get("ID").asText())
                .isEqualTo(json(role).get("ID").asText());
        ApiResponse token = api.as(ROOT, "PUT", "/v1/acl/token", "{\"Roles\":[{\"Name\":\"reader\"}]}");
        String secret = json(token).get("SecretID").asText();
        assertThat(api.as(secret, "GET", "/v1/catalog/services", "").status()).isEqualTo(200);
        assertThat(api.as(secret, "GET", "/v1/kv/x", "").status()).isEqualTo(403);
        assertThat(api.as(ROOT, "GET", "/v1/acl/role/name/nobody", "").status()).isEqualTo(404);
    }

    @Test
    void policyByName_andBuiltInManagementPolicy_cannotBeDeleted() throws Exception {
        JsonNode gm = json(api.as(ROOT, "GET", "/v1/acl/policy/name/global-management", ""));
        assertThat(gm.get("ID").asText()).isEqualTo("00000000-0000-0000-0000-000000000001");
        ApiResponse delete = api.as(ROOT, "DELETE", "/v1/acl/policy/00000000-0000-0000-0000-000000000001", "");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(text(delete)).isEqualTo("Delete operation not permitted on the builtin global-management policy");
        assertThat(api.as(ROOT, "GET", "/v1/acl/policy/6d1e0c4b-aaaa-bbbb-cccc-000000000000", "").status())
                .isEqualTo(403);
    }

    @Test
    void tokenFromBearerHeader_andQueryParameter() throws Exception {
        policy("app-read", "key_prefix \"app/\" { policy = \"read\" }");
        String read = tokenWith("app-read");
        api.as(ROOT, "PUT", "/v1/kv/app/a", "1");
        assertThat(api.call("GET", "/v1/kv/app/a", "", Map.of("authorization", "Bearer " + read)).status())
                .isEqualTo(200);
        assertThat(api.call("GET", "/v1/kv/app/a?token=" + read).status()).isEqualTo(200);
    }

    @Test
    void agentTokenEndpoint_needsAgentWrite_andKnowsItsKinds() {
        assertThat(api.as("", "PUT", "/v1/agent/token/default", "{\"Token\":\"x\"}").status()).isEqualTo(403);
        assertThat(api.as(ROOT, "PUT", "/v1/agent/token/default", "{\"Token\":\"\"}").status()).isEqualTo(200);
        ApiResponse unknown = api.as(ROOT, "PUT", "/v1/agent/token/nope", "{\"Token\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
    }
}
