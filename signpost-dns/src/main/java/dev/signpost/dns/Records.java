package dev.signpost.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Makes the records of one domain and datacenter. Names built from catalog strings that are no valid DNS name
 * (a label over 63 bytes, a name over 255) come back empty, so one odd registration cannot fail a whole answer.
 *
 * <p>Thread-safe: immutable apart from bounded caches of node target names and parsed addresses.
 */
final class Records {
    /** Enough for every node of a large datacenter; cleared when full rather than grown. */
    private static final int MAX_CACHED_NAMES = 10_000;

    private final Name domain;
    private final Name nodeSuffix;
    private final Name serviceSuffix;
    private final Name nameServer;
    private final Name hostmaster;
    private final InetAddress advertise;
    private final Map<String, Optional<Name>> nodeTargets = new ConcurrentHashMap<>();
    private final Map<String, Optional<InetAddress>> addresses = new ConcurrentHashMap<>();

    Records(DnsConfig config) {
        this.domain = config.domain();
        this.nodeSuffix = absolute("node." + config.datacenter(), domain);
        this.serviceSuffix = absolute("service", domain);
        this.nameServer = absolute("ns", domain);
        this.hostmaster = absolute("hostmaster", domain);
        this.advertise = config.advertise();
    }

    /**
     * The zone's SOA, as Consul writes it: {@code ns.<domain> hostmaster.<domain> serial 3600 600 86400 0}. The
     * minimum TTL 0 keeps resolvers from caching negative answers (RFC 2308 5).
     */
    SOARecord soa(long serial) {
        return new SOARecord(domain, DClass.IN, 0, nameServer, hostmaster, serial & 0xFFFF_FFFFL, 3600, 600, 86400, 0);
    }

    NSRecord ns() {
        return new NSRecord(domain, DClass.IN, 0, nameServer);
    }

    Name nameServer() {
        return nameServer;
    }

    /** The glue for {@code ns.<domain>}: this server's advertise address. */
    Record glue() {
        return address(nameServer, advertise, 0);
    }

    /** An A record for an IPv4 address, an AAAA record otherwise. */
    static Record address(Name owner, InetAddress address, long ttl) {
        return address instanceof Inet4Address
                ? new ARecord(owner, DClass.IN, ttl, address)
                : new AAAARecord(owner, DClass.IN, ttl, address);
    }

    /** Whether a record of this address family answers a query of this type. */
    static boolean answers(int qtype, InetAddress address) {
        return qtype == Type.ANY || qtype == (address instanceof Inet4Address ? Type.A : Type.AAAA);
    }

    /** {@code <node>.node.<dc>.<domain>.}, the SRV target and node PTR name. */
    Optional<Name> nodeTarget(String node) {
        return cached(nodeTargets, node, n -> relative(n, nodeSuffix));
    }

    /** An address as the catalog stores it, when it is an IP literal; parsed once per distinct string. */
    Optional<InetAddress> ip(String text) {
        return cached(addresses, text, Records::parseIp);
    }

    /** Catalog strings repeat from query to query; the caches are cleared rather than grown past a bound. */
    private static <T> T cached(Map<String, T> cache, String key, Function<String, T> make) {
        T value = cache.get(key);
        if (value == null) {
            if (cache.size() >= MAX_CACHED_NAMES) {
                cache.clear();
            }
            value = make.apply(key);
            cache.put(key, value);
        }
        return value;
    }

    /** {@code <service>.service.<domain>.}, the PTR name of a service address (Consul leaves out the datacenter). */
    Optional<Name> serviceTarget(String service) {
        return relative(service, serviceSuffix);
    }

    /** RFC 2782: priority 1 for all, so clients pick by weight. */
    static SRVRecord srv(Name owner, long ttl, int weight, int port, Name target) {
        return new SRVRecord(owner, DClass.IN, ttl, 1, weight, port, target);
    }

    static PTRRecord ptr(Name owner, Name target) {
        return new PTRRecord(owner, DClass.IN, 0, target);
    }

    static CNAMERecord cname(Name owner, long ttl, Name target) {
        return new CNAMERecord(owner, DClass.IN, ttl, target);
    }

    /**
     * Node meta as TXT, one record a pair: RFC 1464 {@code key=value}, or the bare value for keys starting
     * {@code rfc1035-} (Consul's convention for records that must read as plain RFC 1035 TXT).
     */
    static List<Record> txt(Name owner, long ttl, Map<String, String> meta) {
        List<Record> records = new ArrayList<>();
        meta.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String text = e.getKey().startsWith("rfc1035-") ? e.getValue() : e.getKey() + "=" + e.getValue();
            try {
                records.add(new TXTRecord(owner, DClass.IN, ttl, text));
            } catch (IllegalArgumentException tooLong) {
                // A TXT string holds at most 255 bytes (RFC 1035 3.3.14); such a pair is left out.
            }
        });
        return records;
    }

    /** An IP literal; never a DNS lookup. */
    static Optional<InetAddress> parseIp(String text) {
        byte[] bytes = Address.toByteArray(text, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(text, Address.IPv6);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A host name as the catalog stores it (a service registered by DNS name), made absolute. */
    static Optional<Name> hostName(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return relative(text.endsWith(".") ? text.substring(0, text.length() - 1) : text, Name.root);
    }

    private static Optional<Name> relative(String labels, Name origin) {
        try {
            Name prefix = Name.fromString(labels);
            // "a." would parse as absolute and escape the origin.
            if (prefix.isAbsolute() || prefix.labels() == 0) {
                return Optional.empty();
            }
            return Optional.of(Name.concatenate(prefix, origin));
        } catch (TextParseException | NameTooLongException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Name absolute(String labels, Name origin) {
        return relative(labels, origin).orElseThrow(
                () -> new IllegalArgumentException("\"" + labels + "." + origin + "\" is not a valid DNS name"));
    }
}
