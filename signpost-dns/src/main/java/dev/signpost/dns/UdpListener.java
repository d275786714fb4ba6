package dev.signpost.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.dns.Outcome.Forward;
import dev.signpost.dns.Outcome.Reply;
import dev.signpost.dns.Outcome.Silence;

/**
 * Receives datagrams on one socket and answers them. A few receiving threads share the socket and answer what the
 * catalog can answer on the spot (no hand-off: measured a third faster); a query that must be forwarded gets a
 * thread of its own, so a slow recursor never holds up the others. At most {@code inFlight} forwarded queries wait
 * at once; beyond that datagrams are dropped, as a full socket buffer would drop them, and clients retry.
 *
 * <p>Threads come from the server's thread factory: {@code receivers} to receive, one per forwarded query.
 */
final class UdpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final DnsResolver resolver;
    private final ThreadFactory threads;
    private final int receivers;
    private final Semaphore inFlight;
    private final Counters counters;
    private final List<Thread> running = new ArrayList<>();

    UdpListener(DatagramChannel channel, DnsResolver resolver, ThreadFactory threads, int receivers,
                Semaphore inFlight, Counters counters) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.resolver = resolver;
        this.threads = threads;
        this.receivers = receivers;
        this.inFlight = inFlight;
        this.counters = counters;
    }

    InetSocketAddress address() {
        return address;
    }

    synchronized void start() {
        for (int i = 0; i < receivers; i++) {
            Thread thread = threads.newThread(this::listen);
            running.add(thread);
            thread.start();
        }
    }

    /** Waits until the receiving threads have left, so the socket is released; false if they did not in time. */
    synchronized boolean awaitStopped(Duration timeout) throws InterruptedException {
        boolean stopped = true;
        for (Thread thread : running) {
            stopped &= thread.join(timeout);
        }
        return stopped;
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
            try {
                switch (resolver.answerLocally(packet, packet.length, Transport.UDP, Transport.ip(client))) {
                    case Reply reply -> send(reply, client);
                    case Silence silence -> { }
                    case Forward forward -> forwardOnItsOwnThread(forward, client);
                }
            } catch (RuntimeException | StackOverflowError e) {
                counters.unexpectedErrors.increment();
                log.error("dns: internal error answering a UDP query from {}; no answer sent", client, e);
            }
        }
    }

    private void forwardOnItsOwnThread(Forward forward, SocketAddress client) {
        if (!inFlight.tryAcquire()) {
            Counters.countAndLog(counters.dropped, log,
                    "dns: dropped a UDP query from {}: too many forwarded queries in flight ({} dropped so far)",
                    client);
            return;
        }
        try {
            threads.newThread(() -> {
                try {
                    send(resolver.forward(forward), client);
                } catch (RuntimeException e) {
                    counters.unexpectedErrors.increment();
                    log.error("dns: internal error forwarding a UDP query from {}; no answer sent", client, e);
                } finally {
                    inFlight.release();
                }
            }).start();
        } catch (RuntimeException e) {
            inFlight.release();
            Counters.countAndLog(counters.unexpectedErrors, log, "dns: cannot start a thread for {}"
                    + ": dropped ({} so far)", e.toString());
        }
    }

    private void send(Reply reply, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(reply.wire()), client);
        } catch (ClosedChannelException e) {
            // The server is stopping; the client will retry elsewhere.
        } catch (IOException e) {
            log.debug("dns: cannot send the answer to {}: {}", client, e.toString());
        }
    }
}
