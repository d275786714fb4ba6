package dev.signpost.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.KvEntry;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.Weights;
import dev.signpost.core.state.ServiceInstance;

/**
 * Consul's JSON shapes, as records whose component names are Consul's field names (in Consul's order),
 * and the conversions from the model. Empty lists and maps are {@code []}/{@code {}}, never null, as
 * current Consul answers.
 */
@SuppressWarnings("checkstyle:MemberName")
final class Wire {
    private Wire() {
    }

    record WeightsJson(int Passing, int Warning) {
        static WeightsJson of(Weights w) {
            return new WeightsJson(w.passing(), w.warning());
        }
    }

    record NodeJson(String ID, String Node, String Address, String Datacenter, Map<String, String> TaggedAddresses,
                    Map<String, String> Meta, long CreateIndex, long ModifyIndex) {
        static NodeJson of(Node n) {
            return new NodeJson(n.id(), n.name(), n.address(), n.datacenter(), n.taggedAddresses(), n.meta(),
                    n.createIndex(), n.modifyIndex());
        }
    }

    /** One entry of {@code /v1/catalog/service/:name}. */
    record ServiceNodeJson(String ID, String Node, String Address, String Datacenter,
                           Map<String, String> TaggedAddresses, Map<String, String> NodeMeta, String ServiceKind,
                           String ServiceID, String ServiceName, List<String> ServiceTags, String ServiceAddress,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY)
                           Map<String, MeshWire.ServiceAddressJson> ServiceTaggedAddresses,
                           WeightsJson ServiceWeights, Map<String, String> ServiceMeta, int ServicePort,
                           String ServiceSocketPath, boolean ServiceEnableTagOverride, MeshWire.ProxyJson ServiceProxy,
                           MeshWire.ConnectJson ServiceConnect, long CreateIndex, long ModifyIndex) {
        static ServiceNodeJson of(ServiceInstance i) {
            Node n = i.node();
            Service s = i.service();
            return new ServiceNodeJson(n.id(), n.name(), n.address(), n.datacenter(), n.taggedAddresses(), n.meta(),
                    s.kind(), s.id(), s.name(), s.tags(), s.address(), MeshWire.taggedAddresses(s),
                    WeightsJson.of(s.weights()), s.meta(), s.port(), "", s.enableTagOverride(),
                    MeshWire.ProxyJson.of(s.proxy()), MeshWire.ConnectJson.of(s), s.createIndex(), s.modifyIndex());
        }
    }

    /** A service as {@code /v1/catalog/node/:node} and {@code /v1/health/service/:name} show it. */
    record NodeServiceJson(@JsonInclude(JsonInclude.Include.NON_EMPTY) String Kind, String ID, String Service,
                           List<String> Tags, String Address,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY)
                           Map<String, MeshWire.ServiceAddressJson> TaggedAddresses, Map<String, String> Meta,
                           int Port, WeightsJson Weights, boolean EnableTagOverride, MeshWire.ProxyJson Proxy,
                           MeshWire.ConnectJson Connect, long CreateIndex, long ModifyIndex) {
        static NodeServiceJson of(Service s) {
            return new NodeServiceJson(s.kind(), s.id(), s.name(), s.tags(), s.address(), MeshWire.taggedAddresses(s),
                    s.meta(), s.port(), WeightsJson.of(s.weights()), s.enableTagOverride(),
                    MeshWire.ProxyJson.of(s.proxy()), MeshWire.ConnectJson.of(s), s.createIndex(), s.modifyIndex());
        }
    }

    record NodeServicesJson(NodeJson Node, Map<String, NodeServiceJson> Services) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record DefinitionJson(String HTTP, Map<String, List<String>> Header, String Method, String Body,
                          Boolean TLSSkipVerify, String TCP, List<String> ScriptArgs, String Interval,
                          String Timeout, String DeregisterCriticalServiceAfter) {
        static DefinitionJson of(CheckDefinition d) {
            return new DefinitionJson(d.http(), d.header(), d.method(), d.body(), d.tlsSkipVerify() ? Boolean.TRUE : null,
                    d.tcp(), d.args(), d.interval(), d.timeout(), d.deregisterCriticalServiceAfter());
        }
    }

    record HealthCheckJson(String Node, String CheckID, String Name, String Status, String Notes, String Output,
                           String ServiceID, String ServiceName, List<String> ServiceTags, String Type,
                           String Interval, String Timeout, int ExposedPort, DefinitionJson Definition,
                           long CreateIndex, long ModifyIndex) {
        static HealthCheckJson of(Check c) {
            CheckDefinition d = c.definition();
            return new HealthCheckJson(c.node(), c.checkId(), c.name(), c.status().wireName(), c.notes(), c.output(),
                    c.serviceId(), c.serviceName(), c.serviceTags(), d.type(), d.interval(), d.timeout(), 0,
                    DefinitionJson.of(d), c.createIndex(), c.modifyIndex());
        }
    }

    /** One entry of {@code /v1/health/service/:name}. */
    record ServiceEntryJson(NodeJson Node, NodeServiceJson Service, List<HealthCheckJson> Checks) {
        static ServiceEntryJson of(ServiceInstance i) {
            return new ServiceEntryJson(NodeJson.of(i.node()), NodeServiceJson.of(i.service()),
                    i.checks().stream().map(HealthCheckJson::of).toList());
        }
    }

    /** Consul's KV flags are a uint64: the long's 64 bits printed unsigned (a semaphore's 0xe0f69a2baa414de0). */
    static final class Uint64 extends com.fasterxml.jackson.databind.JsonSerializer<Long> {
        @Override
        public void serialize(Long value, com.fasterxml.jackson.core.JsonGenerator gen,
                              com.fasterxml.jackson.databind.SerializerProvider serializers) throws java.io.IOException {
            gen.writeNumber(Long.toUnsignedString(value));
        }
    }

    record KvJson(long LockIndex, String Key,
                  @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = Uint64.class) long Flags, String Value,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) String Session, long CreateIndex, long ModifyIndex) {
        /** An empty value is JSON null, as Consul's Go encoding of a nil byte slice is. */
        static KvJson of(KvEntry e) {
            String value = e.value().isEmpty() ? null : e.value().toBase64();
            return new KvJson(e.lockIndex(), e.key(), e.flags(), value, e.session(), e.createIndex(), e.modifyIndex());
        }
    }

    /** An agent's own service, as {@code /v1/agent/services} shows it. */
    record AgentServiceJson(@JsonInclude(JsonInclude.Include.NON_EMPTY) String Kind, String ID, String Service,
                            List<String> Tags, Map<String, String> Meta, int Port, String Address,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY)
                            Map<String, MeshWire.ServiceAddressJson> TaggedAddresses,
                            WeightsJson Weights, boolean EnableTagOverride,
                            @JsonInclude(JsonInclude.Include.NON_NULL) MeshWire.AgentProxyJson Proxy,
                            @JsonInclude(JsonInclude.Include.NON_NULL) MeshWire.ConnectJson Connect, String Datacenter) {
        static AgentServiceJson of(Service s, String datacenter) {
            return new AgentServiceJson(s.kind(), s.id(), s.name(), s.tags(), s.meta(), s.port(), s.address(),
                    MeshWire.taggedAddresses(s), WeightsJson.of(s.weights()), s.enableTagOverride(),
                    MeshWire.AgentProxyJson.of(s), MeshWire.ConnectJson.ofAgent(s), datacenter);
        }
    }

    static Map<String, NodeServiceJson> servicesById(List<Service> services) {
        Map<String, NodeServiceJson> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s.id(), NodeServiceJson.of(s)));
        return out;
    }
}
