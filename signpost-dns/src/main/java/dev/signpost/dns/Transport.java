package dev.signpost.dns;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.xbill.DNS.OPTRecord;

/** How a query arrived, which bounds the size of its response. */
enum Transport {
    UDP, TCP;

    /** RFC 1035 4.2.1: a UDP message without EDNS carries at most 512 bytes. */
    static final int CLASSIC_UDP_SIZE = 512;
    /** The largest UDP payload over IPv4 (65535 - 20 IP - 8 UDP header bytes). */
    static final int MAX_UDP_SIZE = 65_507;
    /** RFC 1035 4.2.2: TCP messages carry a 16-bit length. */
    static final int MAX_TCP_SIZE = 65_535;

    /** A client's IP as text, "" when the socket address has none. */
    static String ip(SocketAddress client) {
        return client instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "";
    }

    /** The most bytes a response to a query with this OPT record (or none) may take. */
    int maxResponseSize(OPTRecord opt) {
        if (this == TCP) {
            return MAX_TCP_SIZE;
        }
        // RFC 6891 6.2.5: an advertised size below 512 is treated as 512.
        return opt == null ? CLASSIC_UDP_SIZE
                : Math.min(MAX_UDP_SIZE, Math.max(CLASSIC_UDP_SIZE, opt.getPayloadSize()));
    }
}
