package dev.signpost.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Blocking queries on one key, one watcher per server, as consul-template watches: each answer's index is the next
 * call's {@code ?index}. Whatever the faults did, every watcher must end on the key's final value. Thread-safe.
 */
final class KeyWatchers {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final FaultCluster cluster;
    private final String key;
    private final Map<Integer, String> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean watching = new AtomicBoolean(true);

    KeyWatchers(FaultCluster cluster, String key) {
        this.cluster = cluster;
        this.key = key;
    }

    /** Watches through host HOST until {@link #stop}. */
    void watch(int host) {
        long index = 0;
        while (watching.get()) {
            URI uri = URI.create("http://" + cluster.agent(host).httpAddress() + "/v1/kv/" + key + "?index=" + index
                    + "&wait=2s");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long next = r.headers().firstValueAsLong("X-Consul-Index").orElse(0);
                if (r.statusCode() == 200) {
                    String value = Http.json(r).get(0).get("Value").asText();
                    seen.put(host, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                }
                // Consul's rule for a blocking client: an index that went backwards starts over from 0.
                index = next < index ? 0 : next;
            } catch (IOException | RuntimeException e) {
                sleep(100); // a server down or cut off: try it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop() {
        watching.set(false);
    }

    /** After the last heal: the anomalies, one per watcher that did not reach the final value within 15 s. */
    List<String> check(KvHistoryClient kv) {
        Optional<KvHistoryClient.Read> last = Optional.empty();
        for (int i = 0; i < 50 && last.isEmpty(); i++) {
            last = kv.read(cluster.agent(cluster.leader().orElse(1)).httpAddress(), key);
        }
        List<String> anomalies = new ArrayList<>();
        if (last.isEmpty() || last.get().value().isEmpty()) {
            return anomalies; // never written: nothing to miss
        }
        String expected = last.get().value().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && !allSaw(expected)) {
            sleep(100);
        }
        stop();
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            if (!expected.equals(seen.get(host))) {
                anomalies.add("watch: the blocking query through host " + host + " ended on " + seen.get(host)
                        + ", not the final value " + expected);
            }
        }
        return anomalies;
    }

    private boolean allSaw(String expected) {
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            if (!expected.equals(seen.get(host))) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // polling real processes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
