package dev.signpost.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a compiled discovery chain (Consul's DiscoveryGraphNode): a router with its routes, a splitter with its
 * splits, or a resolver of one target. Mutable while one compilation runs (splits are flattened in place); not
 * thread-safe.
 */
final class ChainNode {
    static final String ROUTER = "router";
    static final String SPLITTER = "splitter";
    static final String RESOLVER = "resolver";

    /** A compiled route: its definition (a ServiceRoute body) and the node it leads to. */
    static final class Route {
        final Map<String, Object> definition;
        String nextNode = "";

        Route(Map<String, Object> definition) {
            this.definition = definition;
        }
    }

    /** A compiled split: its definition (a ServiceSplit body), its effective weight and the node it leads to. */
    static final class Split {
        final Map<String, Object> definition;
        final float weight;
        String nextNode = "";

        Split(Map<String, Object> definition, float weight) {
            this.definition = definition;
            this.weight = weight;
        }
    }

    /** A compiled resolver (DiscoveryResolver). */
    record Resolver(boolean isDefault, long connectTimeout, long requestTimeout, String target,
                    List<String> failoverTargets) {
    }

    final String type;
    final String name;
    final List<Route> routes = new ArrayList<>();
    List<Split> splits = new ArrayList<>();
    Resolver resolver;
    Map<String, Object> loadBalancer;

    ChainNode(String type, String name) {
        this.type = type;
        this.name = name;
    }

    /** The key of this node in the chain's Nodes: "type:name". */
    String key() {
        return type + ":" + name;
    }

    /** The node as Go's encoding/json writes it (DiscoveryResolver's ConnectTimeout first, as a duration). */
    Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Type", type);
        out.put("Name", name);
        if (!routes.isEmpty()) {
            out.put("Routes", routes.stream().map(r -> {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("Definition", ServiceRouter.ROUTE.render(r.definition));
                ChainTarget.putText(route, "NextNode", r.nextNode);
                return route;
            }).toList());
        }
        if (!splits.isEmpty()) {
            out.put("Splits", splits.stream().map(s -> {
                Map<String, Object> split = new LinkedHashMap<>();
                split.put("Definition", ServiceSplitter.SPLIT.render(s.definition));
                if (s.weight != 0) {
                    split.put("Weight", WeakDecode.goFloat32(s.weight));
                }
                ChainTarget.putText(split, "NextNode", s.nextNode);
                return split;
            }).toList());
        }
        if (resolver != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (resolver.connectTimeout() != 0) {
                r.put("ConnectTimeout", Duration.ofNanos(resolver.connectTimeout()));
            }
            if (resolver.isDefault()) {
                r.put("Default", true);
            }
            if (resolver.requestTimeout() != 0) {
                r.put("RequestTimeout", resolver.requestTimeout());
            }
            ChainTarget.putText(r, "Target", resolver.target());
            if (!resolver.failoverTargets().isEmpty()) {
                r.put("Failover", Map.of("Targets", resolver.failoverTargets()));
            }
            out.put("Resolver", r);
        }
        if (loadBalancer != null) {
            out.put("LoadBalancer", ServiceResolver.LOAD_BALANCER.render(loadBalancer));
        }
        return out;
    }
}
