package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /v1/session/*} and KV locks over the route table, without sockets. */
class SessionEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    SessionEndpointsTest() {
        // the agent's own node ("test") with its serfHealth, as a running agent has
        api.call("PUT", "/v1/catalog/register", "{\"Node\":\"test\",\"Address\":\"127.0.0.1\","
                + "\"Check\":{\"CheckID\":\"serfHealth\",\"Name\":\"Serf Health Status\",\"Status\":\"passing\"}}");
    }

    private String create(String body) {
        ApiResponse r = api.call("PUT", "/v1/session/create", body);
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        return json(r).get("ID").asText();
    }

    private static JsonNode json(ApiResponse r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void create_withoutABody_takesConsulsDefaults() {
        String id = create("");
        JsonNode session = json(api.call("GET", "/v1/session/info/" + id)).get(0);
        assertThat(session.get("Node").asText()).isEqualTo("test");
        assertThat(session.get("LockDelay").asLong()).isEqualTo(15_000_000_000L);
        assertThat(session.get("Behavior").asText()).isEqualTo("release");
        assertThat(session.get("TTL").asText()).isEmpty();
        assertThat(session.get("NodeChecks").toString()).isEqualTo("[\"serfHealth\"]");
    }

    @Test
    void lockDelay_asSecondsNumber_orDuration_andTtlBounds() {
        String number = create("{\"LockDelay\":5,\"TTL\":\"10s\"}");
        assertThat(json(api.call("GET", "/v1/session/info/" + number)).get(0).get("LockDelay").asLong())
                .isEqualTo(5_000_000_000L);
        String text = create("{\"LockDelay\":\"250ms\",\"TTL\":\"24h\",\"Behavior\":\"delete\"}");
        assertThat(json(api.call("GET", "/v1/session/info/" + text)).get(0).get("LockDelay").asLong())
                .isEqualTo(250_000_000L);

        ApiResponse shortTtl = api.call("PUT", "/v1/session/create", "{\"TTL\":\"9s\"}");
        assertThat(shortTtl.status()).isEqualTo(400);
        assertThat(text(shortTtl)).startsWith("Invalid Session TTL");
        assertThat(api.call("PUT", "/v1/session/create", "{\"TTL\":\"25h\"}").status()).isEqualTo(400);
        assertThat(api.call("PUT", "/v1/session/create", "{\"Behavior\":\"explode\"}").status()).isEqualTo(400);
    }

    @Test
    void create_forAMissingCheck_is500_withConsulsWords() {
        ApiResponse r = api.call("PUT", "/v1/session/create", "{\"Checks\":[\"nope\"]}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).isEqualTo("Missing check 'nope' registration");
    }

    @Test
    void acquire_release_andTheKeysLockFields() {
        String a = create("{}");
        String b = create("{}");
        assertThat(text(api.call("PUT", "/v1/kv/lead?acquire=" + a, "a"))).isEqualTo("true");
        assertThat(text(api.call("PUT", "/v1/kv/lead?acquire=" + b, "b"))).isEqualTo("false");
        JsonNode entry = json(api.call("GET", "/v1/kv/lead")).get(0);
        assertThat(entry.get("Session").asText()).isEqualTo(a);
        assertThat(entry.get("LockIndex").asLong()).isEqualTo(1);
        assertThat(text(api.call("PUT", "/v1/kv/lead?release=" + b, ""))).isEqualTo("false");
        assertThat(text(api.call("PUT", "/v1/kv/lead?release=" + a, "done"))).isEqualTo("true");
        assertThat(json(api.call("GET", "/v1/kv/lead")).get(0).has("Session")).isFalse();
        assertThat(api.call("PUT", "/v1/kv/lead?acquire=" + a + "&cas=0", "").status()).isEqualTo(400);
    }

    @Test
    void renew_answersTheSession_andUnknownIs404() {
        String id = create("{\"TTL\":\"30s\"}");
        assertThat(json(api.call("PUT", "/v1/session/renew/" + id)).get(0).get("ID").asText()).isEqualTo(id);
        ApiResponse unknown = api.call("PUT", "/v1/session/renew/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("Session id '00000000-0000-0000-0000-000000000000' not found");
    }

    @Test
    void destroy_removesItFromListAndNode() {
        String id = create("{}");
        assertThat(text(api.call("GET", "/v1/session/list"))).contains(id);
        assertThat(text(api.call("PUT", "/v1/session/destroy/" + id))).isEqualTo("true");
        assertThat(text(api.call("GET", "/v1/session/node/test"))).isEqualTo("[]");
        assertThat(text(api.call("GET", "/v1/session/info/" + id))).isEqualTo("[]");
    }

    @Test
    void kvFlags_takeTheWholeUint64Range_asConsulsSemaphoreFlagsNeed() {
        assertThat(text(api.call("PUT", "/v1/kv/sem/.lock?flags=16210313421097356768", "{}"))).isEqualTo("true");
        assertThat(text(api.call("GET", "/v1/kv/sem/.lock"))).contains("\"Flags\":16210313421097356768");
        assertThat(api.call("PUT", "/v1/kv/sem/.lock?flags=18446744073709551616", "").status()).isEqualTo(400);
        assertThat(api.call("PUT", "/v1/kv/sem/.lock?flags=-1", "").status()).isEqualTo(400);
    }
}
