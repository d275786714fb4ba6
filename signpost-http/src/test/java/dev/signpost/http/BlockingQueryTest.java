package dev.signpost.http;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.signpost.core.command.KvDelete;
import dev.signpost.core.command.KvPut;
import dev.signpost.core.command.Register;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.CatalogStore;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Blocking queries against a real store, with writes from another thread; waits are short or woken. */
class BlockingQueryTest {
    /** Long enough that only a wake-up can end the query within a test's timeout. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_WAIT = Duration.ofMillis(200);

    private final CatalogStore store = new CatalogStore();
    private final BlockingQuery blocking = new BlockingQuery(
            (scope, onChange) -> store.watches().subscribe(scope.topics(), scope.prefixes(), onChange));
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopQueries() {
        executor.shutdownNow();
    }

    @Test
    @Timeout(5)
    void indexZero_answersAtOnce() {
        store.apply(register("n1", "web-1", "web"), 5);

        Indexed<List<ServiceInstance>> answer = blocking.run(Scope.of(Topic.service("web")), 0, LONG_WAIT,
                instances("web"));

        assertThat(answer.index()).isEqualTo(5);
        assertThat(answer.value()).hasSize(1);
    }

    @Test
    @Timeout(5)
    void indexAlreadyPassed_answersAtOnce() {
        store.apply(register("n1", "web-1", "web"), 5);

        assertThat(blocking.run(Scope.of(Topic.service("web")), 4, LONG_WAIT, instances("web")).index())
                .isEqualTo(5);
    }

    @Test
    @Timeout(5)
    void zeroWait_answersAtOnceWithTheSameIndex() {
        store.apply(register("n1", "web-1", "web"), 5);

        assertThat(blocking.run(Scope.of(Topic.service("web")), 5, Duration.ZERO, instances("web")).index())
                .isEqualTo(5);
    }

    @Test
    void waitingQuery_wakesOnAWriteFromAnotherThread() throws Exception {
        store.apply(register("n1", "web-1", "web"), 5);
        Future<Indexed<List<ServiceInstance>>> answer = executor.submit(
                () -> blocking.run(Scope.of(Topic.service("web")), 5, LONG_WAIT, instances("web")));
        awaitOneWaiter();
        assertThat(answer).isNotDone();

        store.apply(register("n2", "web-2", "web"), 6);

        Indexed<List<ServiceInstance>> woken = answer.get(5, TimeUnit.SECONDS);
        assertThat(woken.index()).isEqualTo(6);
        assertThat(woken.value()).extracting(i -> i.service().id()).containsExactly("web-1", "web-2");
    }

    @Test
    void shortWait_timesOutWithTheSameIndexAndCurrentData() {
        store.apply(register("n1", "web-1", "web"), 5);
        long start = System.nanoTime();

        Indexed<List<ServiceInstance>> answer = blocking.run(Scope.of(Topic.service("web")), 5, SHORT_WAIT,
                instances("web"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_WAIT);
        assertThat(answer.index()).isEqualTo(5);
        assertThat(answer.value()).hasSize(1);
        assertThat(store.watches().waiting()).isZero();
    }

    @Test
    void writeToAnotherService_doesNotWakeTheQuery() throws Exception {
        store.apply(register("n1", "a-1", "a"), 5);
        store.apply(register("n1", "b-1", "b"), 6);
        AtomicInteger reads = new AtomicInteger();
        Supplier<Indexed<List<ServiceInstance>>> countingReads = () -> {
            reads.incrementAndGet();
            return store.read(s -> s.instances("a"));
        };
        Future<Indexed<List<ServiceInstance>>> answer = executor.submit(
                () -> blocking.run(Scope.of(Topic.service("a")), 5, Duration.ofSeconds(1), countingReads));
        // The query reads once, subscribes, then reads again before it waits.
        await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= 2 && store.watches().waiting() == 1);
        int readsBeforeWrite = reads.get();

        store.apply(Register.service(node("n1"), Service.of("b-1", "b", "", 5000, List.of("v2")), List.of()), 7);

        assertThat(answer.get(5, TimeUnit.SECONDS).index()).isEqualTo(5);
        assertThat(reads.get() - readsBeforeWrite).as("reads after the write to b: only the one at the deadline")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void wakeUpWithoutIndexChange_keepsWaitingToTheDeadline() throws Exception {
        store.apply(register("n1", "web-1", "web"), 5);
        long start = System.nanoTime();
        Future<Indexed<List<ServiceInstance>>> answer = executor.submit(
                () -> blocking.run(Scope.of(Topic.service("web")), 5, SHORT_WAIT, instances("web")));
        awaitOneWaiter();

        store.watches().fire(Set.of(Topic.service("web")));

        assertThat(answer.get(5, TimeUnit.SECONDS).index()).isEqualTo(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_WAIT);
    }

    @Test
    void prefixQuery_wakesOnADeleteUnderThePrefix() throws Exception {
        store.apply(KvPut.set("app/a", new byte[] {1}, 0), 5);
        store.apply(KvPut.set("app/b", new byte[] {2}, 0), 6);
        Future<Indexed<List<KvEntry>>> answer = executor.submit(() -> blocking.run(
                Scope.prefix(Topic.key("app/")), 6, LONG_WAIT, () -> store.read(s -> s.keys("app/"))));
        awaitOneWaiter();

        store.apply(new KvDelete("app/b", KvDelete.NO_CAS), 7);

        Indexed<List<KvEntry>> woken = answer.get(5, TimeUnit.SECONDS);
        assertThat(woken.index()).isEqualTo(7);
        assertThat(woken.value()).extracting(KvEntry::key).containsExactly("app/a");
    }

    @Test
    void restoreOfASnapshot_wakesWaitingQueries() throws Exception {
        store.apply(register("n1", "web-1", "web"), 5);
        CatalogState newer = new CatalogState();
        newer.apply(register("n1", "web-1", "web"), 5);
        newer.apply(register("n2", "web-2", "web"), 9);
        Future<Indexed<List<ServiceInstance>>> answer = executor.submit(
                () -> blocking.run(Scope.of(Topic.service("web")), 5, LONG_WAIT, instances("web")));
        awaitOneWaiter();

        store.restore(newer.snapshot());

        assertThat(answer.get(5, TimeUnit.SECONDS).index()).isEqualTo(9);
    }

    @Test
    void interruptedQuery_answersWithCurrentDataAndKeepsTheInterrupt() throws Exception {
        store.apply(register("n1", "web-1", "web"), 5);
        AtomicReference<Indexed<List<ServiceInstance>>> answer = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread query = Thread.ofVirtual().start(() -> {
            answer.set(blocking.run(Scope.of(Topic.service("web")), 5, LONG_WAIT, instances("web")));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        awaitOneWaiter();

        query.interrupt();

        assertThat(query.join(Duration.ofSeconds(5))).isTrue();
        assertThat(answer.get().index()).isEqualTo(5);
        assertThat(stillInterrupted).isTrue();
    }

    private Supplier<Indexed<List<ServiceInstance>>> instances(String name) {
        return () -> store.read(s -> s.instances(name));
    }

    private void awaitOneWaiter() {
        await().atMost(Duration.ofSeconds(5)).until(() -> store.watches().waiting() == 1);
    }

    private static Register register(String node, String serviceId, String serviceName) {
        return Register.service(node(node), Service.of(serviceId, serviceName, "", 5000, List.of()), List.of());
    }

    private static Node node(String name) {
        return Node.of("", name, "10.0.0.1", "dc1");
    }
}
