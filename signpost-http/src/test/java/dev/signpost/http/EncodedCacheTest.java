package dev.signpost.http;

import static dev.signpost.http.ApiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EncodedCacheTest {
    private static ApiRequest get(String path, Map<String, List<String>> query) {
        return new ApiRequest("GET", path, query, Map.of(), new byte[0], "");
    }

    @Test
    void waitingParameters_doNotShapeTheKey_butFiltersAndTheIndexDo() {
        String plain = EncodedCache.key(get("/v1/health/service/web", Map.of()), 7);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("index", List.of("5"), "wait", List.of("1m"),
                "stale", List.of(""))), 7)).isEqualTo(plain);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("passing", List.of(""))), 7)).isNotEqualTo(plain);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("pretty", List.of(""))), 7)).isNotEqualTo(plain);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of()), 8)).isNotEqualTo(plain);
    }

    @Test
    void aChangedService_isEncodedAgain_whileAnUnchangedOneIsServedFromTheCache() {
        ApiTestSupport api = new ApiTestSupport();
        api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"a\",\"Service\":\"web\"}}");
        String first = text(api.call("GET", "/v1/catalog/service/web"));
        assertThat(text(api.call("GET", "/v1/catalog/service/web"))).isEqualTo(first);

        api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"b\",\"Service\":\"web\"}}");
        assertThat(text(api.call("GET", "/v1/catalog/service/web"))).contains("\"ServiceID\":\"b\"");
    }

    @Test
    void whenFull_itStartsOver() {
        EncodedCache cache = new EncodedCache(2);
        for (int i = 0; i < 5; i++) {
            cache.get(get("/v1/kv/k" + i, Map.of()), 1, () -> new byte[] {1});
        }
        assertThat(cache.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void otherEndpoints_areNeverCached() {
        EncodedCache cache = new EncodedCache(10);
        for (int i = 0; i < 3; i++) {
            cache.get(get("/v1/session/list", Map.of()), 1, () -> new byte[] {1});
        }
        assertThat(cache.size()).isZero();
    }
}
