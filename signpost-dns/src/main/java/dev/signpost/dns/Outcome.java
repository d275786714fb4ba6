package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import org.xbill.DNS.Message;

/**
 * What the resolver decided for one packet. Only {@link Forward} can take long (a recursor's timeout), so the
 * transport answers everything else on the receiving thread and gives forwarding a thread of its own.
 */
sealed interface Outcome {

    /** Send this. */
    record Reply(Message message, byte[] wire) implements Outcome {
        public Reply {
            requireNonNull(message, "message");
            requireNonNull(wire, "wire");
        }
    }

    /** Send nothing: the packet has no header to answer, or it is itself a response. */
    record Silence() implements Outcome {
    }

    /** A name outside the domain: {@link DnsResolver#forward} asks the recursors and makes the reply. */
    record Forward(Message query, int maxSize) implements Outcome {
        public Forward {
            requireNonNull(query, "query");
        }
    }
}
