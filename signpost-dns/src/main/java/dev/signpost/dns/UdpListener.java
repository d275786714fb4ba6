package dev.signpost.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives datagrams on one socket and answers each on its own thread, so a query waiting on a recursor never
 * holds up the others. At most {@code inFlight} queries are answered at once; beyond that datagrams are dropped,
 * as a full socket buffer would drop them, and clients retry.
 *
 * <p>One receiving thread; answering threads come from the server's thread factory.
 */
final class UdpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final DnsResolver resolver;
    private final ThreadFactory threads;
    private final Semaphore inFlight;
    private final Counters counters;
    private volatile Thread thread;

    UdpListener(DatagramChannel channel, DnsResolver resolver, ThreadFactory threads, Semaphore inFlight,
                Counters counters) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.resolver = resolver;
        this.threads = threads;
        this.inFlight = inFlight;
        this.counters = counters;
    }

    InetSocketAddress address() {
        return address;
    }

    void start() {
        thread = threads.newThread(this::listen);
        thread.start();
    }

    /** Waits until the listening thread has left, so the socket is released; false if it did not in time. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return thread == null || thread.join(timeout);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Only an Error ends the loop early; it is logged, since nothing else would say this socket went deaf. */
    private void listen() {
        try {
            receiveLoop();
        } catch (Error e) {
            log.error("dns: UDP listener on {} stopped", address, e);
            throw e;
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(Transport.MAX_TCP_SIZE);
        while (channel.isOpen()) {
            SocketAddress client;
            try {
                buffer.clear();
                client = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                Counters.countAndLog(counters.unexpectedErrors, log, "dns: receive failed on " + address
                        + ": {}; still listening ({} so far)", e.toString());
                continue;
            }
            counters.received.increment();
            byte[] packet = new byte[buffer.flip().remaining()];
            buffer.get(packet);
            if (!inFlight.tryAcquire()) {
                Counters.countAndLog(counters.dropped, log,
                        "dns: dropped a UDP query from {}: too many in flight ({} dropped so far)", client);
                continue;
            }
            try {
                threads.newThread(() -> answer(packet, client)).start();
            } catch (RuntimeException e) {
                inFlight.release();
                Counters.countAndLog(counters.unexpectedErrors, log, "dns: cannot start a thread for {}"
                        + ": dropped ({} so far)", e.toString());
            }
        }
    }

    private void answer(byte[] packet, SocketAddress client) {
        try {
            Optional<byte[]> response = resolver.respond(packet, packet.length, Transport.UDP);
            if (response.isPresent()) {
                channel.send(ByteBuffer.wrap(response.get()), client);
            }
        } catch (ClosedChannelException e) {
            // The server is stopping; the client will retry elsewhere.
        } catch (IOException e) {
            log.debug("dns: cannot send the answer to {}: {}", client, e.toString());
        } catch (RuntimeException | StackOverflowError e) {
            counters.unexpectedErrors.increment();
            log.error("dns: internal error answering a UDP query from {}; no answer sent", client, e);
        } finally {
            inFlight.release();
        }
    }
}
