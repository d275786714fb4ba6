package dev.signpost.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signpost.client.ClientTls;
import dev.signpost.raft.RaftAdmin;

/**
 * The LAN port (Consul's 8301): agents introduce themselves, exchange member lists and heartbeats, and
 * a joining server asks to become a Raft voter. Small JSON messages over HTTP on the bind address (over HTTPS with the
 * internal RPC certificates when those are configured, see {@link TlsSetup}), sealed with the gossip key when there is
 * one ({@link GossipSecurity}); a message refused for its key is answered 403 with the
 * refusal named in a header, and the refusing side logs it once per host until that host is accepted again.
 *
 * <p>Handlers run on virtual threads; the client side times out after {@code timeout} so a dead member
 * never holds up the others.
 */
final class Lan implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lan.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** What the other side of the LAN port does. */
    interface Handler {
        /** A member says hello (join or heartbeat); answer with every member we know. */
        List<MemberInfo> hello(MemberInfo from, List<MemberInfo> known);

        /** A member leaves the cluster. */
        void leave(MemberInfo from);

        /** A server asks to be added to the Raft group; throws with a message when this server cannot. */
        void addVoter(MemberInfo server);

        /** A client agent asks to be added as a non-voting replica (a Raft listener). */
        void addListener(MemberInfo client);

        /** Another agent asks this server, the leader, for the Raft configuration with each server's progress. */
        RaftAdmin.Configuration raftConfiguration();

        /** A keyring operation on this agent's own keyring (one node's part of {@code consul keyring}). */
        KeyringAnswer keyring(KeyringCall call);
    }

    record Hello(MemberInfo from, List<MemberInfo> known) {
    }

    /** One node's part of a keyring operation: {@code op} is list, install, use or remove. */
    record KeyringCall(String op, String key) {
    }

    /** A node's keyring after an operation (primary first), or why the operation failed there. */
    record KeyringAnswer(String node, List<String> keys, String error) {
        KeyringAnswer {
            keys = List.copyOf(keys);
        }
    }

    private static final String REFUSED = "X-Signpost-Gossip-Refused";

    private final HttpServer server;
    private final HttpClient client;
    private final Duration timeout;
    private final GossipSecurity security;
    private final String scheme;

    private Lan(HttpServer server, Duration timeout, GossipSecurity security, Optional<TlsSetup.Internal> tls) {
        this.server = server;
        this.timeout = timeout;
        this.security = security;
        this.scheme = tls.isPresent() ? "https" : "http";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .sslContext(tls.isPresent() ? tls.get().lan() : ClientTls.plainHttpOnly());
        java.net.InetAddress bound = server.getAddress().getAddress();
        if (!bound.isAnyLocalAddress()) {
            // Messages leave from the bind address, so the other side sees (and names in its log) this agent's host.
            builder.localAddress(bound);
        }
        this.client = builder.build();
    }

    /**
     * Listens on {@code bind}; with {@code tls} the port speaks HTTPS with the internal RPC's certificates, and when
     * those verify incoming connections a caller must present a certificate of the same CAs.
     */
    static Lan start(InetSocketAddress bind, Handler handler, Duration timeout, GossipSecurity security,
                     Optional<TlsSetup.Internal> tls) throws IOException {
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(bind, 128);
            SSLContext context = tls.get().lan();
            boolean verifyIncoming = tls.get().verifyIncoming();
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(verifyIncoming);
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        } else {
            server = HttpServer.create(bind, 128);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Refusals refusals = new Refusals();
        serve(server, "/lan/hello", security, refusals, body -> {
            Hello hello = JSON.readValue(body, Hello.class);
            return JSON.writeValueAsBytes(handler.hello(hello.from(), hello.known()));
        });
        serve(server, "/lan/leave", security, refusals, body -> {
            handler.leave(JSON.readValue(body, MemberInfo.class));
            return TRUE;
        });
        serve(server, "/lan/add-voter", security, refusals, body -> {
            handler.addVoter(JSON.readValue(body, MemberInfo.class));
            return TRUE;
        });
        serve(server, "/lan/add-listener", security, refusals, body -> {
            handler.addListener(JSON.readValue(body, MemberInfo.class));
            return TRUE;
        });
        serve(server, "/lan/raft-configuration", security, refusals,
                body -> JSON.writeValueAsBytes(handler.raftConfiguration()));
        serve(server, "/lan/keyring", security, refusals,
                body -> JSON.writeValueAsBytes(handler.keyring(JSON.readValue(body, KeyringCall.class))));
        server.start();
        return new Lan(server, timeout, security, tls);
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);

    /**
     * The hosts whose messages were refused: each is logged once, until a message from it is accepted again, so an
     * agent with the wrong key retrying every second leaves one line here, not one a second.
     */
    private static final class Refusals {
        private final java.util.Set<String> logged = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void refused(String host, GossipSecurity.Refusal refusal) {
            if (logged.add(host)) {
                LOG.error("memberlist: refused a message from {}: it {}", host, refusal.receiverAdvice());
            }
        }

        void accepted(String host) {
            if (!logged.isEmpty() && logged.remove(host)) {
                LOG.info("memberlist: accepting messages from {} again", host);
            }
        }
    }

    private static void serve(HttpServer server, String path, GossipSecurity security, Refusals refusals,
                              Action action) {
        server.createContext(path, exchange -> {
            String host = exchange.getRemoteAddress().getAddress().getHostAddress();
            GossipSecurity.Received request;
            try {
                request = security.openRequest(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                        body(exchange));
            } catch (GossipSecurity.Refused e) {
                refusals.refused(host, e.refusal());
                exchange.getResponseHeaders().set(REFUSED, e.refusal().name());
                send(exchange, 403, GossipSecurity.PLAIN, e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            refusals.accepted(host);
            int status = 200;
            byte[] reply;
            try {
                reply = action.run(request.plain());
            } catch (IOException e) {
                status = 400;
                reply = ("bad LAN message: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                status = 500;
                reply = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            GossipSecurity.Wire wire = security.reply(path, request, reply);
            send(exchange, status, wire.contentType(), wire.body());
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    private interface Action {
        byte[] run(byte[] request) throws IOException;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(4 << 20);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Says hello to the agent at "host:port"; returns the members it knows. */
    List<MemberInfo> hello(String lanAddress, MemberInfo self, List<MemberInfo> known) throws IOException {
        byte[] reply = post(lanAddress, "/lan/hello", JSON.writeValueAsBytes(new Hello(self, known)));
        return List.of(JSON.readValue(reply, MemberInfo[].class));
    }

    void leave(String lanAddress, MemberInfo self) throws IOException {
        post(lanAddress, "/lan/leave", JSON.writeValueAsBytes(self));
    }

    void addVoter(String lanAddress, MemberInfo self) throws IOException {
        post(lanAddress, "/lan/add-voter", JSON.writeValueAsBytes(self));
    }

    void addListener(String lanAddress, MemberInfo self) throws IOException {
        post(lanAddress, "/lan/add-listener", JSON.writeValueAsBytes(self));
    }

    /** Runs one node's part of a keyring operation on the agent at this LAN address. */
    KeyringAnswer keyring(String lanAddress, KeyringCall call) throws IOException {
        return JSON.readValue(post(lanAddress, "/lan/keyring", JSON.writeValueAsBytes(call)), KeyringAnswer.class);
    }

    /** The Raft configuration as the server at this LAN address (the leader) sees it. */
    RaftAdmin.Configuration raftConfiguration(String lanAddress) throws IOException {
        return JSON.readValue(post(lanAddress, "/lan/raft-configuration", new byte[0]), RaftAdmin.Configuration.class);
    }

    private byte[] post(String lanAddress, String path, byte[] body) throws IOException {
        GossipSecurity.Wire wire = security.request(path, body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + requireNonNull(lanAddress) + path))
                .timeout(timeout).header("Content-Type", wire.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body())).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS handshake with " + lanAddress + " failed (are both agents' certificates signed "
                    + "by the same CA?): " + e.getMessage(), e);
        } catch (java.net.ConnectException e) {
            // The JDK's client says nothing more than "null" here.
            throw new IOException("connection refused (no agent listening at " + lanAddress + " yet?)", e);
        } catch (IOException e) {
            throw e.getMessage() != null ? e : new IOException(e.getClass().getSimpleName() + " from " + lanAddress, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Optional<String> refused = response.headers().firstValue(REFUSED);
        if (refused.isPresent()) {
            throw new GossipRefusedException(lanAddress + " " + refusal(refused.get()).senderAdvice());
        }
        byte[] reply;
        try {
            reply = security.openReply(path, response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (GossipSecurity.Refused e) {
            throw new GossipRefusedException("the reply of " + lanAddress + " " + e.refusal().receiverAdvice());
        }
        if (response.statusCode() != 200) {
            throw new IOException(lanAddress + " answered " + response.statusCode() + ": "
                    + new String(reply, StandardCharsets.UTF_8));
        }
        return reply;
    }

    private static GossipSecurity.Refusal refusal(String name) {
        try {
            return GossipSecurity.Refusal.valueOf(name);
        } catch (IllegalArgumentException e) {
            return GossipSecurity.Refusal.WRONG_KEY;
        }
    }

    /** Another agent refused our message, or we its reply, for want of the right gossip key. */
    static final class GossipRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        GossipRefusedException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
        LOG.debug("lan: stopped");
    }
}
