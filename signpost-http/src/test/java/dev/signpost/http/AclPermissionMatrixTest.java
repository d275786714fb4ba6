package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.acl.AclConfig;
import dev.signpost.core.acl.AgentTokens;
import dev.signpost.core.acl.Authorizer.DefaultPolicy;

/**
 * For each endpoint family, one read and one write, under {@code default_policy = "deny"}, as each kind of caller:
 * no token, a read token, a write token, a token for another name, a deleted token and the management token. Each
 * answer is the status Consul gives (403 for a refused read of one thing, 200 and an emptied list with
 * {@code X-Consul-Results-Filtered-By-ACLs} for a filtered list, 403 "ACL not found" for a deleted token).
 */
class AclPermissionMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "9f3a1c55-0d2e-4c4a-9a61-3f1f2a7b8c01";
    private static final String FILTERED = "200 filtered";

    enum Caller { NONE, READ, WRITE, OTHER, DELETED, MANAGEMENT }

    /**
     * One family: its rules for read, write and another name, its read and write calls, and what each caller gets
     * for each (in {@link Caller} order).
     */
    record Family(String name, String readRules, String writeRules, String otherRules, String[] read, String[] write,
                  List<String> readAnswers, List<String> writeAnswers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> READ_REFUSED = List.of("403", "200", "200", "403", "403 ACL not found", "200");
    private static final List<String> READ_FILTERED = List.of(FILTERED, "200", "200", FILTERED, "403 ACL not found",
            "200");
    private static final List<String> WRITE_REFUSED = List.of("403", "403", "200", "403", "403 ACL not found", "200");

    static Stream<Arguments> families() {
        return Stream.of(
                new Family("kv", "key_prefix \"app/\" { policy = \"read\" }",
                        "key_prefix \"app/\" { policy = \"write\" }", "key_prefix \"other/\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/kv/app/a", ""}, new String[] {"PUT", "/v1/kv/app/a", "v"},
                        READ_REFUSED, WRITE_REFUSED),
                new Family("kv listing", "key_prefix \"app/\" { policy = \"read\" }",
                        "key_prefix \"app/\" { policy = \"write\" }", "key_prefix \"other/\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/kv/app/?recurse", ""}, new String[] {"DELETE", "/v1/kv/app/?recurse", ""},
                        List.of("404 filtered", "200", "200", "404 filtered", "403 ACL not found", "200"),
                        WRITE_REFUSED),
                new Family("catalog", SERVICE_READ, SERVICE_WRITE, OTHER_SERVICE,
                        new String[] {"GET", "/v1/catalog/service/web", ""},
                        new String[] {"PUT", "/v1/catalog/register",
                                "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\"}}"},
                        READ_FILTERED, WRITE_REFUSED),
                new Family("health", SERVICE_READ, SERVICE_WRITE, OTHER_SERVICE,
                        new String[] {"GET", "/v1/health/service/web", ""},
                        new String[] {"PUT", "/v1/catalog/deregister", "{\"Node\":\"n1\",\"ServiceID\":\"web-1\"}"},
                        READ_FILTERED, WRITE_REFUSED),
                new Family("session", "session_prefix \"\" { policy = \"read\" }",
                        "session_prefix \"n1\" { policy = \"write\" }", "session_prefix \"n9\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/session/list", ""},
                        new String[] {"PUT", "/v1/session/create", "{\"Node\":\"n1\",\"Checks\":[]}"},
                        List.of(FILTERED, "200", "200", FILTERED, "403 ACL not found", "200"), WRITE_REFUSED),
                new Family("event", "event_prefix \"deploy\" { policy = \"read\" }",
                        "event_prefix \"deploy\" { policy = \"write\" }", "event_prefix \"other\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/event/list", ""}, new String[] {"PUT", "/v1/event/fire/deploy", ""},
                        READ_FILTERED, WRITE_REFUSED),
                new Family("txn", "key_prefix \"app/\" { policy = \"read\" }",
                        "key_prefix \"app/\" { policy = \"write\" }", "key_prefix \"other/\" { policy = \"write\" }",
                        new String[] {"PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"get\",\"Key\":\"app/a\"}}]"},
                        new String[] {"PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"app/t\",\"Value\":\"dg==\"}}]"},
                        List.of("409", "200", "200", "409", "403 ACL not found", "200"),
                        List.of("409", "409", "200", "409", "403 ACL not found", "200")),
                new Family("agent", "agent_prefix \"\" { policy = \"read\" }", "agent_prefix \"\" { policy = \"write\" }",
                        "agent \"elsewhere\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/agent/self", ""}, new String[] {"PUT", "/v1/agent/leave", ""},
                        READ_REFUSED, WRITE_REFUSED),
                new Family("coordinate", "node \"n1\" { policy = \"read\" }", "node \"n1\" { policy = \"write\" }",
                        "node \"n9\" { policy = \"write\" }",
                        new String[] {"GET", "/v1/coordinate/nodes", ""},
                        new String[] {"PUT", "/v1/coordinate/update", COORDINATE}, READ_FILTERED, WRITE_REFUSED),
                new Family("acl", "acl = \"read\"", "acl = \"write\"", "operator = \"write\"",
                        new String[] {"GET", "/v1/acl/policies", ""},
                        new String[] {"DELETE", "/v1/acl/policy/6d1e0c4b-aaaa-bbbb-cccc-000000000000", ""},
                        READ_REFUSED, WRITE_REFUSED))
                .map(Arguments::of);
    }

    private static final String COORDINATE = "{\"Node\":\"n1\",\"Coord\":{\"Vec\":[0,0,0,0,0,0,0,0.001],"
            + "\"Error\":1.5,\"Height\":0.00001}}";
    private static final String SERVICE_READ = "service_prefix \"web\" { policy = \"read\" }\n"
            + "node_prefix \"\" { policy = \"read\" }";
    private static final String SERVICE_WRITE = "service_prefix \"web\" { policy = \"write\" }\n"
            + "node_prefix \"\" { policy = \"write\" }";
    private static final String OTHER_SERVICE = "service_prefix \"db\" { policy = \"write\" }\n"
            + "node_prefix \"\" { policy = \"read\" }";

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void eachCaller_getsConsulsAnswer(Family family) throws Exception {
        ApiTestSupport api = new ApiTestSupport(new AclConfig(true, DefaultPolicy.DENY, "extend-cache", false, ROOT,
                new AgentTokens("", "", "")));
        seed(api);
        Map<Caller, String> tokens = Map.of(Caller.NONE, "", Caller.MANAGEMENT, ROOT,
                Caller.READ, token(api, "read", family.readRules()), Caller.WRITE, token(api, "write", family.writeRules()),
                Caller.OTHER, token(api, "other", family.otherRules()), Caller.DELETED, deletedToken(api));
        for (Caller caller : Caller.values()) {
            String secret = tokens.get(caller);
            assertThat(answer(api.as(secret, family.read()[0], family.read()[1], family.read()[2])))
                    .as(family + " read as " + caller).isEqualTo(family.readAnswers().get(caller.ordinal()));
            assertThat(answer(api.as(secret, family.write()[0], family.write()[1], family.write()[2])))
                    .as(family + " write as " + caller).isEqualTo(family.writeAnswers().get(caller.ordinal()));
            seed(api); // a write may have removed what the next caller reads
        }
    }

    /** Status, "filtered" when the answer says so, and for 403 the text when it is not a permission refusal. */
    private static String answer(ApiResponse response) {
        String status = Integer.toString(response.status());
        if (response.headers().containsKey("X-Consul-Results-Filtered-By-ACLs")) {
            return status + " filtered";
        }
        if (response.status() == 403 && !text(response).startsWith("Permission denied")) {
            return status + " " + text(response);
        }
        return status;
    }

    private static void seed(ApiTestSupport api) {
        api.as(ROOT, "PUT", "/v1/catalog/register",
                "{\"Node\":\"n1\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\"}}");
        api.as(ROOT, "PUT", "/v1/kv/app/a", "1");
        api.as(ROOT, "PUT", "/v1/session/create", "{\"Node\":\"n1\",\"Checks\":[]}");
        api.as(ROOT, "PUT", "/v1/event/fire/deploy", "");
        api.as(ROOT, "PUT", "/v1/coordinate/update", COORDINATE);
    }

    private static String token(ApiTestSupport api, String name, String rules) throws Exception {
        ApiResponse policy = api.as(ROOT, "PUT", "/v1/acl/policy",
                JSON.writeValueAsString(Map.of("Name", name, "Rules", rules)));
        assertThat(policy.status()).as(text(policy)).isEqualTo(200);
        ApiResponse token = api.as(ROOT, "PUT", "/v1/acl/token", "{\"Policies\":[{\"Name\":\"" + name + "\"}]}");
        return JSON.readTree(token.body()).get("SecretID").asText();
    }

    private static String deletedToken(ApiTestSupport api) throws Exception {
        ApiResponse token = api.as(ROOT, "PUT", "/v1/acl/token", "{\"Description\":\"gone\"}");
        api.as(ROOT, "DELETE", "/v1/acl/token/" + JSON.readTree(token.body()).get("AccessorID").asText(), "");
        return JSON.readTree(token.body()).get("SecretID").asText();
    }
}
