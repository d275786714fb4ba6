package dev.signpost.e2e;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.common.net.HostAndPort;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.NotRegisteredException;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.agent.Registration.RegCheck;
import org.kiwiproject.consul.model.catalog.CatalogService;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.option.ImmutablePutOptions;
import org.kiwiproject.consul.option.ImmutableQueryOptions;
import org.kiwiproject.consul.option.Options;
import org.kiwiproject.consul.option.QueryOptions;

import dev.signpost.testing.AgentProcess;

/** The compatibility contract with {@code org.kiwiproject:consul-client} (Retrofit/OkHttp/Jackson). */
class KiwiConsulClientCompatibilityTest extends ConsulClientContract {

    @Override
    ClientAdapter connect(AgentProcess agent) {
        // OkHttp's 10 s default read timeout would cut the contract's 20 s blocking queries short.
        return new KiwiAdapter(Consul.builder()
                .withHostAndPort(HostAndPort.fromParts(agent.address(), agent.httpPort()))
                .withReadTimeoutMillis(Duration.ofSeconds(60).toMillis())
                .build());
    }

    private record KiwiAdapter(Consul consul) implements ClientAdapter {

        @Override
        public void register(Registration r) {
            ImmutableRegistration.Builder b = ImmutableRegistration.builder().id(r.id()).name(r.name())
                    .address(r.address()).port(r.port()).tags(r.tags()).meta(r.meta());
            if (r.ttlCheck()) {
                b.check(RegCheck.ttl(600));
            }
            consul.agentClient().register(b.build());
        }

        @Override
        public void deregister(String serviceId) {
            consul.agentClient().deregister(serviceId);
        }

        /** kiwi's {@code pass(id)} takes a service ID (adds {@code service:}); {@code passCheck} takes a check ID. */
        @Override
        public void passCheck(String checkId) {
            try {
                consul.agentClient().passCheck(checkId);
            } catch (NotRegisteredException e) {
                throw new AssertionError("kiwi: check \"" + checkId + "\" not registered: " + e.getMessage(), e);
            }
        }

        @Override
        public void failCheck(String checkId, String note) {
            try {
                consul.agentClient().failCheck(checkId, note);
            } catch (NotRegisteredException e) {
                throw new AssertionError("kiwi: check \"" + checkId + "\" not registered: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, List<String>> catalogServices() {
            return consul.catalogClient().getServices().getResponse();
        }

        @Override
        public Map<String, Instance> agentServices() {
            return consul.agentClient().getServices().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> new Instance("", e.getValue().getId(), e.getValue().getService(), e.getValue().getAddress(),
                            e.getValue().getPort(), e.getValue().getTags(), e.getValue().getMeta())));
        }

        @Override
        public Indexed<List<Instance>> catalogService(String name, String tag) {
            QueryOptions options = tag.isEmpty()
                    ? Options.BLANK_QUERY_OPTIONS : ImmutableQueryOptions.builder().addTag(tag).build();
            ConsulResponse<List<CatalogService>> r = consul.catalogClient().getService(name, options);
            return new Indexed<>(r.getResponse().stream().map(s -> new Instance(s.getNode(), s.getServiceId(),
                    s.getServiceName(), s.getServiceAddress(), s.getServicePort(), s.getServiceTags(),
                    s.getServiceMeta())).toList(), r.getIndex().longValueExact());
        }

        @Override
        public Indexed<List<HealthEntry>> healthService(String name, boolean passingOnly, long index,
                                                        Duration wait) {
            QueryOptions options = options(index, wait);
            ConsulResponse<List<ServiceHealth>> r = passingOnly
                    ? consul.healthClient().getHealthyServiceInstances(name, options)
                    : consul.healthClient().getAllServiceInstances(name, options);
            return new Indexed<>(r.getResponse().stream().map(KiwiAdapter::entry).toList(),
                    r.getIndex().longValueExact());
        }

        @Override
        public void kvPut(String key, String value, long flags) {
            consul.keyValueClient().putValue(key, value, flags, Options.BLANK_PUT_OPTIONS);
        }

        @Override
        public boolean kvCas(String key, String value, long modifyIndex) {
            return consul.keyValueClient().putValue(key, value, 0,
                    ImmutablePutOptions.builder().cas(modifyIndex).build());
        }

        /** kiwi answers a missing key with an empty Optional and no index: 0 stands for "not told". */
        @Override
        public Indexed<Optional<KvEntry>> kvGet(String key, long index, Duration wait) {
            Optional<ConsulResponse<Value>> r = consul.keyValueClient()
                    .getConsulResponseWithValue(key, options(index, wait));
            return new Indexed<>(r.map(v -> kv(v.getResponse())), r.map(v -> v.getIndex().longValueExact()).orElse(0L));
        }

        @Override
        public List<KvEntry> kvList(String prefix) {
            return consul.keyValueClient().getValues(prefix).stream().map(KiwiAdapter::kv).toList();
        }

        @Override
        public List<String> kvKeys(String prefix) {
            return consul.keyValueClient().getKeys(prefix);
        }

        @Override
        public void kvDelete(String key) {
            consul.keyValueClient().deleteKey(key);
        }

        @Override
        public void kvDeleteTree(String prefix) {
            consul.keyValueClient().deleteKeys(prefix);
        }

        @Override
        public void close() {
            consul.destroy();
        }

        private static QueryOptions options(long index, Duration wait) {
            return index > 0
                    ? QueryOptions.blockSeconds(Math.toIntExact(wait.toSeconds()), BigInteger.valueOf(index)).build()
                    : Options.BLANK_QUERY_OPTIONS;
        }

        private static HealthEntry entry(ServiceHealth h) {
            Instance instance = new Instance(h.getNode().getNode(), h.getService().getId(),
                    h.getService().getService(), h.getService().getAddress(), h.getService().getPort(),
                    h.getService().getTags(), h.getService().getMeta());
            return new HealthEntry(instance, h.getChecks().stream()
                    .map(c -> new Check(c.getCheckId(), c.getStatus(), c.getOutput().orElse(""))).toList());
        }

        private static KvEntry kv(Value v) {
            return new KvEntry(v.getKey(), v.getValueAsString().orElse(""), v.getFlags(), v.getModifyIndex());
        }
    }
}
