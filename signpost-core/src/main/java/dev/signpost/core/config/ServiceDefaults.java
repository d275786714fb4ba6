package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.failIf;
import static dev.signpost.core.config.ConfigEntries.multiError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ServiceConfigEntry's Normalize and Validate, with Consul's messages. Pure. */
final class ServiceDefaults {
    private static final String EXACT_BALANCE = "exact_balance";

    private ServiceDefaults() {
    }

    static ConfigEntry normalized(ConfigEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>(entry.body());
        lowerProtocol(body);
        Map<String, Object> upstreams = object(body, "UpstreamConfig");
        if (upstreams != null) {
            upstreams = new LinkedHashMap<>(upstreams);
            if (upstreams.get("Overrides") instanceof List<?> overrides) {
                upstreams.put("Overrides", overrides.stream().map(o -> upstream(cast(o))).toList());
            }
            Map<String, Object> defaults = object(upstreams, "Defaults");
            if (defaults != null) {
                upstreams.put("Defaults", upstream(defaults));
            }
            body.put("UpstreamConfig", upstreams);
        }
        ConfigEntry normalized = entry.withBody(body);
        validate(normalized);
        return normalized;
    }

    private static void validate(ConfigEntry entry) {
        ConfigEntries.requireName(entry);
        if (entry.name().equals("*")) {
            throw new IllegalArgumentException(
                    "service-defaults name must be the name of a service, and not a wildcard");
        }
        List<String> errors = ConfigEntries.meta(entry.meta(), new ArrayList<>());
        String balance = entry.text("BalanceInboundConnections");
        if (!balance.isEmpty() && !balance.equals(EXACT_BALANCE)) {
            errors.add("invalid value for balance_inbound_connections: " + balance);
        }
        Map<String, Object> upstreams = object(entry.body(), "UpstreamConfig");
        Map<String, Object> destination = object(entry.body(), "Destination");
        if (upstreams != null && destination != null) {
            errors.add("UpstreamConfig and Destination are mutually exclusive for service defaults");
            failIf(errors);
        }
        if (upstreams != null) {
            if (upstreams.get("Overrides") instanceof List<?> overrides) {
                for (Object o : overrides) {
                    Map<String, Object> override = cast(o);
                    upstreamProblem(override, true).ifPresent(why -> errors.add("error in upstream override for "
                            + text(override, "Name") + ": " + why));
                }
            }
            Map<String, Object> defaults = object(upstreams, "Defaults");
            if (defaults != null) {
                upstreamProblem(defaults, false).ifPresent(why -> errors.add("error in upstream defaults: " + why));
            }
        }
        if (destination != null) {
            destinationProblems(destination, errors);
        }
        failIf(errors);
    }

    private static void destinationProblems(Map<String, Object> destination, List<String> errors) {
        List<?> addresses = destination.get("Addresses") instanceof List<?> l ? l : List.of();
        if (addresses.isEmpty()) {
            errors.add("Destination must contain at least one valid address");
        }
        Set<Object> seen = new HashSet<>();
        for (Object address : addresses) {
            if (!seen.add(address)) {
                errors.add("Duplicate address '" + address + "' is not allowed");
                continue;
            }
            if (!validAddress((String) address)) {
                errors.add("Destination address '" + address + "' is invalid Could not validate address " + address
                        + " as an IP or Hostname");
            }
        }
        long port = destination.get("Port") instanceof Number n ? n.longValue() : 0;
        if (port < 1 || port > 65535) {
            errors.add("Invalid Port number " + port);
        }
    }

    /**
     * An IP, or a domain name without a wildcard. miekg/dns IsDomainName takes any labels of 1 to 63 octets, 255 in
     * all, so it takes every IP literal too: that check alone decides.
     */
    static boolean validAddress(String address) {
        return !address.contains("*") && isDomainName(address);
    }

    /** miekg/dns IsDomainName: labels of 1 to 63 octets, 255 in all ("*" is an octet like any other). */
    static boolean isDomainName(String address) {
        if (address.isEmpty() || address.length() > 255) {
            return false;
        }
        String name = address.endsWith(".") && address.length() > 1
                ? address.substring(0, address.length() - 1) : address;
        if (name.equals(".")) {
            return true;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** UpstreamConfig.validate: what is wrong, as Consul words it (a multierror's text when several). */
    private static Optional<String> upstreamProblem(Map<String, Object> upstream, boolean named) {
        String name = text(upstream, "Name");
        if (named) {
            if (name.isEmpty()) {
                return Optional.of("Name is required");
            }
            if (name.equals("*")) {
                return Optional.of("Wildcard name is not supported");
            }
        } else if (!name.isEmpty()) {
            return Optional.of("Name must be empty");
        }
        List<String> errors = new ArrayList<>();
        Map<String, Object> check = object(upstream, "PassiveHealthCheck");
        if (check != null && check.get("Interval") instanceof Number n && n.longValue() < 0) {
            errors.add("passive health check interval cannot be negative");
        }
        Map<String, Object> limits = object(upstream, "Limits");
        if (limits != null) {
            negative(limits, "MaxConnections", "max connections")
                    .or(() -> negative(limits, "MaxPendingRequests", "max pending requests"))
                    .or(() -> negative(limits, "MaxConcurrentRequests", "max concurrent requests"))
                    .ifPresent(errors::add);
        }
        String balance = text(upstream, "BalanceOutboundConnections");
        if (!balance.isEmpty() && !balance.equals(EXACT_BALANCE)) {
            errors.add("invalid value for balance_outbound_connections: " + balance);
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(multiError(errors));
    }

    private static Optional<String> negative(Map<String, Object> limits, String field, String words) {
        return limits.get(field) instanceof Number n && n.longValue() < 0
                ? Optional.of(words + " cannot be negative") : Optional.empty();
    }

    /** UpstreamConfig.normalize: protocol in lower case, a negative connect timeout is none. */
    private static Map<String, Object> upstream(Map<String, Object> upstream) {
        Map<String, Object> out = new LinkedHashMap<>(upstream);
        lowerProtocol(out);
        if (out.get("ConnectTimeoutMs") instanceof Number n && n.longValue() < 0) {
            out.put("ConnectTimeoutMs", 0L);
        }
        return out;
    }

    private static void lowerProtocol(Map<String, Object> body) {
        if (body.get("Protocol") instanceof String protocol) {
            body.put("Protocol", protocol.toLowerCase(Locale.ROOT));
        }
    }

    static String text(Map<String, Object> map, String field) {
        return map.get(field) instanceof String s ? s : "";
    }

    static Map<String, Object> object(Map<String, Object> map, String field) {
        return map.get(field) instanceof Map<?, ?> m ? cast(m) : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
