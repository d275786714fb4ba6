package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * How the DNS interface answers and where it listens; the agent builds one from its flags.
 *
 * <pre>{@code
 * DnsConfig config = DnsConfig.builder()
 *         .domain("consul")                 // -domain
 *         .datacenter("dc1")                // -datacenter
 *         .advertise("10.111.222.36")       // -advertise: the NS glue
 *         .bind("0.0.0.0").port(53)         // -client, -dns-port
 *         .recursor("8.8.8.8")              // -recursor, repeatable
 *         .build();
 * }</pre>
 *
 * @param domain the zone served, absolute and lower case ({@code consul.} by default)
 * @param datacenter this agent's datacenter, lower case; the only one this server answers for
 * @param advertise the address given as glue for {@code ns.<domain>}
 * @param nodeTtl TTL of node lookups ({@code -dns-node-ttl}); zero by default, as in Consul
 * @param serviceTtl TTL of service lookups ({@code -dns-service-ttl}); zero by default
 * @param udpAnswerLimit most answers in a UDP response without EDNS ({@code -dns-udp-answer-limit}, default 3)
 * @param onlyPassing leave out instances whose checks warn ({@code -dns-only-passing})
 * @param enableTruncate set the TC bit when answers were cut to fit ({@code -dns-enable-truncate})
 * @param recursors where names outside the domain are forwarded; none means they are refused
 * @param bindAddresses where UDP and TCP listen ({@code -client}), 127.0.0.1 by default
 * @param port UDP and TCP port ({@code -dns-port}, default 8600); 0 picks a free one, the same for both
 */
public record DnsConfig(Name domain, String datacenter, InetAddress advertise, Duration nodeTtl, Duration serviceTtl,
                        int udpAnswerLimit, boolean onlyPassing, boolean enableTruncate,
                        List<InetSocketAddress> recursors, List<InetAddress> bindAddresses, int port) {

    public static final int DEFAULT_PORT = 8600;

    public DnsConfig {
        requireNonNull(domain, "domain");
        if (!domain.isAbsolute() || domain.labels() < 2) {
            throw new IllegalArgumentException("domain \"" + domain + "\" must be an absolute name below the root");
        }
        domain = Name.fromConstantString(domain.toString().toLowerCase(Locale.ROOT));
        requireNonNull(datacenter, "datacenter");
        if (datacenter.isEmpty() || datacenter.contains(".")) {
            throw new IllegalArgumentException("datacenter \"" + datacenter + "\" must be one non-empty DNS label");
        }
        datacenter = datacenter.toLowerCase(Locale.ROOT);
        requireNonNull(advertise, "advertise");
        checkTtl(nodeTtl, "nodeTtl");
        checkTtl(serviceTtl, "serviceTtl");
        if (udpAnswerLimit < 1) {
            throw new IllegalArgumentException("udpAnswerLimit " + udpAnswerLimit + " must be at least 1");
        }
        recursors = List.copyOf(requireNonNull(recursors, "recursors"));
        bindAddresses = List.copyOf(requireNonNull(bindAddresses, "bindAddresses"));
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("bindAddresses must name at least one address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " must be between 0 and 65535");
        }
    }

    /** Consul's defaults: {@code consul.}, dc1, 127.0.0.1:8600, TTL 0, 3 UDP answers, no recursors. */
    public static Builder builder() {
        return new Builder();
    }

    public static DnsConfig defaults() {
        return builder().build();
    }

    /** Whether names outside the domain are forwarded rather than refused. */
    public boolean recurses() {
        return !recursors.isEmpty();
    }

    private static void checkTtl(Duration ttl, String what) {
        requireNonNull(ttl, what);
        if (ttl.isNegative() || ttl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + ttl + " must be between 0 and 2^31-1 seconds");
        }
    }

    /** Parses an IP literal, never a host name: configuration must not wait on DNS. */
    static InetAddress literal(String text, String what) {
        requireNonNull(text, what);
        try {
            return Address.getByAddress(text.startsWith("[") && text.endsWith("]")
                    ? text.substring(1, text.length() - 1) : text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not an IP address");
        }
    }

    /** Parses {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT} or a bare IPv6 literal. */
    static InetSocketAddress hostPort(String text, int defaultPort, String what) {
        requireNonNull(text, what);
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        boolean hasPort = colon > 0 && (bracketed ? text.indexOf(']') == colon - 1 : text.indexOf(':') == colon);
        if (!hasPort) {
            return new InetSocketAddress(literal(text, what), defaultPort);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(literal(text.substring(0, colon), what), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" has an invalid port");
        }
    }

    /** Collects the flags; every setter checks its argument when {@link #build()} runs. */
    public static final class Builder {
        private Name domain = Name.fromConstantString("consul.");
        private String datacenter = "dc1";
        private InetAddress advertise = InetAddress.getLoopbackAddress();
        private Duration nodeTtl = Duration.ZERO;
        private Duration serviceTtl = Duration.ZERO;
        private int udpAnswerLimit = 3;
        private boolean onlyPassing;
        private boolean enableTruncate;
        private final List<InetSocketAddress> recursors = new ArrayList<>();
        private final List<InetAddress> bindAddresses = new ArrayList<>();
        private int port = DEFAULT_PORT;

        private Builder() {
        }

        /** The zone, with or without the trailing dot: {@code consul} and {@code consul.} are the same. */
        public Builder domain(String value) {
            requireNonNull(value, "domain");
            try {
                this.domain = Name.fromString(value.endsWith(".") ? value : value + ".");
            } catch (TextParseException e) {
                throw new IllegalArgumentException("domain \"" + value + "\" is not a DNS name: " + e.getMessage());
            }
            return this;
        }

        public Builder datacenter(String value) {
            this.datacenter = value;
            return this;
        }

        public Builder advertise(InetAddress value) {
            this.advertise = value;
            return this;
        }

        /** An IP literal. */
        public Builder advertise(String value) {
            return advertise(literal(value, "advertise"));
        }

        public Builder nodeTtl(Duration value) {
            this.nodeTtl = value;
            return this;
        }

        public Builder serviceTtl(Duration value) {
            this.serviceTtl = value;
            return this;
        }

        public Builder udpAnswerLimit(int value) {
            this.udpAnswerLimit = value;
            return this;
        }

        public Builder onlyPassing(boolean value) {
            this.onlyPassing = value;
            return this;
        }

        public Builder enableTruncate(boolean value) {
            this.enableTruncate = value;
            return this;
        }

        /** Adds a recursor; queries go to them in the order added. */
        public Builder recursor(InetSocketAddress value) {
            recursors.add(requireNonNull(value, "recursor"));
            return this;
        }

        /** Adds a recursor given as {@code IP} (port 53) or {@code IP:PORT}. */
        public Builder recursor(String value) {
            return recursor(hostPort(value, 53, "recursor"));
        }

        /** Adds a listen address; without any, 127.0.0.1 (Consul's {@code client_addr} default). */
        public Builder bind(InetAddress value) {
            bindAddresses.add(requireNonNull(value, "bind address"));
            return this;
        }

        /** Adds a listen address given as an IP literal. */
        public Builder bind(String value) {
            return bind(literal(value, "bind address"));
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public DnsConfig build() {
            List<InetAddress> binds = bindAddresses.isEmpty()
                    ? List.of(InetAddress.getLoopbackAddress()) : bindAddresses;
            return new DnsConfig(domain, datacenter, advertise, nodeTtl, serviceTtl, udpAnswerLimit, onlyPassing,
                    enableTruncate, recursors, binds, port);
        }
    }
}
