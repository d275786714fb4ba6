package dev.signpost.bench.http;

import java.nio.ByteBuffer;
import java.util.concurrent.Executors;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty 12 core, configured as signpost-http's ApiServer is: a blocking Handler run on virtual threads. */
public final class JettyServer {
    private JettyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Payload.port(args);
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(15 * 60 * 1000L);
        server.addConnector(connector);
        // Handler.Abstract is BLOCKING by default, so Jetty runs it on a virtual thread, as the agent's Dispatcher.
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (Request.getPathInContext(request).equals(Payload.PARK_PATH)) {
                    Payload.park();
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, Payload.CONTENT_TYPE);
                response.write(true, ByteBuffer.wrap(Payload.JSON), callback);
                return true;
            }
        });
        server.start();
        Payload.ready("jetty", connector.getLocalPort());
        server.join();
    }
}
