package dev.signpost.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.agent.model.NewService;
import com.ecwid.consul.v1.catalog.CatalogServiceRequest;
import com.ecwid.consul.v1.catalog.CatalogServicesRequest;
import com.ecwid.consul.v1.catalog.model.CatalogService;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.HealthService;
import com.ecwid.consul.v1.kv.model.GetValue;
import com.ecwid.consul.v1.kv.model.PutParams;

import dev.signpost.testing.AgentProcess;

/** The compatibility contract with {@code com.ecwid.consul:consul-api} (Apache HttpClient, Gson; Spring Cloud's). */
class EcwidConsulApiCompatibilityTest extends ConsulClientContract {

    @Override
    ClientAdapter connect(AgentProcess agent) {
        return new EcwidAdapter(new ConsulClient(agent.address(), agent.httpPort()));
    }

    private record EcwidAdapter(ConsulClient consul) implements ClientAdapter {

        @Override
        public void register(Registration r) {
            NewService service = new NewService();
            service.setId(r.id());
            service.setName(r.name());
            service.setAddress(r.address());
            service.setPort(r.port());
            service.setTags(r.tags());
            service.setMeta(r.meta());
            if (r.ttlCheck()) {
                NewService.Check check = new NewService.Check();
                check.setTtl("600s");
                service.setCheck(check);
            }
            consul.agentServiceRegister(service);
        }

        @Override
        public void deregister(String serviceId) {
            consul.agentServiceDeregister(serviceId);
        }

        @Override
        public void passCheck(String checkId) {
            consul.agentCheckPass(checkId);
        }

        @Override
        public void failCheck(String checkId, String note) {
            consul.agentCheckFail(checkId, note);
        }

        @Override
        public Map<String, List<String>> catalogServices() {
            return consul.getCatalogServices(CatalogServicesRequest.newBuilder().build()).getValue();
        }

        @Override
        public Map<String, Instance> agentServices() {
            return consul.getAgentServices().getValue().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> new Instance("", e.getValue().getId(), e.getValue().getService(), e.getValue().getAddress(),
                            e.getValue().getPort(), e.getValue().getTags(), e.getValue().getMeta())));
        }

        @Override
        public Indexed<List<Instance>> catalogService(String name, String tag) {
            CatalogServiceRequest.Builder request = CatalogServiceRequest.newBuilder();
            if (!tag.isEmpty()) {
                request.setTag(tag);
            }
            Response<List<CatalogService>> r = consul.getCatalogService(name, request.build());
            return new Indexed<>(r.getValue().stream().map(s -> new Instance(s.getNode(), s.getServiceId(),
                    s.getServiceName(), s.getServiceAddress(), s.getServicePort(), s.getServiceTags(),
                    s.getServiceMeta())).toList(), r.getConsulIndex());
        }

        @Override
        public Indexed<List<HealthEntry>> healthService(String name, boolean passingOnly, long index,
                                                        Duration wait) {
            Response<List<HealthService>> r = consul.getHealthServices(name, HealthServicesRequest.newBuilder()
                    .setPassing(passingOnly).setQueryParams(params(index, wait)).build());
            return new Indexed<>(r.getValue().stream().map(EcwidAdapter::entry).toList(), r.getConsulIndex());
        }

        @Override
        public void kvPut(String key, String value, long flags) {
            PutParams params = new PutParams();
            params.setFlags(flags);
            consul.setKVValue(key, value, params);
        }

        @Override
        public boolean kvCas(String key, String value, long modifyIndex) {
            PutParams params = new PutParams();
            params.setCas(modifyIndex);
            return consul.setKVValue(key, value, params).getValue();
        }

        @Override
        public Indexed<Optional<KvEntry>> kvGet(String key, long index, Duration wait) {
            Response<GetValue> r = consul.getKVValue(key, params(index, wait));
            return new Indexed<>(Optional.ofNullable(r.getValue()).map(EcwidAdapter::kv), r.getConsulIndex());
        }

        /** ecwid answers a prefix without keys with a null list. */
        @Override
        public List<KvEntry> kvList(String prefix) {
            List<GetValue> values = consul.getKVValues(prefix).getValue();
            return values == null ? List.of() : values.stream().map(EcwidAdapter::kv).toList();
        }

        @Override
        public List<String> kvKeys(String prefix) {
            List<String> keys = consul.getKVKeysOnly(prefix).getValue();
            return keys == null ? List.of() : keys;
        }

        @Override
        public void kvDelete(String key) {
            consul.deleteKVValue(key);
        }

        @Override
        public void kvDeleteTree(String prefix) {
            consul.deleteKVValues(prefix);
        }

        @Override
        public void close() {
            // ecwid's client has nothing to release.
        }

        private static QueryParams params(long index, Duration wait) {
            return index > 0 ? new QueryParams(wait.toSeconds(), index) : QueryParams.DEFAULT;
        }

        private static HealthEntry entry(HealthService h) {
            HealthService.Service s = h.getService();
            Instance instance = new Instance(h.getNode().getNode(), s.getId(), s.getService(), s.getAddress(),
                    s.getPort(), s.getTags(), s.getMeta());
            return new HealthEntry(instance, h.getChecks().stream().map(c -> new Check(c.getCheckId(),
                    c.getStatus().name().toLowerCase(Locale.ROOT), c.getOutput())).toList());
        }

        private static KvEntry kv(GetValue v) {
            return new KvEntry(v.getKey(), v.getDecodedValue(), v.getFlags(), v.getModifyIndex());
        }
    }
}
