package dev.signpost.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.signpost.client.CatalogService;
import dev.signpost.client.CheckDefinition;
import dev.signpost.client.ConsulClient;
import dev.signpost.client.ConsulException;
import dev.signpost.client.KvPair;
import dev.signpost.client.QueryOptions;
import dev.signpost.client.QueryResult;
import dev.signpost.client.RetryPolicy;
import dev.signpost.client.ServiceEntry;
import dev.signpost.client.ServiceRegistration;
import dev.signpost.client.Watch;
import dev.signpost.testing.AgentProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The compatibility contract with our own {@code signpost-client}, plus its {@link Watch} loop on the real agent. */
class SignpostClientCompatibilityTest extends ConsulClientContract {

    private ConsulClient consul;

    @Override
    ClientAdapter connect(AgentProcess agent) {
        // No retries: an answer the agent gets wrong must fail the test now, not after a minute of backoff.
        consul = ConsulClient.builder().address(agent.httpAddress()).retry(RetryPolicy.NONE).build();
        return new SignpostAdapter(consul);
    }

    @Test
    void watch_hearsTheWatchedServiceAndThenItsNewInstance() {
        consul.agent().register(ServiceRegistration.of("watch-loop-1", "watch-loop", "192.0.2.10", 8080));
        List<List<String>> heard = new CopyOnWriteArrayList<>();
        List<ConsulException> errors = new CopyOnWriteArrayList<>();
        Watch<List<ServiceEntry>> watch = Watch.builder(
                        (QueryOptions o) -> consul.health().service("watch-loop", List.of(), false, o))
                .waitTime(Duration.ofSeconds(20)).build();

        try (watch) {
            watch.start(task -> Thread.ofVirtual().start(task), new Watch.Listener<>() {
                @Override
                public void onChange(QueryResult<List<ServiceEntry>> result) {
                    heard.add(result.value().stream().map(e -> e.service().id()).sorted().toList());
                }

                @Override
                public void onError(ConsulException error) {
                    errors.add(error);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty() || !errors.isEmpty());
            assertThat(errors).isEmpty();
            assertThat(heard).containsExactly(List.of("watch-loop-1"));

            consul.agent().register(ServiceRegistration.of("watch-loop-2", "watch-loop", "192.0.2.11", 8080));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard)
                    .last().isEqualTo(List.of("watch-loop-1", "watch-loop-2")));
        }
        assertThat(errors).isEmpty();
    }

    private record SignpostAdapter(ConsulClient consul) implements ClientAdapter {

        @Override
        public void register(Registration r) {
            List<CheckDefinition> checks = r.ttlCheck()
                    ? List.of(CheckDefinition.builder().ttl("10m").build()) : List.of();
            consul.agent().register(ServiceRegistration.of(r.id(), r.name(), r.address(), r.port())
                    .withTags(r.tags()).withMeta(r.meta()).withChecks(checks));
        }

        @Override
        public void deregister(String serviceId) {
            consul.agent().deregister(serviceId);
        }

        @Override
        public void passCheck(String checkId) {
            consul.agent().passTtl(checkId, "");
        }

        @Override
        public void failCheck(String checkId, String note) {
            consul.agent().failTtl(checkId, note);
        }

        @Override
        public Map<String, List<String>> catalogServices() {
            return consul.catalog().services(QueryOptions.DEFAULT).value();
        }

        @Override
        public Map<String, Instance> agentServices() {
            return consul.agent().services().value().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> new Instance("", e.getValue().id(), e.getValue().service(), e.getValue().address(),
                            e.getValue().port(), e.getValue().tags(), e.getValue().meta())));
        }

        @Override
        public Indexed<List<Instance>> catalogService(String name, String tag) {
            QueryResult<List<CatalogService>> r = consul.catalog().service(name,
                    tag.isEmpty() ? List.of() : List.of(tag), QueryOptions.DEFAULT);
            return new Indexed<>(r.value().stream().map(s -> new Instance(s.node(), s.serviceId(), s.serviceName(),
                    s.serviceAddress(), s.servicePort(), s.serviceTags(), s.serviceMeta())).toList(), r.index());
        }

        @Override
        public Indexed<List<HealthEntry>> healthService(String name, boolean passingOnly, long index,
                                                        Duration wait) {
            QueryResult<List<ServiceEntry>> r = consul.health().service(name, List.of(), passingOnly,
                    options(index, wait));
            return new Indexed<>(r.value().stream().map(SignpostAdapter::entry).toList(), r.index());
        }

        @Override
        public void kvPut(String key, String value, long flags) {
            consul.kv().put(key, value.getBytes(StandardCharsets.UTF_8), flags);
        }

        @Override
        public boolean kvCas(String key, String value, long modifyIndex) {
            return consul.kv().cas(key, value.getBytes(StandardCharsets.UTF_8), 0, modifyIndex);
        }

        @Override
        public Indexed<Optional<KvEntry>> kvGet(String key, long index, Duration wait) {
            QueryResult<Optional<KvPair>> r = consul.kv().get(key, options(index, wait));
            return new Indexed<>(r.value().map(SignpostAdapter::kv), r.index());
        }

        @Override
        public List<KvEntry> kvList(String prefix) {
            return consul.kv().list(prefix, QueryOptions.DEFAULT).value().stream().map(SignpostAdapter::kv).toList();
        }

        @Override
        public List<String> kvKeys(String prefix) {
            return consul.kv().keys(prefix, "", QueryOptions.DEFAULT).value();
        }

        @Override
        public void kvDelete(String key) {
            consul.kv().delete(key);
        }

        @Override
        public void kvDeleteTree(String prefix) {
            consul.kv().deleteTree(prefix);
        }

        @Override
        public void close() {
            consul.close();
        }

        private static QueryOptions options(long index, Duration wait) {
            return QueryOptions.DEFAULT.withIndex(index).withWait(wait);
        }

        private static HealthEntry entry(ServiceEntry e) {
            Instance instance = new Instance(e.node().node(), e.service().id(), e.service().service(),
                    e.service().address(), e.service().port(), e.service().tags(), e.service().meta());
            return new HealthEntry(instance, e.checks().stream()
                    .map(c -> new Check(c.checkId(), c.status(), c.output())).toList());
        }

        private static KvEntry kv(KvPair p) {
            return new KvEntry(p.key(), p.valueAsString(), p.flags(), p.modifyIndex());
        }
    }
}
