package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.e2e.FaultSchedule.Kind;
import dev.signpost.testing.history.Linearizability;
import dev.signpost.testing.history.Op;
import dev.signpost.testing.history.Op.Outcome;

/**
 * Faults with nothing lost: three servers on 127.0.0.1-3 are killed, paused, restarted one by one and cut apart (for
 * a while, or flapping) while clients run a linearizable-register workload (consistent reads, writes, check-and-set
 * on a few keys), a set workload (adds of unique keys), a lock workload (guarded writes under a session lock), and
 * while {@code signpost template} watches a key and {@code signpost registrator} registers containers that come and
 * go. The register history goes through a linearizability checker; every acknowledged add must be on every server at
 * the end; guarded writes of two lock holders never interleave in Raft order, and LockIndex only grows; the template
 * ends on the key's final value and the catalog on the containers that run.
 *
 * <p>The short profile runs here in CI ({@code -Dfaults.seconds}, 150 by default); {@code bench/run faults MINUTES}
 * runs it longer. The seed is printed ({@code -Dfaults.seed} repeats a run); a failing run leaves its history in
 * {@code target/faults/}.
 */
class FaultsTest {
    private static final int KEYS = 4;
    private static final int REGISTER_CLIENTS = 6;
    private static final int SET_CLIENTS = 2;
    private static final int LOCK_CLIENTS = 2;
    private static final Duration HOLD = Duration.ofSeconds(6);

    @TempDir
    Path work;
    private FaultCluster cluster;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();
    // -Dfaults.reads=stale shows the checker at work: stale reads from a cut-off server are not linearizable.
    private final KvHistoryClient kv = new KvHistoryClient(Duration.ofSeconds(5),
            System.getProperty("faults.reads", "consistent"));
    private final ConcurrentLinkedQueue<Op> register = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> maybe = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> writeTimes = new ConcurrentLinkedQueue<>();
    private final List<String> timeline = new ArrayList<>();
    private LockWorkload locks;
    private KeyWatchers watchers;
    private TemplateProcess template;
    private ContainerChurn churn;
    private final Staleness staleness = new Staleness();

    @AfterEach
    void stopEverything() throws InterruptedException {
        running.set(false);
        if (watchers != null) {
            watchers.stop();
        }
        if (template != null) {
            template.close();
        }
        for (Thread t : clients) {
            t.join(10_000);
        }
        if (churn != null) {
            churn.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void registerSetAndLocks_keepTheirPromises_throughCrashesPausesAndPartitions() throws Exception {
        long seed = Long.getLong("faults.seed", 20_261_207L); // fixed in CI; bench/run faults picks a new one
        Duration length = Duration.ofSeconds(Long.getLong("faults.seconds", 150));
        System.out.println("faults: seed " + seed + " (repeat with -Dfaults.seed=" + seed + "), " + length.toSeconds()
                + " s");
        cluster = new FaultCluster(work);
        cluster.start();
        long t0 = System.nanoTime();
        locks = new LockWorkload(cluster, running);
        watchers = new KeyWatchers(cluster, "register/0");
        Files.writeString(work.resolve("in.ctmpl"), "{{ key \"register/1\" }}");
        template = TemplateProcess.start(work, "template", List.of("-consul", cluster.agent(1).httpAddress(),
                "-template", work.resolve("in.ctmpl") + ":" + work.resolve("out.txt")));
        churn = new ContainerChurn(work, cluster, 2);
        startClients(seed);

        FaultSchedule schedule = new FaultSchedule(seed);
        Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
        List<long[]> faultWindows = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Kind kind = schedule.nextKind();
            int leader = cluster.leader().orElse(1);
            long start = System.nanoTime();
            String what = inject(kind, leader, schedule);
            if (!kind.holdsItself()) {
                Thread.sleep(HOLD.toMillis());
            }
            cluster.healAll();
            long healed = System.nanoTime();
            cluster.awaitLeader(Duration.ofSeconds(60));
            timeline.add(String.format("%7.1f s  %s, healed at %.1f s", (start - t0) / 1e9, what,
                    (healed - t0) / 1e9));
            faultWindows.add(new long[] {start, healed});
            injected.merge(kind, 1, Integer::sum);
            Thread.sleep(2_000);
        }
        running.set(false);
        for (Thread t : clients) {
            if (!t.getName().startsWith("watch-")) {
                t.join(30_000);
            }
        }
        cluster.awaitLeader(Duration.ofSeconds(60));

        List<String> anomalies = new ArrayList<>();
        anomalies.addAll(watchers.check(kv));
        anomalies.addAll(checkTemplate());
        anomalies.addAll(churn.check());
        List<Op> history = new ArrayList<>(register);
        Linearizability.Verdict verdict = new Linearizability(20_000_000).check(history);
        if (!verdict.linearizable()) {
            anomalies.add("register: " + verdict);
        }
        anomalies.addAll(checkSet());
        anomalies.addAll(locks.anomalies());
        String stale = staleness.report(history, anomalies);

        String report = report(seed, injected, faultWindows, history, stale, anomalies);
        System.out.println(report);
        if (!anomalies.isEmpty()) {
            Path saved = saveHistory(seed, report, verdict);
            throw new AssertionError(anomalies.size() + " anomalies, history in " + saved + ":\n"
                    + String.join("\n", anomalies) + "\n" + cluster.logs());
        }
        assertThat(injected.keySet()).as("every kind of fault was injected").hasSize(
                (int) Math.min(Kind.values().length, faultWindows.size()));
        assertThat(history.stream().filter(op -> op.outcome() == Outcome.OK && op.kind() != Op.Kind.READ))
                .as("writes got through between faults").hasSizeGreaterThan(20);
    }

    private String inject(Kind kind, int leader, FaultSchedule schedule) throws InterruptedException {
        int follower = schedule.follower(leader);
        int other = 6 - leader - follower;
        switch (kind) {
            case ROLLING_RESTART -> {
                for (int host : List.of(follower, other, leader)) { // as an operator upgrades: the leader last
                    cluster.stop(host);
                    cluster.restart(host);
                    cluster.awaitLeader(Duration.ofSeconds(60));
                }
            }
            case FLAPPING -> {
                long until = System.nanoTime() + HOLD.toNanos();
                Random random = schedule.random();
                while (System.nanoTime() < until) {
                    int a = 1 + random.nextInt(FaultCluster.SIZE);
                    int b = a % FaultCluster.SIZE + 1;
                    cluster.cut(a, b);
                    Thread.sleep(500 + random.nextInt(1_500));
                    cluster.healNet();
                    Thread.sleep(250 + random.nextInt(750));
                }
            }
            case KILL_LEADER -> cluster.kill(leader);
            case KILL_FOLLOWER -> cluster.kill(follower);
            case PAUSE_LEADER -> cluster.pause(leader);
            case PAUSE_FOLLOWER -> cluster.pause(follower);
            case ISOLATE_LEADER -> {
                cluster.cut(leader, follower);
                cluster.cut(leader, other);
            }
            case ISOLATE_FOLLOWER -> {
                cluster.cut(follower, leader);
                cluster.cut(follower, other);
            }
            case BRIDGE -> cluster.cut(follower, other); // the leader still sees both sides
        }
        int hit = switch (kind) {
            case KILL_LEADER, PAUSE_LEADER, ISOLATE_LEADER -> leader;
            default -> follower;
        };
        return switch (kind) {
            case ROLLING_RESTART -> kind + " hosts " + follower + ", " + other + ", " + leader + " (leader was " + leader
                    + ")";
            case FLAPPING -> kind + " between random pairs (leader was " + leader + ")";
            default -> kind + " host " + hit + " (leader was " + leader + ")";
        };
    }

    private void startClients(long seed) {
        for (int c = 0; c < REGISTER_CLIENTS; c++) {
            int client = c;
            Random random = new Random(seed * 31 + c);
            clients.add(Thread.ofPlatform().name("register-" + c).start(() -> registerClient(client, random)));
        }
        for (int c = 0; c < SET_CLIENTS; c++) {
            int client = c;
            Random random = new Random(seed * 37 + c);
            clients.add(Thread.ofPlatform().name("set-" + c).start(() -> setClient(client, random)));
        }
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            int target = host;
            clients.add(Thread.ofPlatform().name("probe-" + host).start(() -> probe(target)));
            clients.add(Thread.ofPlatform().name("watch-" + host).start(() -> watchers.watch(target)));
        }
        for (int c = 0; c < LOCK_CLIENTS; c++) {
            int client = c;
            Random random = new Random(seed * 41 + c);
            clients.add(Thread.ofPlatform().name("lock-" + c).start(() -> locks.run(client, random)));
        }
        Random churning = new Random(seed * 43);
        clients.add(Thread.ofPlatform().name("churn").start(() -> churn.run(running, churning)));
    }

    /** Reads, writes and check-and-sets on a few keys, one at a time, through a random server each time. */
    private void registerClient(int client, Random random) {
        int seq = 0;
        while (running.get()) {
            String server = cluster.agent(1 + random.nextInt(FaultCluster.SIZE)).httpAddress();
            String key = "register/" + random.nextInt(KEYS);
            int choice = random.nextInt(10);
            if (choice < 3) {
                read(client, server, key);
            } else if (choice < 4) {
                String mode = random.nextBoolean() ? "stale" : "";
                long invoked = System.nanoTime();
                kv.read(server, key, mode).ifPresent(r ->
                        staleness.record(new Staleness.Read(mode, key, r.value(), invoked)));
            } else if (choice < 7) {
                String value = "p" + client + "-" + seq++;
                long invoked = System.nanoTime();
                kv.write(server, key, value, Optional.empty()).ifPresent(w -> {
                    long completed = System.nanoTime();
                    register.add(Op.write(client, key, value, w.outcome(), invoked, completed));
                });
            } else {
                Optional<KvHistoryClient.Read> seen = read(client, server, key);
                if (seen.isPresent()) {
                    String value = "p" + client + "-" + seq++;
                    long invoked = System.nanoTime();
                    kv.write(server, key, value, Optional.of(seen.get().modifyIndex())).ifPresent(w ->
                            register.add(Op.cas(client, key, seen.get().value(), value, w.outcome(), w.swapped(),
                                    invoked, System.nanoTime())));
                }
            }
            pause(random);
        }
    }

    /**
     * Writes through one server every 50 ms and notes when each is acknowledged: with one probe per server, the
     * longest time no probe got a write through is how long the cluster could not take writes.
     */
    private void probe(int host) {
        int seq = 0;
        while (running.get()) {
            String key = "probe/" + host;
            kv.write(cluster.agent(host).httpAddress(), key, Integer.toString(seq++), Optional.empty())
                    .filter(w -> w.outcome() == Outcome.OK)
                    .ifPresent(w -> writeTimes.add(System.nanoTime()));
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<KvHistoryClient.Read> read(int client, String server, String key) {
        long invoked = System.nanoTime();
        Optional<KvHistoryClient.Read> seen = kv.read(server, key);
        seen.ifPresent(r -> register.add(Op.read(client, key, r.value(), invoked, System.nanoTime())));
        return seen;
    }

    /** Adds unique keys; each is acknowledged, lost (may or may not exist) or surely refused. */
    private void setClient(int client, Random random) {
        int seq = 0;
        while (running.get()) {
            String server = cluster.agent(1 + random.nextInt(FaultCluster.SIZE)).httpAddress();
            String key = "set/" + client + "-" + seq++;
            kv.write(server, key, "x", Optional.empty()).ifPresent(w -> {
                if (w.outcome() == Outcome.OK) {
                    acked.add(key);
                } else {
                    maybe.add(key);
                }
            });
            pause(random);
        }
    }

    private void pause(Random random) {
        try {
            Thread.sleep(5 + random.nextInt(20)); // a client's think time keeps the history small enough to check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** signpost template, watching through host 1 all along, renders the key's final value once things settle. */
    private List<String> checkTemplate() throws IOException, InterruptedException {
        Optional<String> last = kv.read(cluster.agent(cluster.leader().orElse(1)).httpAddress(), "register/1")
                .flatMap(KvHistoryClient.Read::value);
        Path out = work.resolve("out.txt");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (last.isPresent() && System.nanoTime() < deadline
                && !(Files.exists(out) && Files.readString(out).equals(last.get()))) {
            Thread.sleep(200);
        }
        if (last.isEmpty() || Files.exists(out) && Files.readString(out).equals(last.get())) {
            return List.of();
        }
        return List.of("template: rendered " + (Files.exists(out) ? Files.readString(out) : "nothing") + ", not the "
                + "final value " + last.get() + (template.isAlive() ? "" : "; it exited:\n" + template.output()));
    }

    /** Every acknowledged add on every server; nothing there that no client tried to add. */
    private List<String> checkSet() throws InterruptedException {
        Set<String> wanted = new TreeSet<>(acked);
        Set<String> allowed = new TreeSet<>(wanted);
        allowed.addAll(maybe);
        List<String> anomalies = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int host = 1; host <= FaultCluster.SIZE; host++) {
            Set<String> held = Set.of();
            while (System.nanoTime() < deadline) {
                held = kv.keys(cluster.agent(host).httpAddress(), "set/").orElse(Set.of());
                if (held.containsAll(wanted)) {
                    break;
                }
                Thread.sleep(200); // a follower catching up after the last heal
            }
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(held);
            Set<String> unknown = new TreeSet<>(held);
            unknown.removeAll(allowed);
            if (!missing.isEmpty()) {
                anomalies.add("set: host " + host + " lost " + missing.size() + " acknowledged adds: " + first(missing));
            }
            if (!unknown.isEmpty()) {
                anomalies.add("set: host " + host + " holds keys nobody added: " + first(unknown));
            }
        }
        return anomalies;
    }

    private static String first(Set<String> keys) {
        return keys.stream().limit(10).toList() + (keys.size() > 10 ? " ..." : "");
    }

    private String report(long seed, Map<Kind, Integer> injected, List<long[]> faultWindows, List<Op> history,
                          String stale, List<String> anomalies) {
        long ok = history.stream().filter(op -> op.outcome() == Outcome.OK).count();
        long info = history.size() - ok;
        StringBuilder r = new StringBuilder("faults: seed ").append(seed).append('\n');
        r.append("  register operations: ").append(ok).append(" answered, ").append(info).append(" lost (")
                .append(history.stream().filter(op -> op.kind() != Op.Kind.READ && op.outcome() == Outcome.OK)
                        .count()).append(" writes acknowledged)\n");
        r.append("  set adds: ").append(acked.size()).append(" acknowledged, ").append(maybe.size())
                .append(" lost\n");
        r.append("  lock: ").append(locks.summary()).append('\n');
        r.append("  registrator: ").append(churn.summary()).append('\n');
        r.append("  faults: ").append(injected).append('\n');
        List<Long> writes = writeTimes.stream().sorted().toList();
        for (int i = 0; i < faultWindows.size(); i++) {
            long[] w = faultWindows.get(i);
            r.append("  ").append(timeline.get(i)).append("; longest wait for a write: ")
                    .append(String.format("%.1f s", longestGap(writes, w[0], w[1] + Duration.ofSeconds(2).toNanos())
                            / 1e9)).append('\n');
        }
        r.append("  ").append(stale).append('\n');
        r.append("  anomalies: ").append(anomalies.size());
        return r.toString();
    }

    /** The longest time without an acknowledged write inside [from, to]. */
    private static long longestGap(List<Long> writes, long from, long to) {
        long last = from;
        long longest = 0;
        for (long t : writes) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            longest = Math.max(longest, t - last);
            last = t;
        }
        return Math.max(longest, to - last);
    }

    private Path saveHistory(long seed, String report, Linearizability.Verdict verdict) throws IOException {
        Path dir = Path.of("target", "faults");
        Files.createDirectories(dir);
        Path file = dir.resolve("seed-" + seed + ".history");
        StringBuilder all = new StringBuilder(report).append("\n\nverdict: ").append(verdict).append("\n\n");
        verdict.keyHistory().forEach(op -> all.append(op).append('\n'));
        all.append("\nlock writes:\n").append(locks.history());
        Files.writeString(file, all);
        return file.toAbsolutePath();
    }
}
