package dev.signpost.e2e;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.signpost.testing.SignpostProcess;

/**
 * {@code signpost registrator} against one server of a fault cluster while containers come and go, as on a host
 * whose registry is crashed, paused and cut off under it. Once the faults are healed, the catalog must list exactly
 * the containers that run: none missing, none left behind. The registrator runs as production would, with
 * {@code -resync} and {@code -cleanup}.
 */
final class ContainerChurn implements AutoCloseable {
    static final String HOSTNAME = "faults";

    private final FaultCluster cluster;
    private final int host;
    private final String prefix = "sp-faults-" + Long.toHexString(System.nanoTime());
    private final SignpostProcess registrator;
    private final List<String> running = new ArrayList<>();
    private int started;
    private int removed;

    ContainerChurn(Path work, FaultCluster cluster, int host) {
        Docker.require();
        this.cluster = cluster;
        this.host = host;
        registrator = SignpostProcess.start(work.resolve("registrator.log"), List.of("registrator", "-ip", "127.0.0.1",
                "-hostname", HOSTNAME, "-only-label", prefix + "=churn", "-resync", "10", "-cleanup",
                "consul://" + cluster.agent(host).httpAddress()));
    }

    /** Starts or removes a container every 2-5 s until {@code running} is false; from one thread. */
    void run(AtomicBoolean on, Random random) {
        while (on.get()) {
            if (running.size() < 2 || running.size() < 5 && random.nextBoolean()) {
                String name = prefix + "-c" + started++;
                Docker.runWebapp(name, prefix + "=churn");
                running.add(name);
            } else {
                String name = running.remove(random.nextInt(running.size()));
                Docker.removeForce(name);
                removed++;
            }
            try {
                Thread.sleep(2_000 + random.nextInt(3_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** After {@link #run} returned: waits up to 60 s for the catalog to list what runs; the mismatch if it never does. */
    List<String> check() {
        Set<String> wanted = new TreeSet<>();
        running.forEach(name -> wanted.add(HOSTNAME + ":" + name + ":5000"));
        AtomicReference<Set<String>> last = new AtomicReference<>(Set.of());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> { last.set(listed()); return last.get().equals(wanted); });
            return List.of();
        } catch (ConditionTimeoutException e) {
            // reported below, with what the catalog still lists
        }
        Set<String> listed = last.get();
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(wanted);
        return List.of("registrator: 60 s after the last fault the catalog still misses " + missing + " and still lists "
                + extra + " (registrator " + (registrator.isAlive() ? "running" : "exited") + "):\n"
                + registrator.output());
    }

    String summary() {
        return started + " containers started, " + removed + " removed, " + running.size() + " running at the end";
    }

    private Set<String> listed() {
        Set<String> ids = new TreeSet<>();
        try {
            int leader = cluster.leader().orElse(host);
            JsonNode services = Http.json(Http.get(URI.create("http://" + cluster.agent(leader).httpAddress()
                    + "/v1/catalog/service/webapp")));
            for (JsonNode s : services) {
                if (s.get("ServiceID").asText().startsWith(HOSTNAME + ":" + prefix)) {
                    ids.add(s.get("ServiceID").asText());
                }
            }
        } catch (RuntimeException e) {
            ids.add("(the catalog did not answer: " + e.getMessage() + ")");
        }
        return ids;
    }

    /** Stops the registrator and removes every container of this run. */
    @Override
    public void close() {
        registrator.close();
        Tools.run("sh", "-c", "docker ps -aq --filter label=" + prefix + "=churn | xargs -r docker rm -f");
    }
}
