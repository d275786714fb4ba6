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
    void waitingParameters_doNotShapeTheKey_butFiltersDo() {
        String plain = EncodedCache.key(get("/v1/health/service/web", Map.of()));
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("index", List.of("5"), "wait", List.of("1m"),
                "stale", List.of(""))))).isEqualTo(plain);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("passing", List.of(""))))).isNotEqualTo(plain);
        assertThat(EncodedCache.key(get("/v1/health/service/web", Map.of("pretty", List.of(""))))).isNotEqualTo(plain);
    }

    @Test
    void aNewerIndex_replacesTheAnswer_andAnOlderOneNeverDoes() {
        EncodedCache cache = new EncodedCache(10, 1000);
        ApiRequest web = get("/v1/health/service/web", Map.of());
        cache.get(web, 7, () -> new byte[] {7});
        assertThat(cache.get(web, 7, () -> new byte[] {99})).containsExactly(7);
        assertThat(cache.get(web, 8, () -> new byte[] {8, 8})).containsExactly(8, 8);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(2);

        // A lagging server answers at 6: encoded for that caller, but the answer at 8 stays.
        assertThat(cache.get(web, 6, () -> new byte[] {6})).containsExactly(6);
        assertThat(cache.get(web, 8, () -> new byte[] {99})).containsExactly(8, 8);
    }

    @Test
    void answersAreBoundedInBytes_andTooBigOnesAreNotKept() {
        EncodedCache cache = new EncodedCache(100, 800);
        assertThat(cache.get(get("/v1/kv/big", Map.of()), 2, () -> new byte[101])).hasSize(101);
        assertThat(cache.size()).isZero();
        for (int i = 0; i < 20; i++) {
            cache.get(get("/v1/kv/k" + i, Map.of()), 2, () -> new byte[100]);
            assertThat(cache.bytes()).isLessThanOrEqualTo(800).isEqualTo(100L * cache.size());
        }
        assertThat(cache.size()).isPositive();
    }

    /** Regression: an agent answering before its first write served the empty catalog of "index 1" after it. */
    @Test
    void anEmptyTopicRead_beforeTheFirstWrite_isNotServedAfterIt() {
        ApiTestSupport api = new ApiTestSupport();
        assertThat(text(api.call("GET", "/v1/catalog/nodes"))).isEqualTo("[]");
        api.call("PUT", "/v1/catalog/register", "{\"Node\":\"n\",\"Address\":\"10.0.0.1\"}");
        assertThat(text(api.call("GET", "/v1/catalog/nodes"))).contains("\"Node\":\"n\"");
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
        EncodedCache cache = new EncodedCache(2, 1000);
        for (int i = 0; i < 5; i++) {
            cache.get(get("/v1/kv/k" + i, Map.of()), 1, () -> new byte[] {1});
        }
        assertThat(cache.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void otherEndpoints_areNeverCached() {
        EncodedCache cache = new EncodedCache(10, 1000);
        for (int i = 0; i < 3; i++) {
            cache.get(get("/v1/session/list", Map.of()), 1, () -> new byte[] {1});
        }
        assertThat(cache.size()).isZero();
    }
}
