package dev.signpost.core.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The services a gateway fronts, as Consul's {@code gateway-services} table holds them (agent/consul/state/catalog.go:
 * gatewayServicesFromConfigEntry, updateGatewayNamespace): one mapping per service of each ingress listener or
 * terminating entry, a wildcard {@code "*"} standing for every typical service of the catalog (for ingress, only
 * those with a Connect-capable instance) unless the service is named explicitly on the same port. Signpost derives
 * the mappings from the entries and the catalog when read instead of storing them: the same answer, no extra
 * replicated state. Pure.
 */
public final class GatewayServices {

    /** What the mappings read from the catalog. */
    public interface Catalog {
        /** The names with at least one typical (kind "") instance, sorted. */
        List<String> typicalServices();

        /** True when the service has a Connect-capable instance (a connect-proxy for it, or a native one). */
        boolean connectCapable(String service);
    }

    /**
     * One mapping (structs.GatewayService) with the indexes of the entry it comes from.
     *
     * @param port and {@code protocol}, {@code hosts}: the ingress listener's (0, "" and empty for terminating)
     * @param caFile and {@code certFile}, {@code keyFile}, {@code sni}: a terminating entry's TLS origination
     */
    public record GatewayService(String gateway, String service, String gatewayKind, int port, String protocol,
                                 List<String> hosts, String caFile, String certFile, String keyFile, String sni,
                                 boolean fromWildcard, long createIndex, long modifyIndex) {
        public GatewayService {
            requireNonNull(gateway, "gateway");
            requireNonNull(service, "service");
            requireNonNull(gatewayKind, "gatewayKind");
            requireNonNull(protocol, "protocol");
            hosts = List.copyOf(hosts);
            requireNonNull(caFile, "caFile");
            requireNonNull(certFile, "certFile");
            requireNonNull(keyFile, "keyFile");
            requireNonNull(sni, "sni");
        }
    }

    private static final Set<String> GRAPH_KINDS = Set.of(ConfigEntries.SERVICE_DEFAULTS, ConfigEntries.PROXY_DEFAULTS,
            "service-router", "service-splitter");

    private GatewayServices() {
    }

    /** The mappings of an ingress-gateway or terminating-gateway entry, by service name then port. */
    public static List<GatewayService> of(ConfigEntry entry, Catalog catalog) {
        List<GatewayService> explicit = new ArrayList<>();
        List<GatewayService> wildcards = new ArrayList<>();
        switch (entry.kind()) {
            case ConfigEntries.INGRESS_GATEWAY -> {
                for (Map<String, Object> listener : IngressGateway.listeners(entry)) {
                    int port = listener.get("Port") instanceof Number n ? n.intValue() : 0;
                    String protocol = ServiceDefaults.text(listener, "Protocol");
                    for (Map<String, Object> service : IngressGateway.services(listener)) {
                        GatewayService mapping = new GatewayService(entry.name(), ServiceDefaults.text(service,
                                "Name"), entry.kind(), port, protocol, IngressGateway.hosts(service), "", "", "", "",
                                false, entry.modifyIndex(), entry.modifyIndex());
                        (mapping.service().equals(IngressGateway.WILDCARD) ? wildcards : explicit).add(mapping);
                    }
                }
            }
            case ConfigEntries.TERMINATING_GATEWAY -> {
                for (Map<String, Object> s : TerminatingGateway.services(entry)) {
                    GatewayService mapping = new GatewayService(entry.name(), ServiceDefaults.text(s, "Name"),
                            entry.kind(), 0, "", List.of(), ServiceDefaults.text(s, "CAFile"),
                            ServiceDefaults.text(s, "CertFile"), ServiceDefaults.text(s, "KeyFile"),
                            ServiceDefaults.text(s, "SNI"), false, entry.modifyIndex(), entry.modifyIndex());
                    (mapping.service().equals(IngressGateway.WILDCARD) ? wildcards : explicit).add(mapping);
                }
            }
            default -> throw new IllegalArgumentException("not a gateway config entry kind: " + entry.kind());
        }
        List<GatewayService> all = new ArrayList<>(explicit);
        Set<String> named = new HashSet<>();
        explicit.forEach(m -> named.add(m.service() + ":" + m.port()));
        Predicate<String> fits = entry.kind().equals(ConfigEntries.INGRESS_GATEWAY) ? catalog::connectCapable
                : name -> true;
        for (GatewayService wildcard : wildcards) {
            for (String name : catalog.typicalServices()) {
                if (!named.contains(name + ":" + wildcard.port()) && fits.test(name)) {
                    all.add(new GatewayService(wildcard.gateway(), name, wildcard.gatewayKind(), wildcard.port(),
                            wildcard.protocol(), List.of(), wildcard.caFile(), wildcard.certFile(),
                            wildcard.keyFile(), wildcard.sni(), true, wildcard.createIndex(), wildcard.modifyIndex()));
                }
            }
        }
        all.sort(Comparator.comparing(GatewayService::service).thenComparingInt(GatewayService::port));
        return all;
    }

    /** True for the kinds whose entries map a gateway to services. */
    public static boolean isGateway(String kind) {
        return kind.equals(ConfigEntries.INGRESS_GATEWAY) || kind.equals(ConfigEntries.TERMINATING_GATEWAY);
    }

    /** True when an entry names the wildcard, so its mappings change with the catalog's services. */
    public static boolean hasWildcard(ConfigEntry entry) {
        List<Map<String, Object>> services = entry.kind().equals(ConfigEntries.INGRESS_GATEWAY)
                ? IngressGateway.listeners(entry).stream().flatMap(l -> IngressGateway.services(l).stream()).toList()
                : TerminatingGateway.services(entry);
        return services.stream().anyMatch(s -> ServiceDefaults.text(s, "Name").equals(IngressGateway.WILDCARD));
    }

    /**
     * What Consul's state store refuses when an entry is written (validateProposedConfigEntryInGraph and
     * checkGatewayClash), with its words: an ingress and a terminating entry may not share a name, and an ingress
     * listener's protocol must be the protocol of each service it names (service-defaults', else proxy-defaults'
     * {@code protocol}, else tcp); a tcp listener may front a service of another protocol only where the service's
     * discovery chain starts at its resolver (no router or splitter for it).
     *
     * @param entries the stored entry of a kind and name, if any
     */
    public static Optional<String> refusal(ConfigEntry entry,
                                           BiFunction<String, String, Optional<ConfigEntry>> entries) {
        if (!isGateway(entry.kind())) {
            return Optional.empty();
        }
        String other = entry.kind().equals(ConfigEntries.INGRESS_GATEWAY) ? ConfigEntries.TERMINATING_GATEWAY
                : ConfigEntries.INGRESS_GATEWAY;
        if (entries.apply(other, entry.name()).isPresent()) {
            return Optional.of("cannot create a " + ConfigEntries.quote(entry.kind()) + " config entry with name "
                    + ConfigEntries.quote(entry.name()) + ", a " + ConfigEntries.quote(other)
                    + " config entry with that name already exists");
        }
        return other.equals(ConfigEntries.INGRESS_GATEWAY) ? Optional.empty() : ingressProtocols(entry, entries);
    }

    /**
     * What Consul refuses when an entry the ingress protocol check reads (service-defaults, proxy-defaults, a router or
     * a splitter) is written or deleted: the check of {@link #refusal} made again for every stored ingress entry, as if
     * the change were made.
     *
     * @param next the entry as it would be written, or empty for a delete
     * @param ingress the stored ingress-gateway entries
     */
    public static Optional<String> graphRefusal(String kind, String name, Optional<ConfigEntry> next,
                                                List<ConfigEntry> ingress,
                                                BiFunction<String, String, Optional<ConfigEntry>> entries) {
        if (!GRAPH_KINDS.contains(kind)) {
            return Optional.empty();
        }
        BiFunction<String, String, Optional<ConfigEntry>> proposed = (k, n) -> k.equals(kind) && n.equals(name)
                ? next : entries.apply(k, n);
        return ingress.stream().map(e -> ingressProtocols(e, proposed)).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> ingressProtocols(ConfigEntry entry,
                                                     BiFunction<String, String, Optional<ConfigEntry>> entries) {
        for (Map<String, Object> listener : IngressGateway.listeners(entry)) {
            String expected = ServiceDefaults.text(listener, "Protocol");
            for (Map<String, Object> service : IngressGateway.services(listener)) {
                String name = ServiceDefaults.text(service, "Name");
                if (name.equals(IngressGateway.WILDCARD)) {
                    continue;
                }
                String protocol = protocol(name, entries);
                boolean startsAtResolver = entries.apply("service-router", name).isEmpty()
                        && entries.apply("service-splitter", name).isEmpty();
                if (!protocol.equals(expected) && (!expected.equals("tcp") || !startsAtResolver)) {
                    return Optional.of("service " + ConfigEntries.quote(name) + " has protocol "
                            + ConfigEntries.quote(protocol) + ", which does not match defined listener protocol "
                            + ConfigEntries.quote(expected));
                }
            }
        }
        return Optional.empty();
    }

    /** A service's protocol in the service graph (protocolForService), lower case as Consul normalises it. */
    private static String protocol(String service, BiFunction<String, String, Optional<ConfigEntry>> entries) {
        String own = entries.apply(ConfigEntries.SERVICE_DEFAULTS, service).map(e -> e.text("Protocol")).orElse("");
        if (!own.isEmpty()) {
            return own;
        }
        Object global = entries.apply(ConfigEntries.PROXY_DEFAULTS, ConfigEntries.GLOBAL)
                .map(e -> e.body().get("Config")).filter(c -> c instanceof Map<?, ?>)
                .map(c -> ((Map<?, ?>) c).get("protocol")).orElse(null);
        return global instanceof String s && !s.isEmpty() ? s.toLowerCase(Locale.ROOT) : "tcp";
    }
}
