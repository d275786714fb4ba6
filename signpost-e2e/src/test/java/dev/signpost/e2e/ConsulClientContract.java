package dev.signpost.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.e2e.ClientAdapter.Check;
import dev.signpost.e2e.ClientAdapter.HealthEntry;
import dev.signpost.e2e.ClientAdapter.Indexed;
import dev.signpost.e2e.ClientAdapter.Instance;
import dev.signpost.e2e.ClientAdapter.KvEntry;
import dev.signpost.e2e.ClientAdapter.Registration;
import dev.signpost.testing.AgentProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The compatibility contract (issue 3): a Consul client library, used as its users use it, registers, lists,
 * checks, stores and watches through a real {@code signpost agent -dev}. Each subclass plugs one library in through
 * a {@link ClientAdapter}; every subclass gets its own agent, and every test its own service names and keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsulClientContract {

    static final String NODE = "compat-node";
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(20);
    private static final Duration SHORT_WAIT = Duration.ofSeconds(1);

    private AgentProcess agent;
    private ClientAdapter client;
    private ExecutorService background;

    /** An adapter of the library under test, talking to {@code agent}. */
    abstract ClientAdapter connect(AgentProcess agent);

    @BeforeAll
    void startAgent(@TempDir Path dir) {
        agent = AgentProcess.dev(dir, NODE);
        client = connect(agent);
        background = Executors.newVirtualThreadPerTaskExecutor();
    }

    /** An agent that died during a test fails that test with its log, not the next ones with "connection refused". */
    @AfterEach
    void agentIsStillUp() {
        agent.awaitLeader(Duration.ofSeconds(5));
    }

    @AfterAll
    void stopAgent() {
        if (background != null) {
            background.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void registeredService_isListedInTheCatalogWithItsAddressPortTagsAndMeta() {
        Registration web = registration("catalog-web", "catalog-web-1", false);
        client.register(web);

        Indexed<List<Instance>> listed = client.catalogService("catalog-web", "");

        assertThat(listed.value()).containsExactly(instanceOf(web));
        assertThat(listed.index()).isPositive();
    }

    @Test
    void registeredService_isListedByTheAgentUnderItsId() {
        Registration local = registration("agent-local", "agent-local-1", false);
        client.register(local);

        assertThat(client.agentServices()).containsEntry("agent-local-1",
                new Instance("", local.id(), local.name(), local.address(), local.port(), local.tags(), local.meta()));
    }

    @Test
    void catalogServiceWithATag_listsOnlyTheInstancesCarryingIt() {
        client.register(registration("tagged", "tagged-blue", false).withTags(List.of("blue", "v1")));
        client.register(registration("tagged", "tagged-green", false).withTags(List.of("green", "v1")));

        assertThat(client.catalogService("tagged", "green").value()).extracting(Instance::id)
                .containsExactly("tagged-green");
        assertThat(client.catalogService("tagged", "v1").value()).extracting(Instance::id)
                .containsExactlyInAnyOrder("tagged-blue", "tagged-green");
        assertThat(client.catalogService("tagged", "red").value()).isEmpty();
    }

    @Test
    void catalogServices_namesEveryServiceWithTheUnionOfItsTags() {
        client.register(registration("union", "union-1", false).withTags(List.of("v1", "primary")));
        client.register(registration("union", "union-2", false).withTags(List.of("v2")));

        Map<String, List<String>> services = client.catalogServices();

        assertThat(services.get("union")).containsExactlyInAnyOrder("v1", "primary", "v2");
        assertThat(services).containsEntry("consul", List.of());
    }

    @Test
    void serviceWithAnUnpassedTtlCheck_isCriticalAndLeftOutOfThePassingView() {
        Registration fresh = registration("ttl-fresh", "ttl-fresh-1", true);
        client.register(fresh);

        List<HealthEntry> all = client.healthService("ttl-fresh", false, 0, NO_WAIT).value();

        assertThat(all).extracting(HealthEntry::instance).containsExactly(instanceOf(fresh));
        assertThat(all.get(0).check(fresh.checkId())).map(Check::status).contains("critical");
        assertThat(client.healthService("ttl-fresh", true, 0, NO_WAIT).value()).isEmpty();
    }

    @Test
    void passedTtlCheck_bringsTheInstanceIntoThePassingView() {
        Registration api = registration("ttl-pass", "ttl-pass-1", true);
        client.register(api);

        client.passCheck(api.checkId());

        List<HealthEntry> passing = client.healthService("ttl-pass", true, 0, NO_WAIT).value();
        assertThat(passing).extracting(HealthEntry::instance).containsExactly(instanceOf(api));
        assertThat(passing.get(0).check(api.checkId())).map(Check::status).contains("passing");
        assertThat(passing.get(0).check("serfHealth")).map(Check::status).contains("passing");
    }

    @Test
    void failedTtlCheck_takesTheInstanceOutOfThePassingViewWithItsNote() {
        Registration db = registration("ttl-fail", "ttl-fail-1", true);
        client.register(db);
        client.passCheck(db.checkId());

        client.failCheck(db.checkId(), "disk full");

        assertThat(client.healthService("ttl-fail", true, 0, NO_WAIT).value()).isEmpty();
        List<HealthEntry> all = client.healthService("ttl-fail", false, 0, NO_WAIT).value();
        assertThat(all).singleElement().satisfies(entry -> assertThat(entry.check(db.checkId()))
                .contains(new Check(db.checkId(), "critical", "disk full")));
    }

    @Test
    void deregisteredService_disappearsFromCatalogAndHealth() {
        Registration gone = registration("gone", "gone-1", true);
        client.register(gone);

        client.deregister(gone.id());

        assertThat(client.catalogService("gone", "").value()).isEmpty();
        assertThat(client.agentServices()).doesNotContainKey("gone-1");
        assertThat(client.catalogServices()).doesNotContainKey("gone");
        assertThat(client.healthService("gone", false, 0, NO_WAIT).value()).isEmpty();
    }

    @Test
    void putValue_isReadBackWithItsFlags() {
        client.kvPut("kv-put/greeting", "hello", 42);

        Optional<KvEntry> read = client.kvGet("kv-put/greeting", 0, NO_WAIT).value();

        assertThat(read).hasValueSatisfying(e -> {
            assertThat(e.key()).isEqualTo("kv-put/greeting");
            assertThat(e.value()).isEqualTo("hello");
            assertThat(e.flags()).isEqualTo(42);
            assertThat(e.modifyIndex()).isPositive();
        });
    }

    @Test
    void missingKey_readsAsAbsent() {
        assertThat(client.kvGet("kv-missing/nothing", 0, NO_WAIT).value()).isEmpty();
    }

    @Test
    void listAndKeys_returnEveryKeyUnderThePrefixOnly() {
        client.kvPut("kv-list/a", "1", 0);
        client.kvPut("kv-list/b/c", "2", 0);
        client.kvPut("kv-listed-elsewhere", "3", 0);

        assertThat(client.kvList("kv-list/")).extracting(KvEntry::key, KvEntry::value)
                .containsExactly(tuple("kv-list/a", "1"),
                        tuple("kv-list/b/c", "2"));
        assertThat(client.kvKeys("kv-list/")).containsExactly("kv-list/a", "kv-list/b/c");
    }

    @Test
    void deletedKey_isGoneAndItsSiblingStays() {
        client.kvPut("kv-delete/doomed", "x", 0);
        client.kvPut("kv-delete/kept", "y", 0);

        client.kvDelete("kv-delete/doomed");

        assertThat(client.kvGet("kv-delete/doomed", 0, NO_WAIT).value()).isEmpty();
        assertThat(client.kvKeys("kv-delete/")).containsExactly("kv-delete/kept");
    }

    @Test
    void deletedTree_takesEveryKeyUnderThePrefixAndNothingElse() {
        client.kvPut("kv-tree/a", "1", 0);
        client.kvPut("kv-tree/b/c", "2", 0);
        client.kvPut("kv-treehouse", "3", 0);

        client.kvDeleteTree("kv-tree/");

        assertThat(client.kvList("kv-tree/")).isEmpty();
        assertThat(client.kvGet("kv-treehouse", 0, NO_WAIT).value()).map(KvEntry::value).contains("3");
    }

    @Test
    void casWrite_succeedsOnlyWithTheCurrentModifyIndex() {
        client.kvPut("kv-cas/config", "v1", 0);
        long current = client.kvGet("kv-cas/config", 0, NO_WAIT).value().orElseThrow().modifyIndex();

        boolean stale = client.kvCas("kv-cas/config", "lost", current + 1000);
        boolean fresh = client.kvCas("kv-cas/config", "v2", current);

        assertThat(stale).isFalse();
        assertThat(fresh).isTrue();
        assertThat(client.kvGet("kv-cas/config", 0, NO_WAIT).value()).map(KvEntry::value).contains("v2");
    }

    @Test
    void casWithIndexZero_createsTheKeyOnlyWhenAbsent() {
        boolean created = client.kvCas("kv-cas-zero/lock", "first", 0);
        boolean overwritten = client.kvCas("kv-cas-zero/lock", "second", 0);

        assertThat(created).isTrue();
        assertThat(overwritten).isFalse();
        assertThat(client.kvGet("kv-cas-zero/lock", 0, NO_WAIT).value()).map(KvEntry::value).contains("first");
    }

    @Test
    void blockingHealthQuery_returnsWithAHigherIndexWhenAnotherInstanceRegisters() throws Exception {
        client.register(registration("watched", "watched-1", false));
        Indexed<List<HealthEntry>> before = client.healthService("watched", false, 0, NO_WAIT);

        CompletableFuture<Indexed<List<HealthEntry>>> blocked = CompletableFuture.supplyAsync(
                () -> client.healthService("watched", false, before.index(), LONG_WAIT), background);
        client.register(registration("watched", "watched-2", false));
        Indexed<List<HealthEntry>> after = blocked.get(LONG_WAIT.toSeconds() / 2, TimeUnit.SECONDS);

        assertThat(after.index()).isGreaterThan(before.index());
        assertThat(after.value()).extracting(e -> e.instance().id())
                .containsExactlyInAnyOrder("watched-1", "watched-2");
    }

    @Test
    void blockingHealthQuery_withoutChange_returnsAfterTheWaitWithTheSameIndex() {
        client.register(registration("quiet", "quiet-1", false));
        Indexed<List<HealthEntry>> before = client.healthService("quiet", false, 0, NO_WAIT);

        long start = System.nanoTime();
        Indexed<List<HealthEntry>> after = client.healthService("quiet", false, before.index(), SHORT_WAIT);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(after.index()).isEqualTo(before.index());
        assertThat(after.value()).extracting(e -> e.instance().id()).containsExactly("quiet-1");
        assertThat(waited).isGreaterThanOrEqualTo(SHORT_WAIT.minusMillis(100));
    }

    @Test
    void blockingKvGet_returnsTheNewValueWhenTheKeyChanges() throws Exception {
        client.kvPut("kv-watch/flag", "off", 0);
        Indexed<Optional<KvEntry>> before = client.kvGet("kv-watch/flag", 0, NO_WAIT);

        CompletableFuture<Indexed<Optional<KvEntry>>> blocked = CompletableFuture.supplyAsync(
                () -> client.kvGet("kv-watch/flag", before.index(), LONG_WAIT), background);
        client.kvPut("kv-watch/flag", "on", 0);
        Indexed<Optional<KvEntry>> after = blocked.get(LONG_WAIT.toSeconds() / 2, TimeUnit.SECONDS);

        assertThat(after.index()).isGreaterThan(before.index());
        assertThat(after.value()).map(KvEntry::value).contains("on");
    }

    @Test
    void blockingKvGet_withoutChange_returnsAfterTheWaitWithTheSameIndex() {
        client.kvPut("kv-still/flag", "steady", 0);
        Indexed<Optional<KvEntry>> before = client.kvGet("kv-still/flag", 0, NO_WAIT);

        long start = System.nanoTime();
        Indexed<Optional<KvEntry>> after = client.kvGet("kv-still/flag", before.index(), SHORT_WAIT);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(after.index()).isEqualTo(before.index());
        assertThat(after.value()).map(KvEntry::value).contains("steady");
        assertThat(waited).isGreaterThanOrEqualTo(SHORT_WAIT.minusMillis(100));
    }

    /** A registration on a TEST-NET address (RFC 5737) with tags and meta; nothing is dialled. */
    private static Registration registration(String name, String id, boolean ttlCheck) {
        return new Registration(id, name, "192.0.2.10", 8080, List.of("v1", "primary"),
                Map.of("version", "1.2.3", "team", "search"), ttlCheck);
    }

    private static Instance instanceOf(Registration r) {
        return new Instance(NODE, r.id(), r.name(), r.address(), r.port(), r.tags(), r.meta());
    }
}
