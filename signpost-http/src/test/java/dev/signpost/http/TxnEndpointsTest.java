package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** {@code PUT /v1/txn} and user events over the route table, without sockets. */
class TxnEndpointsTest {
    private final ApiTestSupport api = new ApiTestSupport();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    @Test
    void setResults_carryNoValue_getResultsDo() {
        ApiResponse r = api.call("PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"a\",\"Value\":\"" + b64("1")
                + "\"}},{\"KV\":{\"Verb\":\"get\",\"Key\":\"a\"}}]");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        assertThat(text(r)).startsWith("{\"Results\":[{\"KV\":{\"LockIndex\":0,\"Key\":\"a\",\"Flags\":0,\"Value\":null,")
                .contains("{\"KV\":{\"LockIndex\":0,\"Key\":\"a\",\"Flags\":0,\"Value\":\"" + b64("1") + "\"")
                .endsWith("\"Errors\":null}");
    }

    @Test
    void aFailedOp_is409_withItsIndex_andNothingApplied() {
        ApiResponse r = api.call("PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"a\",\"Value\":\"\"}},"
                + "{\"KV\":{\"Verb\":\"cas\",\"Key\":\"b\",\"Value\":\"\",\"Index\":7}}]");
        assertThat(r.status()).isEqualTo(409);
        assertThat(text(r)).isEqualTo("{\"Results\":null,\"Errors\":[{\"OpIndex\":1,"
                + "\"What\":\"failed to set key \\\"b\\\", index is stale\"}]}");
        assertThat(api.call("GET", "/v1/kv/a").status()).isEqualTo(404);
    }

    @Test
    void catalogOps_andBadVerbs() {
        ApiResponse r = api.call("PUT", "/v1/txn", "[{\"Node\":{\"Verb\":\"set\",\"Node\":{\"Node\":\"n9\","
                + "\"Address\":\"10.0.0.9\"}}},{\"Service\":{\"Verb\":\"set\",\"Node\":\"n9\",\"Service\":{\"ID\":\"w\","
                + "\"Service\":\"web\",\"Port\":80}}}]");
        assertThat(r.status()).as(text(r)).isEqualTo(200);
        assertThat(text(api.call("GET", "/v1/catalog/service/web"))).contains("\"Node\":\"n9\"");
        assertThat(api.call("PUT", "/v1/txn", "[{\"KV\":{\"Verb\":\"frobnicate\",\"Key\":\"a\"}}]").status())
                .isEqualTo(400);
        assertThat(api.call("PUT", "/v1/txn", "{}").status()).isEqualTo(400);
    }

    @Test
    void events_fireAndList_newestLast() {
        api.call("PUT", "/v1/event/fire/deploy", "one");
        api.call("PUT", "/v1/event/fire/other", "");
        ApiResponse list = api.call("GET", "/v1/event/list?name=deploy");
        assertThat(text(list)).contains("\"Name\":\"deploy\"", "\"Payload\":\"" + b64("one") + "\"")
                .doesNotContain("other");
        assertThat(list.headers()).containsKey("X-Consul-Index");
    }
}
