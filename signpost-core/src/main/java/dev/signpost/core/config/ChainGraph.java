package dev.signpost.core.config;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check Consul makes before it stores or deletes a config entry that shapes discovery chains
 * (state/config_entry.go: validateProposedConfigEntryInServiceGraph): every chain the change touches must still
 * compile, so that a splitter or router on a service whose protocol is not HTTP-like, a redirect loop or a missing
 * subset are refused at write time. Consul OSS, without ingress gateways, intentions or peering. Pure.
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
        if (kind.equals(ConfigEntries.PROXY_DEFAULTS)) {
            stored.stream().filter(e -> ConfigEntries.CHAIN_KINDS.contains(e.kind())).forEach(e -> chains.add(e.name()));
        } else if (kind.equals(ConfigEntries.SERVICE_DEFAULTS) || ConfigEntries.CHAIN_KINDS.contains(kind)) {
            chains.add(name);
            // Consul's "link" index: the chain entries that send traffic to this service.
            stored.stream().filter(e -> ConfigEntries.CHAIN_KINDS.contains(e.kind()))
                    .filter(e -> ConfigEntries.relatedServices(e).contains(name))
                    .forEach(e -> chains.add(e.name()));
        } else {
            return;
        }
        ChainEntries speculative = current.with(kind, name, proposed);
        for (String service : chains) {
            DiscoveryChain.compile(service, DATACENTER, TRUST_DOMAIN, speculative);
        }
    }
}
