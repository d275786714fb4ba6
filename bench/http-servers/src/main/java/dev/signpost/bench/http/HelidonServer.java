package dev.signpost.bench.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Helidon SE 4 WebServer: every request runs on its own virtual thread by design. */
public final class HelidonServer {
    private HelidonServer() {
    }

    public static void main(String[] args) {
        int port = Payload.port(args);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .backlog(4096)
                .routing(routing -> routing
                        .get(Payload.PARK_PATH, (req, res) -> {
                            Payload.park();
                            answer(req, res);
                        })
                        .get("/*", HelidonServer::answer))
                .build()
                .start();
        Payload.ready("helidon", server.port());
    }

    private static void answer(ServerRequest request, ServerResponse response) {
        response.header(HeaderValues.CONTENT_TYPE_JSON).send(Payload.JSON);
    }
}
