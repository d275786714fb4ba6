package dev.signpost.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.signpost.core.Registry;
import dev.signpost.core.acl.Access;
import dev.signpost.core.acl.Authorizer;
import dev.signpost.core.acl.Resource;
import dev.signpost.core.command.DeregisterCheck;
import dev.signpost.core.command.DeregisterNode;
import dev.signpost.core.command.DeregisterService;
import dev.signpost.core.command.Register;
import dev.signpost.core.config.GatewayServices;
import dev.signpost.core.filter.CatalogFields;
import dev.signpost.core.filter.Filter;
import dev.signpost.core.model.Check;
import dev.signpost.core.model.Node;
import dev.signpost.core.model.Service;
import dev.signpost.core.model.ServiceKinds;
import dev.signpost.core.state.CatalogState;
import dev.signpost.core.state.Indexed;
import dev.signpost.core.state.NodeServices;
import dev.signpost.core.state.ServiceInstance;
import dev.signpost.core.watch.Scope;
import dev.signpost.core.watch.Topic;

/** {@code /v1/catalog/*}: the datacenter-wide view of nodes and services, and direct catalog writes. */
final class CatalogEndpoints {
    private final Reads reads;
    private final Supplier<String> agentNode;

    /** The endpoints over these reads; {@code agentNode} is the node {@code ?near=_agent} names. */
    CatalogEndpoints(Reads reads, Supplier<String> agentNode) {
        this.reads = reads;
        this.agentNode = agentNode;
    }

    void addTo(Routes routes) {
        routes.exact("PUT", "/v1/catalog/register", Guard.filters(Resource.NODE, "node:write, service:write"),
                        this::register)
                .exact("PUT", "/v1/catalog/deregister", Guard.filters(Resource.NODE, "node:write or service:write"),
                        this::deregister)
                .exact("GET", "/v1/catalog/datacenters", Guard.open("Consul asks no token for datacenters"),
                        this::datacenters)
                .exact("GET", "/v1/catalog/nodes", Guard.filters(Resource.NODE, "node:read"), this::nodes)
                .exact("GET", "/v1/catalog/services", Guard.filters(Resource.SERVICE, "service:read"), this::services)
                .prefix("GET", "/v1/catalog/service/", Guard.filters(Resource.SERVICE, "service:read, node:read"),
                        this::service)
                .prefix("GET", "/v1/catalog/connect/", Guard.filters(Resource.SERVICE, "service:read"), this::connect)
                .prefix("GET", "/v1/catalog/gateway-services/", Guard.filters(Resource.SERVICE,
                        "service:read on the gateway, then on each service"), this::gatewayServices)
                .prefix("GET", "/v1/catalog/node/", Guard.filters(Resource.NODE, "node:read, service:read"),
                        this::node);
    }

    private ApiResponse register(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        String nodeName = required(body, "Node", "Must provide node");
        String address = required(body, "Address", "Must provide address");
        Node node = new Node(body.text("ID", ""), nodeName, address, reads.datacenter(),
                body.stringMap("TaggedAddresses"), body.stringMap("NodeMeta"), 0, 0);
        List<Service> services = new ArrayList<>();
        Optional<Body> serviceBody = body.object("Service");
        if (serviceBody.isPresent()) {
            Service service = Definitions.service(serviceBody.get(), "Service");
            MeshDefinitions.validate(service, true, ServiceKinds.SidecarBlock.NONE);
            services.add(service);
        }
        List<Check> checks = new ArrayList<>();
        List<Body> checkBodies = new ArrayList<>(body.objects("Checks"));
        body.object("Check").ifPresent(checkBodies::add);
        for (Body check : checkBodies) {
            checks.add(Definitions.catalogCheck(check, nodeName));
        }
        CatalogAcl.vetRegister(request.caller(), node, services, checks);
        reads.registry().write(new Register(node, services, checks, body.bool("SkipNodeUpdate", false)));
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    private ApiResponse deregister(ApiRequest request) {
        Body body = Json.read(request.body()).requireObject();
        String nodeName = required(body, "Node", "Must provide node");
        String serviceId = body.text("ServiceID", "");
        String checkId = body.text("CheckID", "");
        reads.registry().read(Registry.ReadMode.DEFAULT, s -> {
            CatalogAcl.vetDeregister(request.caller(), s, nodeName, serviceId, checkId);
            return true;
        });
        if (!serviceId.isEmpty()) {
            reads.registry().write(new DeregisterService(nodeName, serviceId));
        } else if (!checkId.isEmpty()) {
            reads.registry().write(new DeregisterCheck(nodeName, checkId));
        } else {
            reads.registry().write(new DeregisterNode(nodeName));
        }
        return ApiResponse.json(Json.write(true, request.has("pretty")));
    }

    /** A text field the request must give, else a 400 with Consul's message. */
    private static String required(Body body, String field, String message) {
        String value = body.text(field, "");
        if (value.isEmpty()) {
            throw ApiException.badRequest(message);
        }
        return value;
    }

    private ApiResponse datacenters(ApiRequest request) {
        return ApiResponse.json(Json.write(List.of(reads.datacenter()), request.has("pretty")));
    }

    private ApiResponse nodes(ApiRequest request) {
        Filters filters = Filters.of(request);
        Filter<Node> filter = FilterParam.of(request, CatalogFields.NODE);
        Authorizer authz = request.caller().authorizer();
        Near near = Near.of(request, agentNode);
        var result = reads.read(request, Scope.of(Topic.NODES), s -> {
            Indexed<List<Node>> nodes = s.nodes();
            Shown<List<Node>> shown = Shown.list(nodes.value(), n -> authz.canRead(Resource.NODE, n.name()));
            List<Node> kept = shown.value().stream().filter(filters::matchesNode).filter(filter).toList();
            return new Indexed<>(new Shown<>(near.sort(s, kept, Node::name).stream().map(Wire.NodeJson::of).toList(),
                    shown.filtered()), nodes.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse services(ApiRequest request) {
        Filter<ServiceInstance> filter = FilterParam.of(request, CatalogFields.SERVICE_NODE);
        Authorizer authz = request.caller().authorizer();
        if (filter.keepsAll()) {
            return Reads.json(request, reads.read(request, Scope.of(Topic.SERVICES), s -> new Indexed<>(
                    Shown.map(s.services().value(), (name, tags) -> authz.canRead(Resource.SERVICE, name)),
                    s.services().index())));
        }
        // Consul filters the service instances, then lists the names and tags of those kept. Node fields are
        // selectable, so a node's change can change the answer too.
        var result = reads.read(request, Scope.of(Topic.SERVICES, Topic.NODES), s -> {
            Map<String, List<String>> tags = new TreeMap<>();
            boolean hidden = false;
            for (String name : s.services().value().keySet()) {
                if (!authz.canRead(Resource.SERVICE, name)) {
                    hidden = true;
                    continue;
                }
                SortedSet<String> kept = new TreeSet<>();
                boolean any = false;
                for (ServiceInstance instance : filter.apply(s.instances(name).value())) {
                    any = true;
                    kept.addAll(instance.service().tags());
                }
                if (any) {
                    tags.put(name, List.copyOf(kept));
                }
            }
            return new Indexed<>(new Shown<>(tags, hidden), Math.max(s.services().index(), s.nodes().index()));
        });
        return Reads.json(request, result);
    }

    private ApiResponse service(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing service name");
        }
        return instances(request, Topic.service(name), s -> s.instances(name));
    }

    /**
     * A service's Connect-capable instances (Consul's {@code ServiceNodes} with {@code Connect}): the connect-proxies
     * whose destination it is and its Connect-native instances. A caller without service:read on the service gets
     * none, as in Consul; the instances are then filtered as a plain service read filters them.
     */
    private ApiResponse connect(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing service name");
        }
        boolean allowed = request.caller().authorizer().canRead(Resource.SERVICE, name);
        return instances(request, Topic.connect(name),
                s -> allowed ? s.connectInstances(name) : new Indexed<>(List.of(), s.connectInstances(name).index()));
    }

    /**
     * The services a gateway fronts (Consul's Catalog.GatewayServices): 403 without service:read on the gateway, then
     * the mappings whose service the token may read. Consul takes no {@code ?filter} here.
     */
    private ApiResponse gatewayServices(ApiRequest request) {
        String gateway = request.pathRest();
        if (gateway.isEmpty()) {
            throw ApiException.badRequest("Missing gateway name");
        }
        Authorizer authz = request.caller().authorizer();
        if (!authz.canRead(Resource.SERVICE, gateway)) {
            throw request.caller().denied(Resource.SERVICE, Access.READ, gateway);
        }
        var result = reads.read(request, Scope.of(Topic.CONFIG, Topic.SERVICES), s -> {
            Indexed<List<GatewayServices.GatewayService>> mappings = s.gatewayServices(gateway);
            Shown<List<GatewayServices.GatewayService>> shown = Shown.list(mappings.value(),
                    m -> authz.canRead(Resource.SERVICE, m.service()));
            return new Indexed<>(new Shown<>(shown.value().stream().map(MeshWire.GatewayServiceJson::of).toList(),
                    shown.filtered()), mappings.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse instances(ApiRequest request, String topic,
                                  Function<CatalogState, Indexed<List<ServiceInstance>>> read) {
        Filters filters = Filters.of(request);
        Filter<ServiceInstance> filter = FilterParam.of(request, CatalogFields.SERVICE_NODE);
        Authorizer authz = request.caller().authorizer();
        Near near = Near.of(request, agentNode);
        var result = reads.read(request, Scope.of(topic), s -> {
            Indexed<List<ServiceInstance>> instances = read.apply(s);
            Shown<List<ServiceInstance>> shown = Shown.list(instances.value(), i -> CatalogAcl.canSee(authz, i));
            List<ServiceInstance> kept = shown.value().stream().filter(filters::matches).filter(filter).toList();
            return new Indexed<>(new Shown<>(near.sort(s, kept, i -> i.node().name()).stream()
                    .map(Wire.ServiceNodeJson::of).toList(), shown.filtered()), instances.index());
        });
        return Reads.json(request, result);
    }

    private ApiResponse node(ApiRequest request) {
        String name = request.pathRest();
        if (name.isEmpty()) {
            throw ApiException.badRequest("Missing node name");
        }
        Filter<Service> filter = FilterParam.of(request, CatalogFields.NODE_SERVICE);
        Authorizer authz = request.caller().authorizer();
        var result = reads.read(request, Scope.of(Topic.node(name)), s -> {
            Indexed<Optional<NodeServices>> node = s.node(name);
            if (node.value().isPresent() && !authz.canRead(Resource.NODE, name)) {
                return new Indexed<>(new Shown<Object>(NullBody.INSTANCE, true), node.index());
            }
            // An unknown node is a JSON null with 200, as Consul answers (agent/catalog_endpoint.go).
            Shown<Object> value = node.value().map(ns -> {
                Shown<List<Service>> services = Shown.list(ns.services(), sv -> authz.canRead(Resource.SERVICE,
                        sv.name()));
                return new Shown<Object>(new Wire.NodeServicesJson(Wire.NodeJson.of(ns.node()),
                        Wire.servicesById(filter.apply(services.value()))), services.filtered());
            }).orElse(new Shown<>(NullBody.INSTANCE, false));
            return new Indexed<>(value, node.index());
        });
        return Reads.json(request, result);
    }

    /** Serialises as JSON null. */
    enum NullBody {
        INSTANCE;

        @com.fasterxml.jackson.annotation.JsonValue
        Object value() {
            return null;
        }
    }

}
