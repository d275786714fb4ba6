package dev.signpost.dns;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on one socket and serves each on its own thread: length-prefixed queries answered in
 * order (RFC 1035 4.2.2, RFC 7766 6.2.1 pipelining), until the client closes, sends garbage, or stays silent for
 * the idle timeout (RFC 7766 6.2.3 asks servers to close idle connections). Connections beyond the limit are
 * closed at once, so no client can use up file descriptors.
 *
 * <p>One accepting thread and one per connection, from the server's thread factory: with virtual threads an idle
 * connection costs no platform thread.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final ServerSocket server;
    private final InetSocketAddress address;
    private final DnsResolver resolver;
    private final ThreadFactory threads;
    private final int idleMillis;
    private final int maxConnections;
    private final Counters counters;
    private volatile Thread thread;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpListener(ServerSocket server, DnsResolver resolver, ThreadFactory threads, Duration idleTimeout,
                int maxConnections, Counters counters) {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalSocketAddress();
        this.resolver = resolver;
        this.threads = threads;
        this.idleMillis = Math.toIntExact(idleTimeout.toMillis());
        this.maxConnections = maxConnections;
        this.counters = counters;
    }

    InetSocketAddress address() {
        return address;
    }

    int openConnections() {
        return open.size();
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
        server.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Only an Error ends the loop early; it is logged, since nothing else would say this socket went deaf. */
    private void listen() {
        try {
            acceptLoop();
        } catch (Error e) {
            log.error("dns: TCP listener on {} stopped", address, e);
            throw e;
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException | RuntimeException e) {
                if (!server.isClosed()) {
                    Counters.countAndLog(counters.unexpectedErrors, log, "dns: accept failed on " + address
                            + ": {}; still listening ({} so far)", e.toString());
                }
                continue;
            }
            if (open.size() >= maxConnections) {
                Counters.countAndLog(counters.rejectedConnections, log,
                        "dns: closed a TCP connection from {}: too many open ({} closed so far)",
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            try {
                threads.newThread(() -> serve(socket)).start();
            } catch (RuntimeException e) {
                open.remove(socket);
                closeQuietly(socket);
                Counters.countAndLog(counters.unexpectedErrors, log,
                        "dns: cannot start a thread for a TCP connection: {} ({} so far)", e.toString());
            }
        }
    }

    private void serve(Socket socket) {
        SocketAddress client = socket.getRemoteSocketAddress();
        try (socket) {
            socket.setSoTimeout(idleMillis);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            while (true) {
                int length = in.readUnsignedShort();
                byte[] packet = new byte[length];
                in.readFully(packet);
                counters.received.increment();
                Optional<byte[]> response = resolver.respond(packet, length, Transport.TCP, Transport.ip(client));
                if (response.isEmpty()) {
                    if (length < 12) {
                        log.debug("dns: closed TCP connection from {}: {}-byte message has no header", client,
                                length);
                        return;
                    }
                    continue;
                }
                out.writeShort(response.get().length);
                out.write(response.get());
                out.flush();
            }
        } catch (EOFException e) {
            // The client is done.
        } catch (SocketTimeoutException e) {
            log.debug("dns: closed idle TCP connection from {}", client);
        } catch (SocketException e) {
            log.debug("dns: TCP connection from {} ended: {}", client, e.getMessage());
        } catch (IOException e) {
            log.debug("dns: TCP connection from {} failed: {}", client, e.toString());
        } catch (RuntimeException | StackOverflowError e) {
            counters.unexpectedErrors.increment();
            log.error("dns: internal error serving TCP connection from {}; closed it", client, e);
        } finally {
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }
}
