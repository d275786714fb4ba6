package dev.signpost.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.junit.jupiter.api.Test;

class NoMetricRegistriesTest {

    @Test
    void ratisFindsOurs_andItRecordsNothing() {
        assertThat(MetricRegistries.global()).isInstanceOf(NoMetricRegistries.class);

        MetricRegistryInfo info = new MetricRegistryInfo("s1", "ratis", "server", "test");
        RatisMetricRegistry registry = MetricRegistries.global().create(info);
        registry.counter("appends").inc(5);
        registry.timer("apply").time().stop();
        assertThat(registry.counter("appends").getCount()).isZero();
        assertThat(registry.getMetricRegistryInfo()).isEqualTo(info);
        assertThat(MetricRegistries.global().getMetricRegistries()).isEmpty();
    }
}
