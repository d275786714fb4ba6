package dev.signpost.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The JDK's com.sun.net.httpserver with a virtual-thread-per-request executor. */
public final class JdkServer {
    private JdkServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Payload.port(args);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", JdkServer::answer);
        server.start();
        Payload.ready("jdk", server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (exchange.getRequestURI().getPath().equals(Payload.PARK_PATH)) {
            Payload.park();
        }
        exchange.getResponseHeaders().set("Content-Type", Payload.CONTENT_TYPE);
        exchange.sendResponseHeaders(200, Payload.JSON.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(Payload.JSON);
        }
    }
}
