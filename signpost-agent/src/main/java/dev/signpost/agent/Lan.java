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

import dev.signpost.raft.RaftAdmin;

/**
 * The LAN port (Consul's 8301): agents introduce themselves, exchange member lists and heartbeats, and
 * a joining server asks to become a Raft voter. Small JSON messages over HTTP on the bind address, over HTTPS
 * with the internal RPC certificates when those are configured (see {@link TlsSetup}).
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
    }

    record Hello(MemberInfo from, List<MemberInfo> known) {
    }

    private final HttpServer server;
    private final HttpClient client;
    private final Duration timeout;
    private final String scheme;

    private Lan(HttpServer server, Duration timeout, Optional<TlsSetup.Internal> tls) {
        this.server = server;
        this.timeout = timeout;
        this.scheme = tls.isPresent() ? "https" : "http";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        tls.ifPresent(t -> builder.sslContext(t.lan()));
        this.client = builder.build();
    }

    static Lan start(InetSocketAddress bind, Handler handler, Duration timeout) throws IOException {
        return start(bind, handler, timeout, Optional.empty());
    }

    /**
     * Listens on {@code bind}; with {@code tls} the port speaks HTTPS with the internal RPC's certificates, and when
     * those verify incoming connections a caller must present a certificate of the same CAs.
     */
    static Lan start(InetSocketAddress bind, Handler handler, Duration timeout, Optional<TlsSetup.Internal> tls)
            throws IOException {
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
        server.createContext("/lan/hello", exchange -> answer(exchange, () -> {
            Hello hello = JSON.readValue(body(exchange), Hello.class);
            return JSON.writeValueAsBytes(handler.hello(hello.from(), hello.known()));
        }));
        server.createContext("/lan/leave", exchange -> answer(exchange, () -> {
            handler.leave(JSON.readValue(body(exchange), MemberInfo.class));
            return "true".getBytes(StandardCharsets.UTF_8);
        }));
        server.createContext("/lan/add-voter", exchange -> answer(exchange, () -> {
            handler.addVoter(JSON.readValue(body(exchange), MemberInfo.class));
            return "true".getBytes(StandardCharsets.UTF_8);
        }));
        server.createContext("/lan/add-listener", exchange -> answer(exchange, () -> {
            handler.addListener(JSON.readValue(body(exchange), MemberInfo.class));
            return "true".getBytes(StandardCharsets.UTF_8);
        }));
        server.createContext("/lan/raft-configuration", exchange -> answer(exchange,
                () -> JSON.writeValueAsBytes(handler.raftConfiguration())));
        server.start();
        return new Lan(server, timeout, tls);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private interface Action {
        byte[] run() throws IOException;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(4 << 20);
        }
    }

    private static void answer(HttpExchange exchange, Action action) throws IOException {
        int status = 200;
        byte[] reply;
        try {
            reply = action.run();
        } catch (IOException e) {
            status = 400;
            reply = ("bad LAN message: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            status = 500;
            reply = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
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

    /** The Raft configuration as the server at this LAN address (the leader) sees it. */
    RaftAdmin.Configuration raftConfiguration(String lanAddress) throws IOException {
        return JSON.readValue(post(lanAddress, "/lan/raft-configuration", new byte[0]), RaftAdmin.Configuration.class);
    }

    private byte[] post(String lanAddress, String path, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + requireNonNull(lanAddress) + path))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(lanAddress + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS handshake with " + lanAddress + " failed (are both agents' certificates signed "
                    + "by the same CA?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
        LOG.debug("lan: stopped");
    }
}
