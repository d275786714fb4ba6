package dev.signpost.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchTest {

    /** Collects what the loop reports. */
    private static final class Recorder implements Watch.Listener<Map<String, List<String>>> {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onChange(QueryResult<Map<String, List<String>>> result) {
            events.add(result.value().keySet());
        }

        @Override
        public void onError(ConsulException error) {
            events.add(error.getMessage());
        }
    }

    @Test
    void loop_deliversChanges_sendsIndexAndWait_andRateLimits() throws Exception {
        AtomicLong index = new AtomicLong(5);
        List<Duration> slept = new CopyOnWriteArrayList<>();
        try (FakeConsul consul = new FakeConsul();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            consul.on("/v1/catalog/services", r -> {
                long i = index.incrementAndGet();
                String body = i < 8 ? "{\"consul\":[]}" : "{\"consul\":[],\"webapp\":[]}";
                return FakeConsul.Answer.json(body).withHeader("X-Consul-Index", Long.toString(Math.min(i, 8)));
            });
            ConsulClient client = ConsulClient.builder().address(consul.address()).build();
            Watch<Map<String, List<String>>> watch = Watch.builder(client.catalog()::services)
                    .waitTime(Duration.ofSeconds(30)).maxStale(Duration.ZERO)
                    .sleeper(d -> {
                        slept.add(d);
                        Thread.sleep(d);
                    })
                    .clock(Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC))
                    .minInterval(Duration.ofMillis(20)).jitter(Duration.ZERO).build();
            Recorder recorder = new Recorder();
            watch.start(executor, recorder);
            assertThat(recorder.events.poll(5, TimeUnit.SECONDS)).isEqualTo(java.util.Set.of("consul"));
            assertThat(recorder.events.poll(5, TimeUnit.SECONDS)).isEqualTo(java.util.Set.of("consul", "webapp"));
            watch.close();
            client.close();
            assertThat(consul.requests.get(0).query()).isEmpty();
            assertThat(consul.requests.get(1).query()).isEqualTo("index=6&wait=30000ms");
            // A clock that stands still: every call after the first waits the full minimum interval.
            assertThat(slept).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(20)));
        }
    }

    @Test
    void unreachableRegistry_endsTheLoopWithOneError() throws Exception {
        ConsulClient client = ConsulClient.builder().address("127.0.0.1:" + FakeConsul.freePort())
                .retry(RetryPolicy.NONE).build();
        Recorder recorder = new Recorder();
        Watch.builder(client.catalog()::services).build().run(recorder);
        assertThat(recorder.events).hasSize(1);
        assertThat((String) recorder.events.peek()).startsWith("cannot reach 127.0.0.1:");
        client.close();
    }
}
