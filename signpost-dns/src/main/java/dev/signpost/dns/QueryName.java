package dev.signpost.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What a question's name asks for, parsed the way Consul's {@code agent/dns.go} does: labels are read from the
 * right, a label that is no query kind is taken once as the datacenter, and everything left of the kind is its
 * argument. Case-insensitive: arguments come back in lower case.
 */
sealed interface QueryName {

    /** The domain itself: SOA and NS live here. */
    record Apex() implements QueryName {
    }

    /** {@code ns.<domain>}: the name server the NS record names. */
    record NameServer() implements QueryName {
    }

    /** {@code [<tag>.]<service>.service} or RFC 2782 {@code _<service>._<tag|tcp|udp>[.service]}. */
    record ServiceName(String service, Optional<String> tag) implements QueryName {
    }

    /** {@code <service>.connect}: the instances serving a service over Connect. */
    record ConnectName(String service) implements QueryName {
    }

    /** {@code <query>.query}: a prepared query's ID or name, which may contain dots (Consul joins the labels). */
    record PreparedQueryName(String query) implements QueryName {
    }

    /** {@code <node>.node}; a node name may contain dots. */
    record NodeName(String node) implements QueryName {
    }

    /** {@code <8 hex>.addr} (IPv4) or {@code <32 hex>.addr} (IPv6). */
    record AddrName(InetAddress address) implements QueryName {
    }

    /** A name under {@code in-addr.arpa.} or {@code ip6.arpa.} that spells a whole address. */
    record ReverseName(InetAddress address) implements QueryName {
    }

    /** Inside the domain, but for another datacenter: this server knows only its own. */
    record OtherDatacenter(String datacenter) implements QueryName {
    }

    /** Inside the domain, but no form Signpost serves. */
    record Invalid() implements QueryName {
    }

    /** Outside the domain and not a reverse name: forwarded to a recursor or refused. */
    record Foreign() implements QueryName {
    }

    Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    /** Parses a question's name for a query of type {@code qtype}. */
    static QueryName parse(Name qname, int qtype, Name domain, String datacenter) {
        if (!qname.subdomain(domain)) {
            return reverse(qname).map(a -> (QueryName) new ReverseName(a)).orElseGet(Foreign::new);
        }
        int n = qname.labels() - domain.labels();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = qname.getLabelString(i).toLowerCase(Locale.ROOT);
        }
        if (n == 0) {
            return new Apex();
        }
        if (n == 1 && labels[0].equals("ns")) {
            return new NameServer();
        }
        return parseLabels(labels, qtype, datacenter, false);
    }

    private static QueryName parseLabels(String[] labels, int qtype, String datacenter, boolean dcParsed) {
        int n = labels.length;
        if (n == 0) {
            return new Invalid();
        }
        // RFC 2782 names need no "service" label for SRV queries (_web._tcp.consul).
        if (qtype == Type.SRV && labels[n - 1].startsWith("_")) {
            labels = Arrays.copyOf(labels, n + 1);
            labels[n++] = "service";
        }
        switch (labels[n - 1]) {
            case "service" -> {
                return service(labels);
            }
            case "connect" -> {
                // Consul's connect lookups take the service alone: no tag, no RFC 2782 form.
                return n == 2 && !labels[0].startsWith("_") ? new ConnectName(labels[0]) : new Invalid();
            }
            case "query" -> {
                if (n == 1) {
                    return new Invalid();
                }
                return new PreparedQueryName(String.join(".", Arrays.copyOf(labels, n - 1)));
            }
            case "node" -> {
                if (n == 1) {
                    return new Invalid();
                }
                return new NodeName(String.join(".", Arrays.copyOf(labels, n - 1)));
            }
            case "addr" -> {
                return n == 2 ? addr(labels[0]).map(a -> (QueryName) new AddrName(a)).orElseGet(Invalid::new)
                        : new Invalid();
            }
            default -> {
                // Datacenter names have no dots, so only one label between the kind and the domain may be one
                // (hashicorp/consul#3200): foo.node.dc1.consul is a node, foo.bar.dc1.consul is nothing.
                if (dcParsed) {
                    return new Invalid();
                }
                QueryName inner = parseLabels(Arrays.copyOf(labels, n - 1), qtype, datacenter, true);
                if (inner instanceof Invalid || labels[n - 1].equals(datacenter)) {
                    return inner;
                }
                return new OtherDatacenter(labels[n - 1]);
            }
        }
    }

    private static QueryName service(String[] labels) {
        int n = labels.length;
        if (n == 1) {
            return new Invalid();
        }
        if (n == 3 && labels[0].startsWith("_") && labels[1].startsWith("_")) {
            // RFC 2782: _<service>._<protocol or tag>; the protocol _tcp filters nothing.
            String tag = labels[1].substring(1);
            String name = labels[0].substring(1);
            if (name.isEmpty()) {
                return new Invalid();
            }
            Optional<String> filter = tag.equals("tcp") || tag.equals("udp") || tag.isEmpty()
                    ? Optional.empty() : Optional.of(tag);
            return new ServiceName(name, filter);
        }
        Optional<String> tag = n >= 3 ? Optional.of(String.join(".", Arrays.copyOf(labels, n - 2))) : Optional.empty();
        return new ServiceName(labels[n - 2], tag);
    }

    /** 8 hex digits are an IPv4 address, 32 an IPv6 one. */
    private static Optional<InetAddress> addr(String hex) {
        if ((hex.length() != 8 && hex.length() != 32) || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(HexFormat.of().parseHex(hex)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** RFC 1035 3.5 and RFC 3596 2.5: four decimal octets or 32 hex nibbles, least significant first. */
    private static Optional<InetAddress> reverse(Name qname) {
        boolean v4 = qname.subdomain(IN_ADDR_ARPA) && qname.labels() == IN_ADDR_ARPA.labels() + 4;
        boolean v6 = qname.subdomain(IP6_ARPA) && qname.labels() == IP6_ARPA.labels() + 32;
        if (!v4 && !v6) {
            return Optional.empty();
        }
        byte[] bytes = new byte[v4 ? 4 : 16];
        for (int i = 0; i < (v4 ? 4 : 32); i++) {
            String label = qname.getLabelString(i);
            int value = v4 ? octet(label) : label.length() == 1 ? Character.digit(label.charAt(0), 16) : -1;
            if (value < 0) {
                return Optional.empty();
            }
            if (v4) {
                bytes[3 - i] = (byte) value;
            } else {
                bytes[15 - i / 2] |= (byte) (i % 2 == 0 ? value : value << 4);
            }
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static int octet(String label) {
        if (label.isEmpty() || label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(label);
        return value <= 255 ? value : -1;
    }
}
