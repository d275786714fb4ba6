package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.failIf;
import static dev.signpost.core.config.ConfigEntries.quote;
import static dev.signpost.core.config.ServiceDefaults.cast;
import static dev.signpost.core.config.ServiceDefaults.object;
import static dev.signpost.core.config.ServiceDefaults.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code ingress-gateway} kind: IngressGatewayConfigEntry's fields, Normalize (a listener's protocol defaults to
 * tcp, in lower case) and Validate, with Consul's messages (agent/structs/config_entry_gateways.go). Pure.
 */
final class IngressGateway {
    static final String WILDCARD = "*";
    private static final Set<String> PROTOCOLS = Set.of("tcp", "http", "http2", "grpc");
    private static final EntrySchema HEADERS = EntrySchema.builder()
            .omit("Add", "", Type.STRING_MAP)
            .omit("Set", "", Type.STRING_MAP)
            .omit("Remove", "", Type.STRING_LIST).build();
    private static final EntrySchema SERVICE = EntrySchema.builder()
            .plain("Name", Type.STRING)
            .plain("Hosts", Type.STRING_LIST)
            .structPointer("TLS", "", GatewayTls.SERVICE)
            .structPointer("RequestHeaders", "request_headers", HEADERS)
            .structPointer("ResponseHeaders", "response_headers", HEADERS)
            .omit("MaxConnections", "max_connections", Type.UINT32)
            .omit("MaxPendingRequests", "max_pending_requests", Type.UINT32)
            .omit("MaxConcurrentRequests", "max_concurrent_requests", Type.UINT32)
            .structPointer("PassiveHealthCheck", "passive_health_check", ConfigEntries.PASSIVE_HEALTH_CHECK)
            .omit("Meta", "", Type.STRING_MAP).build();
    private static final EntrySchema LISTENER = EntrySchema.builder()
            .plain("Port", Type.INT)
            .plain("Protocol", Type.STRING)
            .structPointer("TLS", "", GatewayTls.GATEWAY)
            .structList("Services", SERVICE).build();
    // IngressServiceConfig: its limits carry no alias and no omitempty.
    private static final EntrySchema DEFAULTS = EntrySchema.builder()
            .plain("MaxConnections", Type.UINT32)
            .plain("MaxPendingRequests", Type.UINT32)
            .plain("MaxConcurrentRequests", Type.UINT32)
            .structPointer("PassiveHealthCheck", "passive_health_check", ConfigEntries.PASSIVE_HEALTH_CHECK).build();
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .plain("Name", Type.STRING)
            .struct("TLS", "", GatewayTls.GATEWAY)
            .structList("Listeners", LISTENER)
            .structPointer("Defaults", "", DEFAULTS)
            .omit("Meta", "", Type.STRING_MAP).build();

    private IngressGateway() {
    }

    static ConfigEntry normalized(ConfigEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        if (body.get("Listeners") instanceof List<?> listeners) {
            List<Object> out = new ArrayList<>();
            for (Object l : listeners) {
                Map<String, Object> listener = new LinkedHashMap<>(cast(l));
                String protocol = text(listener, "Protocol");
                listener.put("Protocol", protocol.isEmpty() ? "tcp" : protocol.toLowerCase(Locale.ROOT));
                out.add(listener);
            }
            body.put("Listeners", out);
        }
        ConfigEntry normalized = entry.withBody(body);
        failIf(ConfigEntries.meta(normalized.meta(), new ArrayList<>()));
        problem(normalized).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return normalized;
    }

    /** The listeners of a normalised entry. */
    static List<Map<String, Object>> listeners(ConfigEntry entry) {
        return entry.body().get("Listeners") instanceof List<?> l ? l.stream().map(ServiceDefaults::cast).toList()
                : List.of();
    }

    /** The services of a listener. */
    static List<Map<String, Object>> services(Map<String, Object> listener) {
        return listener.get("Services") instanceof List<?> l ? l.stream().map(ServiceDefaults::cast).toList()
                : List.of();
    }

    /** The hosts of a listener's service. */
    static List<String> hosts(Map<String, Object> service) {
        return service.get("Hosts") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** IngressGatewayConfigEntry.Validate after the Meta check: the first problem, as Consul stops at it. */
    private static Optional<String> problem(ConfigEntry entry) {
        Map<String, Object> gatewayTls = object(entry.body(), "TLS");
        Map<String, Object> tls = gatewayTls == null ? Map.of() : gatewayTls;
        Optional<String> tlsProblem = GatewayTls.problem(tls);
        if (tlsProblem.isPresent()) {
            return tlsProblem;
        }
        Set<Long> ports = new HashSet<>();
        for (Map<String, Object> listener : listeners(entry)) {
            long port = listener.get("Port") instanceof Number n ? n.longValue() : 0;
            String protocol = text(listener, "Protocol");
            String at = " (listener on port " + port + ")";
            if (!ports.add(port)) {
                return Optional.of("port " + port + " declared on two listeners");
            }
            if (!PROTOCOLS.contains(protocol)) {
                return Optional.of("protocol must be 'tcp', 'http', 'http2', or 'grpc'. '" + protocol
                        + "' is an unsupported protocol");
            }
            List<Map<String, Object>> services = services(listener);
            if (services.isEmpty()) {
                return Optional.of("No service declared for listener with port " + port);
            }
            if (!httpLike(protocol) && services.size() > 1) {
                return Optional.of("Multiple services per listener are only supported for L7 protocols, 'http', "
                        + "'grpc' and 'http2'" + at);
            }
            Map<String, Object> listenerTls = object(listener, "TLS");
            if (listenerTls != null) {
                tlsProblem = GatewayTls.problem(listenerTls);
                if (tlsProblem.isPresent()) {
                    return tlsProblem;
                }
            }
            Optional<String> servicesProblem = servicesProblem(tls, listener, services, protocol, port);
            if (servicesProblem.isPresent()) {
                return servicesProblem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> servicesProblem(Map<String, Object> gatewayTls, Map<String, Object> listener,
                                                    List<Map<String, Object>> services, String protocol, long port) {
        String at = " (listener on port " + port + ")";
        Set<String> hostsSeen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> service : services) {
            String name = text(service, "Name");
            List<String> hosts = hosts(service);
            String of = " (service " + quote(name) + " on listener on port " + port + ")";
            if (headersSet(object(service, "RequestHeaders")) && !httpLike(protocol)) {
                return Optional.of("request headers only valid for http, http2 and grpc protocols" + of);
            }
            if (headersSet(object(service, "ResponseHeaders")) && !httpLike(protocol)) {
                return Optional.of("response headers only valid for http, http2 and grpc protocols" + of);
            }
            if (protocol.equals("tcp")) {
                if (name.equals(WILDCARD)) {
                    return Optional.of("Wildcard service name is only valid for protocol = 'http'" + at);
                }
                if (!hosts.isEmpty()) {
                    return Optional.of("Associating hosts to a service is not supported for the tcp protocol" + at);
                }
            }
            if (name.isEmpty()) {
                return Optional.of("Service name cannot be blank" + at);
            }
            if (name.equals(WILDCARD) && !hosts.isEmpty()) {
                return Optional.of("Associating hosts to a wildcard service is not supported" + at);
            }
            if (!names.add(name)) {
                return Optional.of("Service " + name + " cannot be added multiple times" + at);
            }
            Optional<String> sds = GatewayTls.sdsProblem(gatewayTls, listener, service, port);
            if (sds.isPresent()) {
                return sds;
            }
            boolean tlsEnabled = Boolean.TRUE.equals(gatewayTls.get("Enabled"));
            for (String host : hosts) {
                if (!hostsSeen.add(host)) {
                    return Optional.of("Hosts must be unique within a specific listener" + at);
                }
                Optional<String> hostProblem = hostProblem(tlsEnabled, host);
                if (hostProblem.isPresent()) {
                    return hostProblem;
                }
            }
        }
        return Optional.empty();
    }

    /** validateHost: "*" alone only without TLS; else a DNS name with a wildcard only as its leftmost label. */
    private static Optional<String> hostProblem(boolean tlsEnabled, String host) {
        if (host.equals(WILDCARD)) {
            return tlsEnabled ? Optional.of("Host '*' is not allowed when TLS is enabled, all hosts must be valid DNS "
                    + "records to add as a DNSSAN") : Optional.empty();
        }
        if (!ServiceDefaults.isDomainName(host)) {
            return Optional.of("Host " + quote(host) + " must be a valid DNS hostname");
        }
        String rest = host.startsWith("*.") ? host.substring(2) : host;
        if (rest.contains(WILDCARD)) {
            return Optional.of("Host " + quote(host)
                    + " is not valid, a wildcard specifier is only allowed as the leftmost label");
        }
        return Optional.empty();
    }

    private static boolean headersSet(Map<String, Object> headers) {
        return headers != null && headers.values().stream().anyMatch(v -> v instanceof Map<?, ?> m ? !m.isEmpty()
                : v instanceof List<?> l && !l.isEmpty());
    }

    /** IsProtocolHTTPLike. */
    static boolean httpLike(String protocol) {
        return protocol.equals("http") || protocol.equals("http2") || protocol.equals("grpc");
    }
}
