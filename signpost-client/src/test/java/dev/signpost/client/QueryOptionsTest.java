package dev.signpost.client;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryOptionsTest {

    private static String query(QueryOptions o) {
        QueryString q = new QueryString();
        o.appendTo(q);
        return q.toString();
    }

    @Test
    void default_sendsNothing() {
        assertThat(query(QueryOptions.DEFAULT)).isEmpty();
    }

    @Test
    void options_areSentLikeTheGoClient() {
        QueryOptions o = QueryOptions.DEFAULT.withDatacenter("dc2").withStale(true).withIndex(42)
                .withWait(Duration.ofSeconds(60)).withNodeMeta(Map.of("rack", "r1"));
        assertThat(query(o)).isEqualTo("?dc=dc2&stale=&index=42&wait=60000ms&node-meta=rack%3Ar1");
        assertThat(query(QueryOptions.DEFAULT.withConsistent(true))).isEqualTo("?consistent=");
        assertThat(query(QueryOptions.DEFAULT.withNear("_agent").withFilter("Service.Port > 80")))
                .isEqualTo("?near=_agent&filter=Service.Port%20%3E%2080");
    }

    @Test
    void staleAndConsistent_conflict() {
        assertThatThrownBy(() -> new QueryOptions("", true, true, 0, Duration.ZERO, "", Map.of(), "", ""))
                .hasMessageContaining("conflicting");
        assertThat(QueryOptions.DEFAULT.withStale(true).withConsistent(true).stale()).isFalse();
    }

    @Test
    void pathSegments_keepColonsAndEncodeTheRest() {
        assertThat(QueryString.segment("host:web.1:5000")).isEqualTo("host:web.1:5000");
        assertThat(QueryString.segment("a b/c")).isEqualTo("a%20b%2Fc");
        assertThat(QueryString.encode("app/config key", true)).isEqualTo("app/config%20key");
    }

    @Test
    void retryBackoff_doublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(9)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoff(12)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.retries()).isEqualTo(12);
    }
}
