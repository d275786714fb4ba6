package dev.signpost.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.xbill.DNS.Message;

/**
 * Forwards a query for a name outside the domain ({@code -recursor}). The resolver calls it only when the
 * configuration names recursors; an empty result becomes SERVFAIL.
 *
 * <p>Blocking; called from many request threads at once (virtual threads in {@link DnsServer}).
 */
@FunctionalInterface
public interface Recursor {

    /** Consul's recursor timeout ({@code recursor_timeout}). */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** The first answer of the recursors, tried in order, or empty when every one failed or timed out. */
    Optional<Message> forward(Message query);

    /** Forwards nothing: for a configuration without recursors. */
    static Recursor none() {
        return query -> Optional.empty();
    }

    /** Forwards over UDP (TCP when the answer is truncated) to each server in turn, each within the timeout. */
    static Recursor forwardingTo(List<InetSocketAddress> servers, Duration timeout) {
        return new ForwardingRecursor(servers, timeout);
    }

    /** Forwards to the configuration's recursors with Consul's 2 s timeout. */
    static Recursor of(DnsConfig config) {
        return config.recurses() ? forwardingTo(config.recursors(), DEFAULT_TIMEOUT) : none();
    }
}
