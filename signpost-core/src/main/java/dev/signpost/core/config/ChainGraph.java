package dev.signpost.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check Consul makes before it stores or deletes a config entry that shapes discovery chains
 * (state/config_entry.go: validateProposedConfigEntryInServiceGraph): every chain the change touches must still
 * compile, so that a splitter or router on a service whose protocol is not HTTP-like, a redirect loop or a missing
 * subset are refused at write time, and so is an intention with L7 permissions on a service whose chain is not
 * HTTP-like. Consul OSS, without ingress gateways or peering. Pure.
 */
public final class ChainGraph {
    // Consul compiles these speculative chains in "dc1" with a throwaway trust domain; its errors name dc1.
    private static final String DATACENTER = "dc1";
    private static final String TRUST_DOMAIN = "b6fc9da3-03d4-4b5a-9134-c045e9b20152.consul";

    private ChainGraph() {
    }

    /**
     * Checks writing ({@code proposed} present) or deleting (empty) the entry {@code kind}/{@code name} against
     * the {@code current} entries, all of which {@code stored} lists.
     *
     * @throws IllegalArgumentException with Consul's message for the first chain that would not compile
     */
    public static void validateProposed(String kind, String name, Optional<ConfigEntry> proposed,
                                        ChainEntries current, Collection<ConfigEntry> stored) {
        Set<String> chains = new TreeSet<>();
        List<ConfigEntry> intentions = new ArrayList<>();
        List<ConfigEntry> storedIntentions = stored.stream()
                .filter(e -> e.kind().equals(ConfigEntries.SERVICE_INTENTIONS)).toList();
        if (kind.equals(ConfigEntries.PROXY_DEFAULTS)) {
            stored.stream().filter(e -> ConfigEntries.CHAIN_KINDS.contains(e.kind())).forEach(e -> chains.add(e.name()));
            intentions.addAll(storedIntentions);
        } else if (kind.equals(ConfigEntries.SERVICE_INTENTIONS)) {
            if (proposed.isEmpty()) {
                return;
            }
            intentions.add(proposed.get());
        } else if (kind.equals(ConfigEntries.SERVICE_DEFAULTS) || ConfigEntries.CHAIN_KINDS.contains(kind)) {
            chains.add(name);
            // Consul's "link" index: the chain entries that send traffic to this service.
            stored.stream().filter(e -> ConfigEntries.CHAIN_KINDS.contains(e.kind()))
                    .filter(e -> ConfigEntries.relatedServices(e).contains(name))
                    .forEach(e -> chains.add(e.name()));
            intentions.addAll(storedIntentions);
        } else {
            return;
        }
        intentions.forEach(i -> chains.add(i.name()));
        ChainEntries speculative = current.with(kind, name, proposed);
        Map<String, String> protocols = new HashMap<>();
        for (String service : chains) {
            protocols.put(service, DiscoveryChain.compile(service, DATACENTER, TRUST_DOMAIN, speculative).protocol());
        }
        for (ConfigEntry intention : intentions) {
            boolean permissions = Bodies.objects(intention.body(), "Sources").stream()
                    .anyMatch(source -> !Bodies.list(source, "Permissions").isEmpty());
            String protocol = protocols.get(intention.name());
            if (!intention.name().equals(ServiceIntentions.WILDCARD) && permissions
                    && !ChainCompiler.httpLike(protocol)) {
                throw new IllegalArgumentException("service " + ConfigEntries.quote(intention.name()) + " has protocol "
                        + ConfigEntries.quote(protocol) + ", which is incompatible with L7 intentions permissions");
            }
        }
    }
}
