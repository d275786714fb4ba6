package dev.signpost.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Consul's counter names in both scrape formats, Signpost's own counters and every other family untouched. */
class ConsulCounterNamesTest {

    @Test
    void textFormat_dropsTheSuffixFromConsulsCounterFamilies_only() {
        String scrape = """
                # HELP consul_raft_apply_total \s
                # TYPE consul_raft_apply_total counter
                consul_raft_apply_total 3.0
                # HELP consul_api_http_total calls
                # TYPE consul_api_http_total counter
                consul_api_http_total{method="GET",path="v1_kv_"} 2.0
                # HELP consul_runtime_total_gc_runs \s
                # TYPE consul_runtime_total_gc_runs gauge
                consul_runtime_total_gc_runs 4.0
                # HELP signpost_answer_cache_hits_total \s
                # TYPE signpost_answer_cache_hits_total counter
                signpost_answer_cache_hits_total 7.0
                """;

        assertThat(ConsulCounterNames.apply(scrape, false)).isEqualTo("""
                # HELP consul_raft_apply \s
                # TYPE consul_raft_apply counter
                consul_raft_apply 3.0
                # HELP consul_api_http calls
                # TYPE consul_api_http counter
                consul_api_http{method="GET",path="v1_kv_"} 2.0
                # HELP consul_runtime_total_gc_runs \s
                # TYPE consul_runtime_total_gc_runs gauge
                consul_runtime_total_gc_runs 4.0
                # HELP signpost_answer_cache_hits_total \s
                # TYPE signpost_answer_cache_hits_total counter
                signpost_answer_cache_hits_total 7.0
                """);
    }

    @Test
    void openMetrics_writesConsulsCountersAsUnknownFamiliesUnderTheirOwnNames() {
        String scrape = """
                # TYPE consul_raft_apply counter
                # HELP consul_raft_apply \s
                consul_raft_apply_total 3.0
                # TYPE consul_raft_commitTime summary
                consul_raft_commitTime_count 1
                # TYPE signpost_answer_cache_hits counter
                signpost_answer_cache_hits_total 7.0
                # EOF
                """;

        assertThat(ConsulCounterNames.apply(scrape, true)).isEqualTo("""
                # TYPE consul_raft_apply unknown
                # HELP consul_raft_apply \s
                consul_raft_apply 3.0
                # TYPE consul_raft_commitTime summary
                consul_raft_commitTime_count 1
                # TYPE signpost_answer_cache_hits counter
                signpost_answer_cache_hits_total 7.0
                # EOF
                """);
    }

    @Test
    void aScrapeWithoutCounters_isReturnedAsItIs() {
        String scrape = "# TYPE consul_x gauge\nconsul_x 1.0\n";
        assertThat(ConsulCounterNames.apply(scrape, false)).isSameAs(scrape);
    }
}
