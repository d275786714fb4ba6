package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

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
    void goDurations_parseAndPrintAsGoDoes() {
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMinutes(60))).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("missing unit");
        assertThatThrownBy(() -> GoDuration.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
    }
}
