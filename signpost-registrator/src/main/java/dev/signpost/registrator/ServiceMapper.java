package dev.signpost.registrator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Turns one inspected container into service instances, following gliderlabs/registrator's {@code bridge.go}
 * (see shared/reference/registrator.md §1). Pure: no Docker, no clock; the host-name resolver is passed in.
 *
 * <ul>
 * <li>Candidates: every exposed port with a provisional binding {@code 0.0.0.0:PORT} (host networking), replaced
 * by {@code NetworkSettings.Ports} where Docker lists the port; none at all: {@code no published ports}. Without
 * {@code -internal} a port with no host binding is dropped ({@code port P not published on host}).</li>
 * <li>ID {@code HOSTNAME:CONTAINER:PORT[:udp]}; name from the image's base name without registry, namespace, tag or
 * digest; {@code NAME-PORT} when more than one port survived (decided before SERVICE_IGNORE, as upstream), unless
 * the name came from {@code SERVICE_<port>_NAME}.</li>
 * <li>Address: the first binding's HostIP; a wildcard (0.0.0.0 or ::) is resolved from the host name; on a user
 * network the container's IP there; {@code -ip} wins; {@code -internal}: container IP and exposed port;
 * {@code -useIpFromLabel}: the label's value without {@code /cidr}; {@code --net container:ID}: that container's IP
 * (looked up by the caller).</li>
 * <li>SERVICE_* from env then labels (labels win among generic keys; a port-specific {@code SERVICE_<port>_KEY}
 * always beats a generic one); empty values count as unset; any non-empty IGNORE ignores; {@code -explicit} keeps
 * only services with a NAME; NAME/ID/TAGS are consumed, the other keys become attrs (Consul Meta, checks).</li>
 * <li>Tags: SERVICE_TAGS then {@code -tags} (then {@code udp} for UDP), split on commas ({@code \,} escapes one),
 * blanks dropped, each kept in the order written. Upstream's recursive splitter reversed each list; nothing relied
 * on that (its own tests sort), so we keep the order a reader expects.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class ServiceMapper {

    /** The services of one container and the "ignored: ..." lines to log (without the prefix). */
    record Mapping(List<Service> services, List<String> ignored) {
        Mapping {
            services = List.copyOf(services);
            ignored = List.copyOf(ignored);
        }
    }

    private static final Set<String> SHARED_MODES = Set.of("bridge", "default", "host", "");
    private static final Set<String> CONSUMED = Set.of("id", "name", "tags");

    private final String hostname;
    private final String forcedIp;
    private final boolean internal;
    private final boolean explicit;
    private final String ipLabel;
    private final String extraTags;
    private final int ttl;
    private final Function<String, Optional<String>> resolver;

    ServiceMapper(RegistratorConfig config, Function<String, Optional<String>> resolver) {
        this.hostname = config.hostname();
        this.forcedIp = config.hostIp();
        this.internal = config.internal();
        this.explicit = config.explicit();
        this.ipLabel = config.useIpFromLabel();
        this.extraTags = config.tags();
        this.ttl = config.ttl();
        this.resolver = requireNonNull(resolver, "resolver");
    }

    Mapping map(ContainerInfo c) {
        return map(c, Optional.empty());
    }

    /** Maps {@code c}; {@code networkContainerIp} is the IP of the container named by {@code container:ID} mode. */
    Mapping map(ContainerInfo c, Optional<String> networkContainerIp) {
        Map<String, List<ContainerInfo.Binding>> candidates = new TreeMap<>(PORT_ORDER);
        for (String exposed : c.exposedPorts()) {
            candidates.put(exposed, List.of(new ContainerInfo.Binding("0.0.0.0", portOf(exposed))));
        }
        candidates.putAll(c.ports());
        if (candidates.isEmpty()) {
            return new Mapping(List.of(), List.of(c.shortId() + " no published ports"));
        }
        List<String> ignored = new ArrayList<>();
        Map<String, List<ContainerInfo.Binding>> kept = new LinkedHashMap<>();
        candidates.forEach((key, bindings) -> {
            if (bindings.isEmpty() && !internal) {
                ignored.add(c.shortId() + " port " + portOf(key) + " not published on host");
            } else {
                kept.put(key, bindings);
            }
        });
        boolean group = kept.size() > 1;
        List<Service> services = new ArrayList<>();
        kept.forEach((key, bindings) -> service(c, key, bindings, group, networkContainerIp)
                .ifPresentOrElse(services::add, () -> ignored.add(c.shortId() + " service on port " + portOf(key))));
        return new Mapping(services, ignored);
    }

    private Optional<Service> service(ContainerInfo c, String key, List<ContainerInfo.Binding> bindings,
                                      boolean group, Optional<String> networkContainerIp) {
        String exposedPort = portOf(key);
        String protocol = key.contains("/") ? key.substring(key.indexOf('/') + 1) : "tcp";
        String hostIp = bindings.isEmpty() ? "" : bindings.get(0).hostIp();
        String hostPort = bindings.isEmpty() ? "" : bindings.get(0).hostPort();
        if (hostIp.isEmpty() || hostIp.equals("::")) {
            hostIp = "0.0.0.0";
        }
        if (!SHARED_MODES.contains(c.networkMode())) {
            hostIp = c.networks().getOrDefault(c.networkMode(), "");
        }
        if (hostIp.equals("0.0.0.0")) {
            hostIp = resolver.apply(hostname).orElse(hostIp);
        }
        if (!forcedIp.isEmpty()) {
            hostIp = forcedIp;
        }
        Map<String, String> meta = new HashMap<>();
        Set<String> fromPort = new java.util.HashSet<>();
        metadata(c, exposedPort, meta, fromPort);
        if (!meta.getOrDefault("ignore", "").isEmpty()) {
            return Optional.empty();
        }
        String name = meta.getOrDefault("name", "");
        if (name.isEmpty()) {
            if (explicit) {
                return Optional.empty();
            }
            name = defaultName(c.image());
        }
        if (group && !fromPort.contains("name")) {
            name = name + "-" + exposedPort;
        }
        String id = hostname + ":" + c.name() + ":" + exposedPort;
        String ip;
        int port;
        if (internal) {
            ip = exposedIp(c);
            port = parsePort(exposedPort);
        } else {
            ip = hostIp;
            port = parsePort(hostPort);
        }
        if (!ipLabel.isEmpty() && !c.labels().getOrDefault(ipLabel, "").isEmpty()) {
            String v = c.labels().get(ipLabel);
            ip = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
        }
        if (networkContainerIp.isPresent()) {
            ip = networkContainerIp.get();
        }
        List<String> tags = new ArrayList<>(splitTags(meta.getOrDefault("tags", "")));
        tags.addAll(splitTags(extraTags));
        if (protocol.equals("udp")) {
            tags.add("udp");
            id = id + ":udp";
        }
        if (!meta.getOrDefault("id", "").isEmpty()) {
            id = meta.get("id");
        }
        Map<String, String> attrs = new TreeMap<>(meta);
        attrs.keySet().removeAll(CONSUMED);
        return Optional.of(new Service(id, name, ip, port, tags, attrs, ttl, c.id(), c.name(), exposedPort,
                protocol, c.health()));
    }

    /** SERVICE_* keys for one port: env first, then labels; port-specific keys beat generic ones. */
    private static void metadata(ContainerInfo c, String port, Map<String, String> meta, Set<String> fromPort) {
        List<String> entries = new ArrayList<>(c.env());
        c.labels().forEach((k, v) -> entries.add(k + "=" + v));
        for (String kv : entries) {
            int eq = kv.indexOf('=');
            if (eq < 0 || !kv.startsWith("SERVICE_")) {
                continue;
            }
            String key = kv.substring("SERVICE_".length(), eq).toLowerCase(java.util.Locale.ROOT);
            String value = kv.substring(eq + 1);
            if (fromPort.contains(key)) {
                continue;
            }
            int us = key.indexOf('_');
            if (us > 0 && key.substring(0, us).chars().allMatch(Character::isDigit)) {
                if (key.substring(0, us).equals(port)) {
                    meta.put(key.substring(us + 1), value);
                    fromPort.add(key.substring(us + 1));
                }
            } else {
                meta.put(key, value);
            }
        }
    }

    /** {@code reg:5000/org/app:1.2} and {@code app@sha256:...} both name {@code app}. */
    static String defaultName(String image) {
        String base = image.substring(image.lastIndexOf('/') + 1);
        int at = base.indexOf('@');
        if (at >= 0) {
            base = base.substring(0, at);
        }
        int colon = base.indexOf(':');
        return colon >= 0 ? base.substring(0, colon) : base;
    }

    /** Splits on commas not escaped as {@code \,}; blanks dropped; order kept. */
    static List<String> splitTags(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (ch == ',') {
                add(out, cur);
            } else {
                cur.append(ch);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** The container's own IP: the default bridge's, else the first network's; empty in host mode. */
    static String exposedIp(ContainerInfo c) {
        if (!c.ipAddress().isEmpty()) {
            return c.ipAddress();
        }
        return c.networks().values().stream().filter(ip -> !ip.isEmpty()).findFirst().orElse("");
    }

    private static String portOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final Comparator<String> PORT_ORDER = Comparator
            .comparingInt((String k) -> parsePort(portOf(k)))
            .thenComparing(k -> k);
}
