package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends a query to each recursor in order until one answers. dnsjava's {@link SimpleResolver} does the I/O and
 * retries over TCP when a UDP answer comes back truncated.
 *
 * <p>At most {@value #MAX_IN_FLIGHT} queries are forwarded at once: beyond that a query fails at once, so a flood
 * of names outside the domain towards a dead recursor cannot tie up the threads that answer the domain. Failures
 * are logged on the 1st, 2nd, 4th... occurrence, with their count.
 *
 * <p>Thread-safe: a resolver per server, configured once; {@code send} may be called concurrently.
 */
final class ForwardingRecursor implements Recursor {
    private static final Logger log = LoggerFactory.getLogger(ForwardingRecursor.class);

    static final int MAX_IN_FLIGHT = 512;

    private final List<SimpleResolver> resolvers;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final LongAdder failures = new LongAdder();
    private final LongAdder overloads = new LongAdder();

    ForwardingRecursor(List<InetSocketAddress> servers, Duration timeout) {
        requireNonNull(timeout, "timeout");
        this.resolvers = requireNonNull(servers, "servers").stream().map(server -> {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(timeout);
            if (server.getAddress().isLoopbackAddress()) {
                // A recursor on this host is reached from loopback; nothing need listen on other addresses.
                resolver.setLocalAddress(server.getAddress());
            }
            return resolver;
        }).toList();
    }

    @Override
    public Optional<Message> forward(Message query) {
        if (!inFlight.tryAcquire()) {
            Counters.countAndLog(overloads, log, "dns: not forwarding {}: " + MAX_IN_FLIGHT
                    + " queries wait on recursors already ({} refused so far)", query.getQuestion().getName());
            return Optional.empty();
        }
        try {
            return forwardInOrder(query);
        } finally {
            inFlight.release();
        }
    }

    private Optional<Message> forwardInOrder(Message query) {
        for (SimpleResolver resolver : resolvers) {
            // A fresh, unpredictable ID per upstream query (RFC 5452 9.2), never the client's.
            Message upstream = query.clone();
            upstream.getHeader().setID(new Header().getID());
            try {
                return Optional.of(resolver.send(upstream));
            } catch (IOException e) {
                Counters.countAndLog(failures, log,
                        "dns: recurse failed via " + resolver.getAddress() + ": {} ({} so far)", e.getMessage());
            }
        }
        return Optional.empty();
    }
}
