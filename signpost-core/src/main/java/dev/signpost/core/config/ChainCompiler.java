package dev.signpost.core.config;

import static dev.signpost.core.config.Bodies.number;
import static dev.signpost.core.config.Bodies.object;
import static dev.signpost.core.config.Bodies.objectOrEmpty;
import static dev.signpost.core.config.Bodies.objects;
import static dev.signpost.core.config.Bodies.text;
import static dev.signpost.core.config.ConfigEntries.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.config.ChainTarget.Opts;

/**
 * Assembles the nodes and targets of one discovery chain from config entries, as Consul's compiler does
 * (agent/consul/discoverychain/compile.go, assembleChain and the node getters): the service's router if any, then
 * splitters (recursively), then resolvers with their redirects, default subsets and failover. In Consul OSS every
 * service lives in the default namespace and partition. Single use; not thread-safe.
 */
final class ChainCompiler {
    static final String DEFAULT = "default";
    private static final long DEFAULT_CONNECT_TIMEOUT = 5_000_000_000L;

    private final String serviceName;
    private final String datacenter;
    private final String trustDomain;
    private final ChainEntries entries;
    private final ChainOverrides overrides;
    /** With a non-HTTP protocol override, routers and splitters are left out. */
    private final boolean disableAdvancedRouting;

    private final Map<String, Map<String, Object>> resolvers = new HashMap<>();
    private final Map<String, ChainNode> splitterNodes = new HashMap<>();
    private final Map<String, ChainNode> resolveNodes = new HashMap<>();
    final Map<String, ChainNode> nodes = new LinkedHashMap<>();
    final Map<String, ChainTarget> loadedTargets = new LinkedHashMap<>();
    final Set<String> retainedTargets = new HashSet<>();
    boolean usesAdvancedRouting;
    String protocol = "";
    String startNode = "";
    boolean customizedMeshGateway;
    boolean customizedProtocol;
    boolean customizedConnectTimeout;

    ChainCompiler(String serviceName, String datacenter, String trustDomain, ChainEntries entries,
                  ChainOverrides overrides) {
        this.serviceName = serviceName;
        this.datacenter = datacenter;
        this.trustDomain = trustDomain;
        this.entries = entries;
        this.overrides = overrides;
        this.disableAdvancedRouting = !overrides.protocol().isEmpty() && !httpLike(overrides.protocol());
    }

    /** A graph error: the chain these entries make cannot be compiled (Consul's ConfigEntryGraphError). */
    static IllegalArgumentException graphError(String message) {
        return new IllegalArgumentException(message);
    }

    /** IsProtocolHTTPLike: the protocols that allow routers and splitters. */
    static boolean httpLike(String protocol) {
        return protocol.equals("http") || protocol.equals("http2") || protocol.equals("grpc");
    }

    static String serviceId(String service) {
        return service + "." + DEFAULT + "." + DEFAULT;
    }

    private Optional<Map<String, Object>> body(String kind, String name) {
        return entries.entry(kind, name).map(ConfigEntry::body);
    }

    /** assembleChain: the start node and everything reachable from it. */
    void assemble() {
        Optional<Map<String, Object>> router = body(ConfigEntries.SERVICE_ROUTER, serviceName);
        if (router.isPresent() && disableAdvancedRouting) {
            router = Optional.empty();
            customizedProtocol = true;
        }
        if (router.isEmpty()) {
            startNode = splitterOrResolver(newTarget(Opts.service(serviceName))).key();
            return;
        }
        ChainNode routeNode = new ChainNode(ChainNode.ROUTER, serviceId(serviceName));
        usesAdvancedRouting = true;
        recordServiceProtocol(serviceName);
        for (Map<String, Object> route : objects(router.get(), "Routes")) {
            ChainNode.Route compiled = new ChainNode.Route(route);
            routeNode.routes.add(compiled);
            Map<String, Object> destination = objectOrEmpty(route, "Destination");
            String service = ServiceResolver.orName(text(destination, "Service"), serviceName);
            String namespace = ServiceResolver.orName(text(destination, "Namespace"), DEFAULT);
            String partition = ServiceResolver.orName(text(destination, "Partition"), DEFAULT);
            String subset = text(destination, "ServiceSubset");
            ChainNode next = subset.isEmpty()
                    ? splitterOrResolver(newTarget(new Opts(service, "", namespace, partition, "", "")))
                    : resolverNode(newTarget(new Opts(service, subset, namespace, partition, "", "")), false);
            compiled.nextNode = next.key();
        }
        // Unmatched traffic goes on down the chain of the router's own service.
        ChainNode next = splitterOrResolver(newTarget(new Opts(serviceName, "", DEFAULT, DEFAULT, "", "")));
        Map<String, Object> catchAll = new LinkedHashMap<>();
        catchAll.put("Match", Map.of("HTTP", Map.of("PathPrefix", "/")));
        catchAll.put("Destination", Map.of("Service", serviceName, "Namespace", DEFAULT, "Partition", DEFAULT));
        ChainNode.Route defaultRoute = new ChainNode.Route(catchAll);
        defaultRoute.nextNode = next.key();
        routeNode.routes.add(defaultRoute);
        startNode = routeNode.key();
        nodes.put(routeNode.key(), routeNode);
    }

    private void recordServiceProtocol(String service) {
        Optional<Map<String, Object>> defaults = body(ConfigEntries.SERVICE_DEFAULTS, service);
        if (defaults.isPresent()) {
            recordProtocol(service, text(defaults.get(), "Protocol"));
            return;
        }
        // mapstructure.WeakDecode of the proxy-defaults Config into a struct with a "protocol" field.
        String fromProxy = body(ConfigEntries.PROXY_DEFAULTS, ConfigEntries.GLOBAL)
                .map(p -> objectOrEmpty(p, "Config"))
                .flatMap(config -> config.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("protocol"))
                        .map(Map.Entry::getValue).findFirst())
                .map(ChainCompiler::weakText).orElse("");
        recordProtocol(service, fromProxy);
    }

    private static String weakText(Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b ? "1" : "0";
            case Number n -> String.valueOf(WeakDecode.goFloat32(n.doubleValue()));
            default -> "";
        };
    }

    private void recordProtocol(String service, String given) {
        String p = given.isEmpty() ? "tcp" : given.toLowerCase(Locale.ROOT);
        if (protocol.isEmpty()) {
            protocol = p;
        } else if (!protocol.equals(p)) {
            throw graphError("discovery chain " + quote(serviceName) + " uses inconsistent protocols; service "
                    + quote(service) + " has " + quote(p) + " which is not " + quote(protocol));
        }
    }

    /** newTarget: the target of these opts in this compilation, made once. */
    private ChainTarget newTarget(Opts given) {
        Opts opts = given.peer().isEmpty()
                ? new Opts(given.service(), given.subset(), orDefault(given.namespace(), DEFAULT),
                        orDefault(given.partition(), DEFAULT), orDefault(given.datacenter(), datacenter), "")
                : new Opts(given.service(), given.subset(), orDefault(given.namespace(), DEFAULT), DEFAULT, "",
                        given.peer());
        ChainTarget loaded = loadedTargets.get(opts.id());
        if (loaded != null) {
            return loaded;
        }
        ChainTarget target = new ChainTarget(opts);
        if (opts.peer().isEmpty()) {
            target.sni = ChainTarget.sni(opts, trustDomain);
            target.name = target.sni;
        }
        loadedTargets.put(target.id, target);
        return target;
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /** rewriteTarget: a target with a redirect's or failover's fields laid over it. */
    private ChainTarget rewrite(ChainTarget target, Opts over) {
        Opts t = target.opts;
        String service = t.service();
        String subset = t.subset();
        if (!over.service().isEmpty() && !over.service().equals(service)) {
            service = over.service();
            subset = ""; // another service's subsets are its own
        }
        if (!over.subset().isEmpty()) {
            subset = over.subset();
        }
        String partition = over.partition().isEmpty() ? t.partition() : over.partition();
        String namespace = !over.namespace().isEmpty() || !over.peer().isEmpty() ? over.namespace() : t.namespace();
        String dc = over.datacenter().isEmpty() ? t.datacenter() : over.datacenter();
        return newTarget(new Opts(service, subset, namespace, partition, dc, over.peer()));
    }

    private ChainNode splitterOrResolver(ChainTarget target) {
        ChainNode splitter = splitterNode(target.opts.service());
        return splitter != null ? splitter : resolverNode(target, false);
    }

    /** getSplitterNode: the service's splitter node, or null when it has no splitter. */
    private ChainNode splitterNode(String service) {
        String name = serviceId(service);
        ChainNode cached = splitterNodes.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<Map<String, Object>> splitter = body(ConfigEntries.SERVICE_SPLITTER, service);
        if (splitter.isPresent() && disableAdvancedRouting) {
            splitter = Optional.empty();
            customizedProtocol = true;
        }
        if (splitter.isEmpty()) {
            return null;
        }
        ChainNode node = new ChainNode(ChainNode.SPLITTER, name);
        // Recorded before recursing, so that a loop of splitters ends here.
        splitterNodes.put(name, node);
        nodes.put(node.key(), node);
        boolean hasHashLoadBalancer = false;
        for (Map<String, Object> split : objects(splitter.get(), "Splits")) {
            ChainNode.Split compiled = new ChainNode.Split(split, ServiceSplitter.weight(split));
            node.splits.add(compiled);
            String splitService = ServiceResolver.orName(text(split, "Service"), service);
            String subset = text(split, "ServiceSubset");
            if (!splitService.equals(service) && subset.isEmpty()) {
                ChainNode next = splitterNode(splitService);
                if (next != null) {
                    compiled.nextNode = next.key();
                    continue;
                }
            }
            ChainNode next = resolverNode(newTarget(new Opts(splitService, subset, DEFAULT, DEFAULT, "", "")), false);
            compiled.nextNode = next.key();
            // One hash policy per route: the first hash-based load balancer met wins.
            if (!hasHashLoadBalancer && next.loadBalancer != null
                    && ServiceResolver.hashBased(text(next.loadBalancer, "Policy"))) {
                node.loadBalancer = next.loadBalancer;
                hasHashLoadBalancer = true;
            }
        }
        usesAdvancedRouting = true;
        return node;
    }

    private Map<String, Object> resolver(String service) {
        return resolvers.computeIfAbsent(service, s -> body(ConfigEntries.SERVICE_RESOLVER, s).orElse(Map.of()));
    }

    private static boolean isDefault(Map<String, Object> r) {
        return text(r, "DefaultSubset").isEmpty() && objectOrEmpty(r, "Subsets").isEmpty()
                && r.get("Redirect") == null && objectOrEmpty(r, "Failover").isEmpty()
                && number(r, "ConnectTimeout") == 0 && number(r, "RequestTimeout") == 0 && r.get("LoadBalancer") == null;
    }

    /**
     * getResolverNode: the resolver node of a target after its redirects and default subset, with its failover
     * targets. Called for a failover target it neither records the node nor follows that target's own failover.
     */
    private ChainNode resolverNode(ChainTarget start, boolean forFailover) {
        ChainTarget target = start;
        Set<String> redirectHistory = new LinkedHashSet<>();
        Map<String, Object> resolver;
        while (true) {
            ChainNode known = resolveNodes.get(target.id);
            if (known != null) {
                return known;
            }
            if (target.opts.peer().isEmpty()) {
                recordServiceProtocol(target.opts.service());
            }
            resolver = resolver(target.opts.service());
            if (!redirectHistory.add(target.id)) {
                List<String> order = new ArrayList<>(redirectHistory);
                order.add(target.id);
                throw graphError("detected circular resolver redirect: [" + String.join(" -> ", order) + "]");
            }
            Optional<Map<String, Object>> redirect = object(resolver, "Redirect");
            if (redirect.isPresent()) {
                ChainTarget redirected = rewrite(target, Opts.of(redirect.get()));
                if (!redirected.id.equals(target.id)) {
                    target = redirected;
                    continue;
                }
            }
            String defaultSubset = text(resolver, "DefaultSubset");
            if (target.opts.subset().isEmpty() && !defaultSubset.isEmpty()) {
                target = rewrite(target, new Opts("", defaultSubset, "", "", "", ""));
                continue;
            }
            break;
        }
        Map<String, Object> subsets = objectOrEmpty(resolver, "Subsets");
        String subset = target.opts.subset();
        if (!subset.isEmpty() && !subsets.containsKey(subset)) {
            throw graphError("service " + quote(target.opts.service()) + " does not have a subset named "
                    + quote(subset));
        }
        long connectTimeout = number(resolver, "ConnectTimeout");
        connectTimeout = connectTimeout < 1 ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        if (overrides.connectTimeout() > 0 && connectTimeout != overrides.connectTimeout()) {
            connectTimeout = overrides.connectTimeout();
            customizedConnectTimeout = true;
        }
        target.connectTimeout = connectTimeout;
        ChainNode node = new ChainNode(ChainNode.RESOLVER, target.id);
        node.loadBalancer = object(resolver, "LoadBalancer").orElse(null);
        target.subset = subset.isEmpty() ? Map.of() : Bodies.cast(subsets.get(subset));
        external(target, resolver);
        retainedTargets.add(target.id);
        List<String> failoverTargets = new ArrayList<>();
        node.resolver = new ChainNode.Resolver(isDefault(resolver), target.connectTimeout,
                number(resolver, "RequestTimeout"), target.id, failoverTargets);
        if (forFailover) {
            return node;
        }
        resolveNodes.put(target.id, node);
        nodes.put(node.key(), node);
        Map<String, Object> failovers = objectOrEmpty(resolver, "Failover");
        Object failover = failovers.containsKey(subset) ? failovers.get(subset) : failovers.get("*");
        if (failover != null) {
            for (ChainTarget to : failoverTargets(target, Bodies.cast(failover))) {
                failoverTargets.add(resolverNode(to, true).resolver.target());
            }
        }
        return node;
    }

    /** The targets a failover section names, without the target itself. */
    private List<ChainTarget> failoverTargets(ChainTarget target, Map<String, Object> failover) {
        List<ChainTarget> out = new ArrayList<>();
        Opts base = new Opts(text(failover, "Service"), text(failover, "ServiceSubset"),
                text(failover, "Namespace"), "", "", "");
        List<?> datacenters = Bodies.list(failover, "Datacenters");
        List<Map<String, Object>> targets = objects(failover, "Targets");
        List<Opts> overs = new ArrayList<>();
        if (!datacenters.isEmpty()) {
            datacenters.forEach(dc -> overs.add(base.withDatacenter((String) dc)));
        } else if (!targets.isEmpty()) {
            targets.forEach(t -> overs.add(Opts.of(t)));
        } else {
            overs.add(base);
        }
        for (Opts over : overs) {
            ChainTarget to = rewrite(target, over);
            if (!to.id.equals(target.id)) {
                out.add(to);
            }
        }
        return out;
    }

    /** ExternalSNI and mesh gateway settings from service-defaults and proxy-defaults. */
    private void external(ChainTarget target, Map<String, Object> resolver) {
        Optional<Map<String, Object>> defaults = body(ConfigEntries.SERVICE_DEFAULTS, target.opts.service());
        String externalSni = defaults.map(d -> text(d, "ExternalSNI")).orElse("");
        if (!externalSni.isEmpty()) {
            target.sni = externalSni;
            target.external = true;
            String service = quote(target.opts.service());
            if (resolver.get("Redirect") != null) {
                throw graphError("service " + service + " has an external SNI set; cannot define redirects for "
                        + "external services");
            }
            if (!objectOrEmpty(resolver, "Subsets").isEmpty()) {
                throw graphError("service " + service + " has an external SNI set; cannot define subsets for "
                        + "external services");
            }
            if (!objectOrEmpty(resolver, "Failover").isEmpty()) {
                throw graphError("service " + service + " has an external SNI set; cannot define failover for "
                        + "external services");
            }
            target.meshGatewayMode = "";
            return;
        }
        defaults.ifPresent(d -> {
            target.meshGatewayMode = text(objectOrEmpty(d, "MeshGateway"), "Mode");
            target.dialedDirectly = Bodies.flag(objectOrEmpty(d, "TransparentProxy"), "DialedDirectly");
        });
        body(ConfigEntries.PROXY_DEFAULTS, ConfigEntries.GLOBAL).ifPresent(p -> {
            if (target.meshGatewayMode.isEmpty()) {
                target.meshGatewayMode = text(objectOrEmpty(p, "MeshGateway"), "Mode");
            }
            if (!target.dialedDirectly) {
                target.dialedDirectly = Bodies.flag(objectOrEmpty(p, "TransparentProxy"), "DialedDirectly");
            }
        });
        String mode = overrides.meshGatewayMode();
        if (!mode.isEmpty() && !target.meshGatewayMode.equals(mode)) {
            target.meshGatewayMode = mode;
            customizedMeshGateway = true;
        }
    }
}
