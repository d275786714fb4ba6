package dev.signpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.http.KeyringOperator.Operation;
import dev.signpost.http.KeyringOperator.PoolAnswer;
import dev.signpost.testing.InMemoryRegistry;

class KeyringEndpointsTest {
    private static final String KEY = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=";

    private final List<String> asked = new ArrayList<>();
    private List<PoolAnswer> answer = List.of(
            new PoolAnswer(true, "dc1", Map.of(), Map.of(KEY, 3), Map.of(KEY, 3), 3, ""),
            new PoolAnswer(false, "dc1", Map.of(), Map.of(KEY, 4), Map.of(KEY, 4), 4, ""));
    private final Routes routes = new Routes(TokenAuthority.disabled(new InMemoryRegistry()));

    KeyringEndpointsTest() {
        new KeyringEndpoints((operation, key) -> {
            asked.add(operation + " " + key);
            return answer;
        }).addTo(routes);
    }

    private ApiResponse call(String method, String pathAndQuery, String body) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (pathAndQuery.contains("?")) {
            String[] pair = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("=", 2);
            query.put(pair[0], List.of(pair.length > 1 ? pair[1] : ""));
        }
        return ApiServer.handle(routes, new ApiRequest(method, path, query, Map.of(),
                body.getBytes(StandardCharsets.UTF_8), ""));
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void list_answersConsulsKeyringResponses_wanThenLan() {
        ApiResponse listed = call("GET", "/v1/operator/keyring", "");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(text(listed)).isEqualTo("[{\"WAN\":true,\"Datacenter\":\"dc1\",\"Segment\":\"\",\"Keys\":{\"" + KEY
                + "\":3},\"PrimaryKeys\":{\"" + KEY + "\":3},\"NumNodes\":3},{\"WAN\":false,\"Datacenter\":\"dc1\","
                + "\"Segment\":\"\",\"Keys\":{\"" + KEY + "\":4},\"PrimaryKeys\":{\"" + KEY + "\":4},\"NumNodes\":4}]");
        assertThat(asked).containsExactly("LIST ");
    }

    @Test
    void postPutDelete_installUseRemove_theBodysKey() {
        assertThat(call("POST", "/v1/operator/keyring", "{\"Key\":\"" + KEY + "\"}").status()).isEqualTo(200);
        assertThat(call("PUT", "/v1/operator/keyring", "{\"Key\":\"" + KEY + "\"}").status()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/operator/keyring", "{\"Key\":\"" + KEY + "\"}").status()).isEqualTo(200);

        assertThat(asked).containsExactly("INSTALL " + KEY, "USE " + KEY, "REMOVE " + KEY);
    }

    @Test
    void aPoolThatFailed_isA500InConsulsMultierrorWords() {
        answer = List.of(new PoolAnswer(true, "dc1", Map.of(), Map.of(), Map.of(), 1, ""),
                new PoolAnswer(false, "dc1", Map.of("s1", "Removing the primary key is not allowed"), Map.of(),
                        Map.of(), 1, "1/1 nodes reported failure"));

        ApiResponse removed = call("DELETE", "/v1/operator/keyring", "{\"Key\":\"" + KEY + "\"}");

        assertThat(removed.status()).isEqualTo(500);
        assertThat(text(removed)).isEqualTo("2 errors occurred:\n\t* dc1 (LAN) error: 1/1 nodes reported failure"
                + "\n\t* s1: Removing the primary key is not allowed\n\n");
    }

    @Test
    void withAcls_listingNeedsKeyringRead_andChangingKeyringWrite() {
        ApiTestSupport acl = new ApiTestSupport(new dev.signpost.core.acl.AclConfig(true,
                dev.signpost.core.acl.Authorizer.DefaultPolicy.DENY, "extend-cache", false, "",
                new dev.signpost.core.acl.AgentTokens("", "", "")));

        ApiResponse list = acl.call("GET", "/v1/operator/keyring");
        ApiResponse install = acl.call("POST", "/v1/operator/keyring", "{\"Key\":\"" + KEY + "\"}");

        assertThat(list.status()).isEqualTo(403);
        assertThat(text(list)).isEqualTo("Permission denied: token with AccessorID "
                + "'00000000-0000-0000-0000-000000000002' lacks permission 'keyring:read'");
        assertThat(install.status()).isEqualTo(403);
        assertThat(text(install)).endsWith("lacks permission 'keyring:write'");
    }

    @Test
    void badInput_is400_andNothingIsAsked() {
        assertThat(text(call("POST", "/v1/operator/keyring", "{\"Key\":"))).startsWith("Request decode failed: ");
        assertThat(text(call("GET", "/v1/operator/keyring?relay-factor=9", "")))
                .isEqualTo("Invalid relay-factor: Relay factor must be in range: [0, 5]");
        assertThat(text(call("POST", "/v1/operator/keyring?local-only=true", "{\"Key\":\"" + KEY + "\"}")))
                .isEqualTo("Invalid use of local-only: local-only can only be set for list requests");
        assertThat(asked).isEmpty();
    }
}
