package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends a query to each recursor in order until one answers. dnsjava's {@link SimpleResolver} does the I/O and
 * retries over TCP when a UDP answer comes back truncated.
 *
 * <p>Thread-safe: a resolver per server, configured once; {@code send} may be called concurrently.
 */
final class ForwardingRecursor implements Recursor {
    private static final Logger log = LoggerFactory.getLogger(ForwardingRecursor.class);

    private final List<SimpleResolver> resolvers;

    ForwardingRecursor(List<InetSocketAddress> servers, Duration timeout) {
        requireNonNull(timeout, "timeout");
        this.resolvers = requireNonNull(servers, "servers").stream().map(server -> {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(timeout);
            return resolver;
        }).toList();
    }

    @Override
    public Optional<Message> forward(Message query) {
        for (SimpleResolver resolver : resolvers) {
            // A fresh, unpredictable ID per upstream query (RFC 5452 9.2), never the client's.
            Message upstream = query.clone();
            upstream.getHeader().setID(new Header().getID());
            try {
                return Optional.of(resolver.send(upstream));
            } catch (IOException e) {
                log.warn("dns: recurse failed for {} via {}: {}",
                        query.getQuestion().getName(), resolver.getAddress(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
