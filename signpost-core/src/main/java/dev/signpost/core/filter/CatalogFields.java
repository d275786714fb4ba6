package dev.signpost.core.filter;

import java.util.List;
import java.util.Map;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.state.ServiceInstance;

/**
 * The fields Consul's catalog and health endpoints filter on, named as its structs name them (the Filtering tables
 * of website/content/api-docs/catalog.mdx and health.mdx). Raft indexes are not selectable there ({@code bexpr:"-"})
 * and are not here. Signpost has no service mesh, so the proxy and Connect fields exist with Consul's empty
 * values: an expression naming them is valid and sees what Consul shows for a service without a proxy.
 */
public final class CatalogFields {
    private CatalogFields() {
    }

    /** A node ({@code structs.Node}): {@code /v1/catalog/nodes}, and {@code Node.*} of health entries. */
    public static final Fields<Node> NODE = Fields.<Node>builder()
            .string("ID", Node::id)
            .string("Node", Node::name)
            .string("Address", Node::address)
            .string("Datacenter", Node::datacenter)
            .stringMap("TaggedAddresses", Node::taggedAddresses)
            .stringMap("Meta", Node::meta)
            .build();

    /** A health check ({@code structs.HealthCheck}): {@code /v1/health/{node,checks,state}}, agent checks. */
    public static final Fields<Check> CHECK = Fields.<Check>builder()
            .string("Node", Check::node)
            .string("CheckID", Check::checkId)
            .string("Name", Check::name)
            .string("Status", c -> c.status().wireName())
            .string("Notes", Check::notes)
            .string("Output", Check::output)
            .string("ServiceID", Check::serviceId)
            .string("ServiceName", Check::serviceName)
            .strings("ServiceTags", Check::serviceTags)
            .build();

    /** {@code ServiceAddress}: an address and port tagged "lan", "wan", ... (never set by Signpost). */
    private static final Fields<Object> SERVICE_ADDRESS = Fields.builder()
            .string("Address", a -> "")
            .integer("Port", 64, a -> 0)
            .build();

    private static final Fields<Object> MESH_GATEWAY = Fields.builder().string("Mode", g -> "").build();

    private static final Fields<Object> UPSTREAM = Fields.builder()
            .string("DestinationType", u -> "")
            .string("DestinationNamespace", u -> "")
            .string("DestinationName", u -> "")
            .string("Datacenter", u -> "")
            .string("LocalBindAddress", u -> "")
            .integer("LocalBindPort", 64, u -> 0)
            .struct("MeshGateway", u -> u, MESH_GATEWAY)
            .build();

    /** {@code structs.ConnectProxyConfig} as a service without a proxy has it. */
    private static final Fields<Object> PROXY = Fields.builder()
            .string("DestinationServiceName", p -> "")
            .string("DestinationServiceID", p -> "")
            .string("LocalServiceAddress", p -> "")
            .integer("LocalServicePort", 64, p -> 0)
            .string("Mode", p -> "")
            .struct("TransparentProxy", p -> p, Fields.builder().integer("OutboundListenerPort", 64, t -> 0).build())
            .struct("MeshGateway", p -> p, MESH_GATEWAY)
            .structs("Upstreams", p -> List.of(), UPSTREAM)
            .build();

    private static final Fields<Object> CONNECT = Fields.builder().bool("Native", c -> false).build();

    private static final Fields<Object> WEIGHTS = Fields.builder()
            .integer("Passing", 64, w -> ((Service) w).weights().passing())
            .integer("Warning", 64, w -> ((Service) w).weights().warning())
            .build();

    /** A node's service ({@code structs.NodeService}): {@code /v1/catalog/node/:node}, {@code Service.*}. */
    public static final Fields<Service> NODE_SERVICE = Fields.<Service>builder()
            .string("Kind", s -> "")
            .string("ID", Service::id)
            .string("Service", Service::name)
            .strings("Tags", Service::tags)
            .string("Address", Service::address)
            .structMap("TaggedAddresses", s -> Map.<String, Object>of(), SERVICE_ADDRESS)
            .stringMap("Meta", Service::meta)
            .integer("Port", 64, Service::port)
            .struct("Weights", s -> s, WEIGHTS)
            .bool("EnableTagOverride", Service::enableTagOverride)
            .struct("Proxy", s -> s, PROXY)
            .struct("Connect", s -> s, CONNECT)
            .build();

    /** An instance as {@code /v1/catalog/service/:name} lists it ({@code structs.ServiceNode}). */
    public static final Fields<ServiceInstance> SERVICE_NODE = Fields.<ServiceInstance>builder()
            .string("ID", i -> i.node().id())
            .string("Node", i -> i.node().name())
            .string("Address", i -> i.node().address())
            .string("Datacenter", i -> i.node().datacenter())
            .stringMap("TaggedAddresses", i -> i.node().taggedAddresses())
            .stringMap("NodeMeta", i -> i.node().meta())
            .string("ServiceKind", i -> "")
            .string("ServiceID", i -> i.service().id())
            .string("ServiceName", i -> i.service().name())
            .strings("ServiceTags", i -> i.service().tags())
            .string("ServiceAddress", i -> i.service().address())
            .structMap("ServiceTaggedAddresses", i -> Map.<String, Object>of(), SERVICE_ADDRESS)
            .struct("ServiceWeights", ServiceInstance::service, WEIGHTS)
            .stringMap("ServiceMeta", i -> i.service().meta())
            .integer("ServicePort", 64, i -> i.service().port())
            .bool("ServiceEnableTagOverride", i -> i.service().enableTagOverride())
            .struct("ServiceProxy", i -> i, PROXY)
            .struct("ServiceConnect", i -> i, CONNECT)
            .build();

    /** An entry of {@code /v1/health/service/:name} ({@code structs.CheckServiceNode}). */
    public static final Fields<ServiceInstance> SERVICE_ENTRY = Fields.<ServiceInstance>builder()
            .struct("Node", ServiceInstance::node, NODE)
            .struct("Service", ServiceInstance::service, NODE_SERVICE)
            .structs("Checks", ServiceInstance::checks, CHECK)
            .build();
}
