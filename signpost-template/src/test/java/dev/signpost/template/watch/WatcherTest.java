package dev.signpost.template.watch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.RetryPolicy;
import dev.signpost.template.dependency.Dependency;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.HealthService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watcher against a scripted registry on loopback: sharing, retries with reset, and stopping. */
class WatcherTest {

    private static final String ENTRY = "[{\"Node\":{\"Node\":\"n1\",\"Address\":\"10.0.0.1\"},"
            + "\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\",\"Port\":80},\"Checks\":[]}]";

    private HttpServer server;
    private ConsulClient client;
    private Watcher watcher;
    private final DataStore store = new DataStore();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private final List<Dependency> news = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/health/service/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            queries.add(query);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            if (query.contains("index=7")) {
                // A blocking query on an unchanged index: held, as a registry would, until the test ends.
                try {
                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ENTRY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Consul-Index", "7");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        client = ConsulClient.builder().address("127.0.0.1:" + server.getAddress().getPort())
                .retry(RetryPolicy.NONE).build();
    }

    private Watcher watcher(RetryPolicy retry) {
        return new Watcher(new Queries(client), store, new Watcher.Listener() {
            @Override
            public void onData(Dependency dependency) {
                news.add(dependency);
            }

            @Override
            public void onError(Dependency dependency, ConsulException error) {
                errors.add(dependency + ": " + error.getMessage());
            }
        }, Duration.ofSeconds(60), Duration.ZERO, retry, d -> { });
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        release.countDown();
        client.close();
        server.stop(0);
    }

    @Test
    void equalDependencies_shareOneBlockingQuery() {
        watcher = watcher(RetryPolicy.NONE);
        watcher.watch(List.of(ServiceQuery.parse("web"), ServiceQuery.parse("web")));
        watcher.watch(List.of(ServiceQuery.parse("web")));
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.stream().anyMatch(q -> q.contains("index=7")));
        assertThat(watcher.count()).isEqualTo(1);
        assertThat(news).containsExactly(ServiceQuery.parse("web"));
        assertThat(calls.get("/v1/health/service/web").get()).as("one first read, then one blocking query")
                .isEqualTo(2);
        List<HealthService> stored = store.service(ServiceQuery.parse("web")).orElseThrow();
        assertThat(stored).extracting(HealthService::address).containsExactly("10.0.0.1");
    }

    @Test
    void transientFailures_areRetried_andTheRetryReadsAfresh() {
        failuresLeft.set(2);
        watcher = watcher(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)));
        watcher.watch(List.of(ServiceQuery.parse("web")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !news.isEmpty());
        assertThat(errors).isEmpty();
        // A copy: the watcher keeps querying, and a CopyOnWriteArrayList's sublist fails once its list changes.
        assertThat(List.copyOf(queries).subList(0, 3)).allSatisfy(q -> assertThat(q).doesNotContain("index="));
    }

    @Test
    void failuresBeyondTheAttempts_reportOneError() {
        failuresLeft.set(100);
        watcher = watcher(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)));
        watcher.watch(List.of(ServiceQuery.parse("web")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !errors.isEmpty());
        assertThat(errors).singleElement().asString().startsWith("health.service(web|passing): GET /v1/health");
        assertThat(calls.get("/v1/health/service/web").get()).isEqualTo(3);
        assertThat(news).isEmpty();
    }

    @Test
    void retain_stopsUnusedWatches_andForgetsTheirData() {
        watcher = watcher(RetryPolicy.NONE);
        watcher.watch(List.of(ServiceQuery.parse("web")));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.has(ServiceQuery.parse("web")));
        watcher.retain(List.of());
        assertThat(watcher.count()).isZero();
        assertThat(store.has(ServiceQuery.parse("web"))).isFalse();
    }
}
