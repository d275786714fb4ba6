package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Consul's rules for methods, parameters and durations, checked through the route table. */
class RequestRulesTest {
    private final ApiTestSupport api = new ApiTestSupport();

    @Test
    void wrongMethod_is405_unknownPath_is404() {
        assertThat(api.call("GET", "/v1/agent/service/register").status()).isEqualTo(405);
        assertThat(api.call("POST", "/v1/kv/x").status()).isEqualTo(405);
        assertThat(api.call("GET", "/v1/nothing/here").status()).isEqualTo(404);
    }

    @Test
    void badIndexWaitAndConsistency_are400WithConsulsWords() {
        assertThat(text(api.call("GET", "/v1/catalog/nodes?index=-1"))).isEqualTo("Invalid index");
        assertThat(text(api.call("GET", "/v1/catalog/nodes?index=1&wait=10parsecs"))).isEqualTo("Invalid wait time");
        assertThat(text(api.call("GET", "/v1/event/list?index=1&wait=10parsecs"))).isEqualTo("Invalid wait time");
        assertThat(api.call("GET", "/v1/event/list?index=1&wait=-1s").status()).isEqualTo(400);
        assertThat(text(api.call("GET", "/v1/catalog/nodes?stale&consistent")))
                .isEqualTo("Cannot specify ?stale with ?consistent, conflicting semantics.");
        assertThat(text(api.call("GET", "/v1/health/service/x?passing=maybe"))).contains("passing");
    }

    @Test
    void blockingRead_timesOutWithTheSameIndex() {
        api.call("PUT", "/v1/kv/k", "1");
        ApiResponse first = api.call("GET", "/v1/kv/k");
        String index = first.headers().get("X-Consul-Index");

        ApiResponse second = api.call("GET", "/v1/kv/k?index=" + index + "&wait=50ms");

        assertThat(second.headers()).containsEntry("X-Consul-Index", index);
    }

    @Test
    void kv_keysWithSeparator_recurse_cas_andMissing() {
        api.call("PUT", "/v1/kv/a/b/c", "1");
        api.call("PUT", "/v1/kv/a/d", "2");
        assertThat(text(api.call("GET", "/v1/kv/a/?keys&separator=/"))).isEqualTo("[\"a/b/\",\"a/d\"]");
        assertThat(text(api.call("GET", "/v1/kv/?keys"))).isEqualTo("[\"a/b/c\",\"a/d\"]");
        assertThat(api.call("GET", "/v1/kv/zzz?keys").status()).isEqualTo(404);
        assertThat(text(api.call("PUT", "/v1/kv/a/d?cas=0", "3"))).isEqualTo("false");
        assertThat(text(api.call("PUT", "/v1/kv/a/d?cas=1&acquire=s", "3"))).startsWith("Conflicting flags");
        assertThat(text(api.call("DELETE", "/v1/kv/a/d?cas=0"))).isEqualTo("false");
        assertThat(api.call("GET", "/v1/kv/a/d").status()).isEqualTo(200);
        assertThat(text(api.call("GET", "/v1/kv/a/d?raw"))).isEqualTo("2");
        assertThat(api.call("GET", "/v1/kv/a?recurse").status()).isEqualTo(200);
        assertThat(api.call("GET", "/v1/kv/none?recurse").status()).isEqualTo(404);
    }

    @Test
    void emptyKvValue_isJsonNull_asGoEncodesANilSlice() {
        api.call("PUT", "/v1/kv/empty", "");
        assertThat(text(api.call("GET", "/v1/kv/empty"))).contains("\"Value\":null");
    }

    @Test
    void durationsGoRejects_are400_bodiesWithGosWords_waitWithConsuls() {
        // Consul: `Request decode failed: time: invalid duration "x"` for a body, "Invalid wait time" for ?wait=.
        ApiResponse outOfRange = api.call("PUT", "/v1/session/create", "{\"TTL\":\"2562048h\"}");
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(text(outOfRange)).isEqualTo("Request decode failed: TTL: time: invalid duration \"2562048h\"");
        assertThat(text(api.call("PUT", "/v1/session/create", "{\"LockDelay\":\" 1s\"}")))
                .isEqualTo("Request decode failed: LockDelay: time: invalid duration \" 1s\"");
        assertThat(text(api.call("PUT", "/v1/session/create", "{\"TTL\":\"\u0661s\"}")))
                .isEqualTo("Request decode failed: TTL: time: invalid duration \"\\xd9\\xa1s\"");
        ApiResponse wait = api.call("GET", "/v1/catalog/nodes?index=1&wait=9223372036854775808ns");
        assertThat(wait.status()).isEqualTo(400);
        assertThat(text(wait)).isEqualTo("Invalid wait time");
    }

    @Test
    void theAgentsNotFound_is404_withItsText_andAFailedJoin_is500() {
        ApiResponse unknown = api.call("PUT", "/v1/agent/service/deregister/web-9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("Unknown service ID \"web-9\"");

        ApiResponse join = api.call("PUT", "/v1/agent/join/10.0.0.9");
        assertThat(join.status()).isEqualTo(500);
        assertThat(text(join)).isEqualTo("Failed to join 10.0.0.9: no answer on its LAN port");
    }

    @Test
    void aSessionRuleBroken_is400_withConsulsText() {
        ApiResponse r = api.call("PUT", "/v1/session/create", "{\"LockDelay\":\"61s\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(text(r)).isEqualTo("Invalid LockDelay: must be between 0s and 60s");
    }
}
