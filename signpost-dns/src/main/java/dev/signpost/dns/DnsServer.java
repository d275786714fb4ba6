package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS transport: UDP and TCP on every bind address, all on one port. It only receives, asks the
 * {@link DnsResolver}, and sends; it decides nothing about answers. Nothing a client sends stops it: every failure
 * in handling a request is logged and counted, and the loops go on; queries waiting on a recursor and open TCP
 * connections are capped; idle TCP connections are closed after the idle timeout.
 *
 * <p>For the agent:
 * <pre>{@code
 * DnsConfig config = DnsConfig.builder().bind(clientAddr).port(dnsPort).domain(domain).build();
 * DnsResolver resolver = new DnsResolver(config, catalogStore::read, ThreadLocalRandom.current(),
 *         Recursor.of(config));
 * DnsServer dns = DnsServer.builder().config(config).resolver(resolver).build().start();
 * ...
 * dns.close();
 * }</pre>
 *
 * <p>Threads come from the builder's factory, virtual threads by default: a few per UDP socket that receive and
 * answer, one per UDP query that waits on a recursor, one per TCP socket to accept and one per TCP connection.
 * {@link #start()} and {@link #close()} may be called from any thread; {@code close} stops listening and closes
 * every open connection.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int EPHEMERAL_BIND_ATTEMPTS = 20;
    /** A burst of queries should wait in the kernel rather than be dropped there. */
    private static final int UDP_RECEIVE_BUFFER = 4 << 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final DnsConfig config;
    private final DnsResolver resolver;
    private final ThreadFactory threads;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int receivers;
    private final Semaphore inFlight;
    private final Counters counters = new Counters();
    private final List<UdpListener> udp = new ArrayList<>();
    private final List<TcpListener> tcp = new ArrayList<>();
    private boolean started;
    private boolean closed;

    private DnsServer(Builder builder) {
        this.config = requireNonNull(builder.config, "config");
        this.resolver = requireNonNull(builder.resolver, "resolver");
        this.threads = builder.threads;
        this.idleTimeout = builder.idleTimeout;
        this.maxConnections = builder.maxConnections;
        this.receivers = builder.udpReceivers;
        this.inFlight = new Semaphore(builder.maxForwardedInFlight);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds UDP and TCP on every address of the configuration and starts serving. With port 0 one free port is
     * picked for all sockets, so a client can use the same port for both, as {@code dig +tcp} does.
     *
     * @throws UncheckedIOException when a socket cannot be bound (the port is taken, or below 1024 without root)
     */
    public synchronized DnsServer start() {
        if (started || closed) {
            throw new IllegalStateException("the DNS server was " + (closed ? "closed" : "started") + " already");
        }
        started = true;
        int attempts = config.port() == 0 ? EPHEMERAL_BIND_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                bindAll();
                break;
            } catch (IOException e) {
                closeListeners();
                if (!(e instanceof BindException) || attempt >= attempts) {
                    throw new UncheckedIOException("dns: cannot listen on " + config.bindAddresses() + " port "
                            + config.port() + ": " + e.getMessage(), e);
                }
            }
        }
        udp.forEach(UdpListener::start);
        tcp.forEach(TcpListener::start);
        udp.forEach(l -> log.info("dns: Started DNS server {} (udp)", text(l.address())));
        tcp.forEach(l -> log.info("dns: Started DNS server {} (tcp)", text(l.address())));
        return this;
    }

    /** The port every socket listens on; the picked one when the configuration said 0. */
    public synchronized int port() {
        if (udp.isEmpty()) {
            throw new IllegalStateException("the DNS server is not listening");
        }
        return udp.getFirst().address().getPort();
    }

    public synchronized List<InetSocketAddress> udpAddresses() {
        return udp.stream().map(UdpListener::address).toList();
    }

    public synchronized List<InetSocketAddress> tcpAddresses() {
        return tcp.stream().map(TcpListener::address).toList();
    }

    /** Stops listening and closes open TCP connections; queries being answered finish on their own. */
    @Override
    public synchronized void close() {
        if (closed || !started) {
            closed = true;
            return;
        }
        closed = true;
        udp.forEach(l -> log.info("dns: Stopped DNS server {} (udp)", text(l.address())));
        tcp.forEach(l -> log.info("dns: Stopped DNS server {} (tcp)", text(l.address())));
        closeListeners();
    }

    /** Requests received (UDP datagrams and TCP messages). */
    long received() {
        return counters.received.sum();
    }

    /** Failures that are bugs, not bad input: none should ever happen. */
    long unexpectedErrors() {
        return counters.unexpectedErrors.sum() + resolver.internalErrors();
    }

    int openTcpConnections() {
        return tcp.stream().mapToInt(TcpListener::openConnections).sum();
    }

    private void bindAll() throws IOException {
        int port = config.port();
        for (InetAddress address : config.bindAddresses()) {
            UdpListener listener = bindUdp(new InetSocketAddress(address, port));
            udp.add(listener);
            port = listener.address().getPort();
            tcp.add(bindTcp(new InetSocketAddress(address, port)));
        }
    }

    private UdpListener bindUdp(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, UDP_RECEIVE_BUFFER);
            channel.bind(address);
            return new UdpListener(channel, resolver, threads, receivers, inFlight, counters);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private TcpListener bindTcp(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 1024);
            return new TcpListener(server, resolver, threads, idleTimeout, maxConnections, counters);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void closeListeners() {
        for (UdpListener listener : udp) {
            closeQuietly(listener);
        }
        for (TcpListener listener : tcp) {
            closeQuietly(listener);
        }
        try {
            // A socket is released only when the thread blocked on it has left; callers rebind the port.
            for (UdpListener listener : udp) {
                awaitStopped(listener.awaitStopped(STOP_TIMEOUT), listener.address(), "udp");
            }
            for (TcpListener listener : tcp) {
                awaitStopped(listener.awaitStopped(STOP_TIMEOUT), listener.address(), "tcp");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        udp.clear();
        tcp.clear();
    }

    private static void awaitStopped(boolean stopped, InetSocketAddress address, String transport) {
        if (!stopped) {
            log.warn("dns: listener on {} ({}) did not stop within {}", text(address), transport, STOP_TIMEOUT);
        }
    }

    private static void closeQuietly(AutoCloseable listener) {
        try {
            listener.close();
        } catch (Exception e) {
            log.warn("dns: error closing a listener: {}", e.toString());
        }
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Collects the server's parts; {@link #config} and {@link #resolver} are required. */
    public static final class Builder {
        private DnsConfig config;
        private DnsResolver resolver;
        private ThreadFactory threads = Thread.ofVirtual().name("dns-", 0).factory();
        private Duration idleTimeout = Duration.ofSeconds(8);
        private int maxConnections = 4096;
        private int maxForwardedInFlight = 1024;
        private int udpReceivers = Math.max(2, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** Bind addresses and port come from here. */
        public Builder config(DnsConfig value) {
            this.config = requireNonNull(value, "config");
            return this;
        }

        public Builder resolver(DnsResolver value) {
            this.resolver = requireNonNull(value, "resolver");
            return this;
        }

        /** Where every server thread comes from; virtual threads by default. */
        public Builder threads(ThreadFactory value) {
            this.threads = requireNonNull(value, "threads");
            return this;
        }

        /** How long a TCP connection may stay silent before it is closed; 8 s by default. */
        public Builder idleTimeout(Duration value) {
            requireNonNull(value, "idleTimeout");
            if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("idleTimeout " + value + " must be positive");
            }
            this.idleTimeout = value;
            return this;
        }

        /** Most TCP connections open at once on each listening address; 4096 by default. */
        public Builder maxConnections(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConnections " + value + " must be at least 1");
            }
            this.maxConnections = value;
            return this;
        }

        /** Most UDP queries waiting on recursors at once (more are dropped); 1024 by default. */
        public Builder maxForwardedInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxForwardedInFlight " + value + " must be at least 1");
            }
            this.maxForwardedInFlight = value;
            return this;
        }

        /** Threads receiving and answering on each UDP socket; the number of processors by default (at least 2). */
        public Builder udpReceivers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("udpReceivers " + value + " must be at least 1");
            }
            this.udpReceivers = value;
            return this;
        }

        public DnsServer build() {
            return new DnsServer(this);
        }
    }
}
