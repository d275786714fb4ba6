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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Clients that take a session lock on one key, make a few guarded writes (a transaction that checks the lock is
 * still theirs, then writes), and let go. The promise checked: in Raft order, the guarded writes of one holding
 * never interleave with another's, and the LockIndex of successive holdings only grows. Thread-safe.
 */
final class LockWorkload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK = "lock/leader";
    private static final String GUARDED = "lock/guarded";

    private final FaultCluster cluster;
    private final AtomicBoolean running;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ConcurrentLinkedQueue<GuardedWrite> writes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger holdings = new AtomicInteger();
    private final AtomicInteger refusedWrites = new AtomicInteger();

    /** One guarded write that Raft applied: who held the lock, at which LockIndex, and the write's ModifyIndex. */
    record GuardedWrite(String holding, long lockIndex, long modifyIndex) {
    }

    LockWorkload(FaultCluster cluster, AtomicBoolean running) {
        this.cluster = cluster;
        this.running = running;
    }

    void run(int client, Random random) {
        int holding = 0;
        while (running.get()) {
            String server = cluster.agent(1 + random.nextInt(FaultCluster.SIZE)).httpAddress();
            Optional<String> session = call(server, "PUT", "/v1/session/create",
                    "{\"Name\":\"faults\",\"LockDelay\":\"1s\",\"Behavior\":\"release\"}")
                    .map(body -> body.get("ID").asText());
            if (session.isEmpty()) {
                sleep(200);
                continue;
            }
            String id = session.get();
            boolean acquired = call(server, "PUT", "/v1/kv/" + LOCK + "?acquire=" + id, "x")
                    .map(JsonNode::asBoolean).orElse(false);
            if (acquired) {
                String name = "c" + client + "-h" + holding++;
                Optional<Long> lockIndex = call(server, "GET", "/v1/kv/" + LOCK + "?consistent", null)
                        .filter(body -> id.equals(body.get(0).path("Session").asText()))
                        .map(body -> body.get(0).get("LockIndex").asLong());
                if (lockIndex.isPresent()) {
                    holdings.incrementAndGet();
                    for (int w = 0; w < 3 && running.get(); w++) {
                        guardedWrite(server, id, name, lockIndex.get(), w);
                        sleep(10 + random.nextInt(40));
                    }
                }
                call(server, "PUT", "/v1/kv/" + LOCK + "?release=" + id, "x");
            }
            call(server, "PUT", "/v1/session/destroy/" + id, "");
            sleep(20 + random.nextInt(50));
        }
    }

    private void guardedWrite(String server, String session, String holding, long lockIndex, int n) {
        String value = Base64.getEncoder().encodeToString((holding + "/" + lockIndex + "/" + n)
                .getBytes(StandardCharsets.UTF_8));
        String txn = "[{\"KV\":{\"Verb\":\"check-session\",\"Key\":\"" + LOCK + "\",\"Session\":\"" + session + "\"}},"
                + "{\"KV\":{\"Verb\":\"set\",\"Key\":\"" + GUARDED + "\",\"Value\":\"" + value + "\"}}]";
        Optional<JsonNode> result = call(server, "PUT", "/v1/txn", txn);
        if (result.isEmpty()) {
            refusedWrites.incrementAndGet();
            return;
        }
        for (JsonNode r : result.get().path("Results")) {
            JsonNode kv = r.path("KV");
            if (GUARDED.equals(kv.path("Key").asText())) {
                writes.add(new GuardedWrite(holding, lockIndex, kv.get("ModifyIndex").asLong()));
            }
        }
    }

    /** Guarded writes of two holdings interleaved in Raft order, or a LockIndex went back. */
    List<String> anomalies() {
        List<GuardedWrite> ordered = new ArrayList<>(writes);
        ordered.sort(Comparator.comparingLong(GuardedWrite::modifyIndex));
        List<String> anomalies = new ArrayList<>();
        Set<String> finished = new HashSet<>();
        GuardedWrite previous = null;
        for (GuardedWrite w : ordered) {
            if (previous != null && !previous.holding().equals(w.holding())) {
                finished.add(previous.holding());
                if (finished.contains(w.holding())) {
                    anomalies.add("lock: " + w.holding() + " wrote at index " + w.modifyIndex() + " after "
                            + previous.holding() + " had taken the lock");
                }
                if (w.lockIndex() <= previous.lockIndex()) {
                    anomalies.add("lock: LockIndex went from " + previous.lockIndex() + " (" + previous.holding()
                            + ") to " + w.lockIndex() + " (" + w.holding() + ")");
                }
            }
            previous = w;
        }
        return anomalies;
    }

    String summary() {
        return holdings.get() + " holdings, " + writes.size() + " guarded writes applied, " + refusedWrites.get()
                + " refused or lost";
    }

    String history() {
        StringBuilder all = new StringBuilder();
        writes.stream().sorted(Comparator.comparingLong(GuardedWrite::modifyIndex))
                .forEach(w -> all.append(w).append('\n'));
        return all.toString();
    }

    /** A call's JSON body when it answered 200; empty otherwise (a 409 rolled-back transaction among them). */
    private Optional<JsonNode> call(String server, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // a client's think time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
