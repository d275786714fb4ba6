package dev.signpost.core.filter;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.ExposePath;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceAddress;
import dev.signpost.core.model.ServiceProxy;
import dev.signpost.core.model.Upstream;
import dev.signpost.core.state.ServiceInstance;

/**
 * The fields Consul's catalog and health endpoints filter on, named as its structs name them (the Filtering tables
 * of website/content/api-docs/catalog.mdx and health.mdx). Raft indexes are not selectable there ({@code bexpr:"-"})
 * and are not here; neither is a proxy's opaque {@code Config}.
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

    /** {@code ServiceAddress}: an address and port tagged "lan", "wan", ... */
    private static final Fields<ServiceAddress> SERVICE_ADDRESS = Fields.<ServiceAddress>builder()
            .string("Address", ServiceAddress::address)
            .integer("Port", 64, ServiceAddress::port)
            .build();

    private static final Fields<String> MESH_GATEWAY = Fields.<String>builder().string("Mode", mode -> mode).build();

    private static final Fields<Upstream> UPSTREAM = Fields.<Upstream>builder()
            .string("DestinationType", Upstream::destinationType)
            .string("DestinationNamespace", Upstream::destinationNamespace)
            .string("DestinationName", Upstream::destinationName)
            .string("Datacenter", Upstream::datacenter)
            .string("LocalBindAddress", Upstream::localBindAddress)
            .integer("LocalBindPort", 64, Upstream::localBindPort)
            .struct("MeshGateway", Upstream::meshGatewayMode, MESH_GATEWAY)
            .build();

    private static final Fields<ExposePath> EXPOSE_PATH = Fields.<ExposePath>builder()
            .integer("ListenerPort", 64, ExposePath::listenerPort)
            .string("Path", ExposePath::path)
            .integer("LocalPathPort", 64, ExposePath::localPathPort)
            .string("Protocol", ExposePath::protocol)
            .bool("ParsedFromCheck", ExposePath::parsedFromCheck)
            .build();

    /** {@code structs.ConnectProxyConfig} ({@code Config} is {@code bexpr:"-"} in Consul). */
    private static final Fields<ServiceProxy> PROXY = Fields.<ServiceProxy>builder()
            .string("DestinationServiceName", ServiceProxy::destinationServiceName)
            .string("DestinationServiceID", ServiceProxy::destinationServiceId)
            .string("LocalServiceAddress", ServiceProxy::localServiceAddress)
            .integer("LocalServicePort", 64, ServiceProxy::localServicePort)
            .string("Mode", ServiceProxy::mode)
            .struct("TransparentProxy", p -> p, Fields.<ServiceProxy>builder()
                    .integer("OutboundListenerPort", 64, ServiceProxy::outboundListenerPort)
                    .bool("DialedDirectly", ServiceProxy::dialedDirectly)
                    .build())
            .struct("MeshGateway", ServiceProxy::meshGatewayMode, MESH_GATEWAY)
            .structs("Upstreams", ServiceProxy::upstreams, UPSTREAM)
            .struct("Expose", p -> p, Fields.<ServiceProxy>builder()
                    .bool("Checks", ServiceProxy::exposeChecks)
                    .structs("Paths", ServiceProxy::exposePaths, EXPOSE_PATH)
                    .build())
            .build();

    private static final Fields<Service> CONNECT = Fields.<Service>builder()
            .bool("Native", Service::connectNative)
            .build();

    private static final Fields<Object> WEIGHTS = Fields.builder()
            .integer("Passing", 64, w -> ((Service) w).weights().passing())
            .integer("Warning", 64, w -> ((Service) w).weights().warning())
            .build();

    /** A node's service ({@code structs.NodeService}): {@code /v1/catalog/node/:node}, {@code Service.*}. */
    public static final Fields<Service> NODE_SERVICE = Fields.<Service>builder()
            .string("Kind", Service::kind)
            .string("ID", Service::id)
            .string("Service", Service::name)
            .strings("Tags", Service::tags)
            .string("Address", Service::address)
            .structMap("TaggedAddresses", Service::taggedAddresses, SERVICE_ADDRESS)
            .stringMap("Meta", Service::meta)
            .integer("Port", 64, Service::port)
            .struct("Weights", s -> s, WEIGHTS)
            .bool("EnableTagOverride", Service::enableTagOverride)
            .struct("Proxy", Service::proxy, PROXY)
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
            .string("ServiceKind", i -> i.service().kind())
            .string("ServiceID", i -> i.service().id())
            .string("ServiceName", i -> i.service().name())
            .strings("ServiceTags", i -> i.service().tags())
            .string("ServiceAddress", i -> i.service().address())
            .structMap("ServiceTaggedAddresses", i -> i.service().taggedAddresses(), SERVICE_ADDRESS)
            .struct("ServiceWeights", ServiceInstance::service, WEIGHTS)
            .stringMap("ServiceMeta", i -> i.service().meta())
            .integer("ServicePort", 64, i -> i.service().port())
            .bool("ServiceEnableTagOverride", i -> i.service().enableTagOverride())
            .struct("ServiceProxy", i -> i.service().proxy(), PROXY)
            .struct("ServiceConnect", ServiceInstance::service, CONNECT)
            .build();

    /** An entry of {@code /v1/health/service/:name} ({@code structs.CheckServiceNode}). */
    public static final Fields<ServiceInstance> SERVICE_ENTRY = Fields.<ServiceInstance>builder()
            .struct("Node", ServiceInstance::node, NODE)
            .struct("Service", ServiceInstance::service, NODE_SERVICE)
            .structs("Checks", ServiceInstance::checks, CHECK)
            .build();
}
