package dev.signpost.bench.http;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Undertow 2.4 core. By default ({@code vt}) each request is dispatched from the XNIO I/O thread to a virtual
 * thread, as the agent's handlers (which block on Raft reads and blocking queries) would need; {@code io} answers
 * on the I/O thread itself, Undertow's fastest mode, shown for reference only.
 *
 * <p>Undertow's default buffer pool caches buffers per thread; with a new virtual thread per request every request
 * takes a fresh 16 KiB direct buffer that is never reused, and the process fails with "Cannot reserve ... direct
 * buffer memory" within seconds. So the buffers here come from the shared pool only (no per-thread cache).
 */
public final class UndertowServer {
    private UndertowServer() {
    }

    public static void main(String[] args) {
        int port = Payload.port(args);
        boolean onIoThread = args.length > 1 && args[1].equals("io");
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        HttpHandler answer = UndertowServer::answer;
        HttpHandler handler = onIoThread ? answer : exchange -> exchange.dispatch(virtualThreads, answer);
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(handler)
                .setByteBufferPool(new DefaultByteBufferPool(true, 16 * 1024, 4096, 0))
                .build();
        server.start();
        Payload.ready(onIoThread ? "undertow-io" : "undertow", port);
    }

    private static void answer(HttpServerExchange exchange) {
        if (exchange.getRequestPath().equals(Payload.PARK_PATH)) {
            Payload.park();
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Payload.CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(Payload.JSON));
    }
}
