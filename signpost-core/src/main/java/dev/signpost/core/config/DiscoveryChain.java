package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.quote;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A compiled discovery chain (Consul's CompiledDiscoveryChain): what a proxy upstream of one service resolves to
 * after its router, splitters and resolvers, compiled as agent/consul/discoverychain/compile.go does for Consul OSS
 * (default namespace and partition; no request overrides). Compiling is pure: the entries come from outside.
 *
 * @param protocol the protocol shared by every service in the chain
 * @param startNodeType the type of the node the chain starts at: router, splitter or resolver
 * @param json the chain as Consul's HTTP API writes it (timeouts as {@link java.time.Duration}s)
 */
public record DiscoveryChain(String protocol, String startNodeType, Map<String, Object> json) {

    /**
     * Compiles the chain of {@code service} as seen from {@code datacenter}, its targets' SNI names in
     * {@code trustDomain}.
     *
     * @throws IllegalArgumentException with Consul's message when the entries make no valid chain
     */
    public static DiscoveryChain compile(String service, String datacenter, String trustDomain,
                                         ChainEntries entries) {
        return compile(service, datacenter, trustDomain, entries, ChainOverrides.NONE);
    }

    /** Compiles the chain with a POST body's overrides, noting them in its CustomizationHash when they change it. */
    public static DiscoveryChain compile(String service, String datacenter, String trustDomain,
                                         ChainEntries entries, ChainOverrides overrides) {
        if (service.isEmpty()) {
            throw new IllegalArgumentException("serviceName is required");
        }
        ChainCompiler c = new ChainCompiler(service, datacenter, trustDomain, entries, overrides);
        c.assemble();
        detectCircularReferences(c.nodes, c.startNode);
        flattenAdjacentSplitters(c.nodes);
        removeUnusedNodes(c.nodes, c.startNode);
        c.loadedTargets.keySet().retainAll(c.retainedTargets);
        if (!ChainCompiler.httpLike(c.protocol) && c.usesAdvancedRouting) {
            throw ChainCompiler.graphError("discovery chain " + quote(service) + " uses a protocol "
                    + quote(c.protocol) + " that does not permit advanced routing or splitting behavior");
        }
        if (!overrides.protocol().isEmpty() && !overrides.protocol().equals(c.protocol)) {
            c.protocol = overrides.protocol();
            c.customizedProtocol = true;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ServiceName", service);
        json.put("Namespace", ChainCompiler.DEFAULT);
        json.put("Partition", ChainCompiler.DEFAULT);
        json.put("Datacenter", datacenter);
        if (c.customizedMeshGateway || c.customizedProtocol || c.customizedConnectTimeout) {
            json.put("CustomizationHash", overrides.customizationHash(c.customizedMeshGateway, c.customizedProtocol,
                    c.customizedConnectTimeout));
        }
        if (isDefault(c, service)) {
            json.put("Default", true);
        }
        ChainTarget.putText(json, "Protocol", c.protocol);
        Map<String, String> meta = entries.entry(ConfigEntries.SERVICE_DEFAULTS, service).map(ConfigEntry::meta)
                .orElse(Map.of());
        if (!meta.isEmpty()) {
            json.put("ServiceMeta", new TreeMap<>(meta));
        }
        json.put("StartNode", c.startNode);
        Map<String, Object> nodes = new TreeMap<>();
        c.nodes.forEach((key, node) -> nodes.put(key, node.render()));
        json.put("Nodes", nodes);
        Map<String, Object> targets = new TreeMap<>();
        c.loadedTargets.forEach((id, target) -> targets.put(id, target.render()));
        json.put("Targets", targets);
        json.put("AutoVirtualIPs", null);
        json.put("ManualVirtualIPs", null);
        return new DiscoveryChain(c.protocol, c.nodes.get(c.startNode).type, json);
    }

    /** The trust domain of a cluster: its ID, here the Raft group's name-based UUID, under ".consul". */
    public static String trustDomain(String datacenter) {
        return java.util.UUID.nameUUIDFromBytes(("signpost:" + datacenter).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + ".consul";
    }

    /** No routing, no splitting and only the default resolution of the service itself. */
    private static boolean isDefault(ChainCompiler c, String service) {
        ChainNode start = c.nodes.get(c.startNode);
        if (!start.type.equals(ChainNode.RESOLVER) || !start.resolver.isDefault()) {
            return false;
        }
        ChainTarget target = c.loadedTargets.get(start.resolver.target());
        return target.opts.service().equals(service) && target.opts.namespace().equals(ChainCompiler.DEFAULT)
                && target.opts.partition().equals(ChainCompiler.DEFAULT);
    }

    private static void detectCircularReferences(Map<String, ChainNode> nodes, String start) {
        final String popVisit = "_popvisit";
        Deque<String> pending = new ArrayDeque<>();
        List<String> visitChain = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (current.equals(popVisit)) {
                if (!visitChain.isEmpty()) {
                    visited.remove(visitChain.removeLast());
                }
                continue;
            }
            visitChain.add(current);
            if (!visited.add(current)) {
                throw ChainCompiler.graphError("detected circular reference: [" + String.join(" -> ", visitChain)
                        + "]");
            }
            pending.push(popVisit);
            ChainNode node = nodes.get(current);
            node.routes.forEach(r -> pending.push(r.nextNode));
            node.splits.forEach(s -> pending.push(s.nextNode));
        }
    }

    /** A split to another splitter becomes that splitter's splits, weights multiplied, headers merged. */
    private static void flattenAdjacentSplitters(Map<String, ChainNode> nodes) {
        boolean anyChanged = true;
        while (anyChanged) {
            anyChanged = false;
            for (ChainNode node : nodes.values()) {
                if (!node.type.equals(ChainNode.SPLITTER)) {
                    continue;
                }
                List<ChainNode.Split> fixed = new ArrayList<>();
                boolean changed = false;
                for (ChainNode.Split split : node.splits) {
                    ChainNode next = nodes.get(split.nextNode);
                    if (!next.type.equals(ChainNode.SPLITTER)) {
                        fixed.add(split);
                        continue;
                    }
                    changed = true;
                    for (ChainNode.Split inner : next.splits) {
                        float weight = split.weight * inner.weight / 100;
                        ChainNode.Split merged = new ChainNode.Split(
                                SplitHeaders.mergeParent(inner.definition, split.definition),
                                ServiceSplitter.normalizedWeight(weight));
                        merged.nextNode = inner.nextNode;
                        fixed.add(merged);
                    }
                }
                if (changed) {
                    node.splits = fixed;
                    anyChanged = true;
                }
            }
        }
    }

    private static void removeUnusedNodes(Map<String, ChainNode> nodes, String start) {
        Set<String> visited = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (!visited.add(next)) {
                continue;
            }
            ChainNode node = nodes.get(next);
            if (node == null) {
                throw new IllegalStateException("compilation references non-retained node " + quote(next));
            }
            node.routes.forEach(r -> pending.push(r.nextNode));
            node.splits.forEach(s -> pending.push(s.nextNode));
        }
        nodes.keySet().retainAll(visited);
    }
}
