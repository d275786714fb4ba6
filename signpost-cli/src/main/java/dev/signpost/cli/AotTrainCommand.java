package dev.signpost.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.signpost.agent.Agent;

/**
 * The training run behind the JDK's ahead-of-time cache (JDK 25+, made by the build): starts an
 * {@code agent -dev} on free loopback ports, waits for its leader, and sends the first requests a user
 * sends (registrations, KV, catalog and health reads, a DNS query), then stops. The JVM records which
 * classes this loaded and linked, and a later {@code agent} start maps them in at once instead of
 * loading them one by one. Hidden: it is a build step, not a user command.
 */
@Command(name = "aot-train", hidden = true, description = "Build step: the training run for the AOT cache.")
final class AotTrainCommand implements Callable<Integer> {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    @SuppressWarnings("try") // the agent is only closed: it serves the requests below by running
    public Integer call() throws Exception {
        int http = freePort();
        int dns = freePort();
        AgentCommand flags = new AgentCommand();
        new CommandLine(flags).parseArgs("-dev", "-http-port", Integer.toString(http), "-dns-port",
                Integer.toString(dns), "-serf-lan-port", Integer.toString(freePort()), "-server-port",
                Integer.toString(freePort()), "-node", "aot-train");
        AgentSettings settings = new AgentSettings(flags, ConfigFiles.read(List.of(), "", List.of()));
        Logging.level("info");
        try (Agent agent = Agent.start(settings.agentConfig())) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + http;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            String nodes = "";
            while (!nodes.contains("\"Node\":\"aot-train\"")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the training agent registered no node in " + PATIENCE
                            + "; /v1/catalog/nodes answered " + nodes);
                }
                Thread.sleep(20);
                nodes = send(client, "GET", base + "/v1/catalog/nodes", "");
            }
            for (int i = 0; i < 20; i++) {
                send(client, "PUT", base + "/v1/agent/service/register", "{\"Name\":\"web\",\"ID\":\"web-" + i
                        + "\",\"Port\":" + (8000 + i) + ",\"Tags\":[\"v1\"],\"Check\":{\"TTL\":\"30s\"}}");
                send(client, "PUT", base + "/v1/kv/train/" + i, "value-" + i);
                send(client, "GET", base + "/v1/kv/train/" + i, "");
                send(client, "GET", base + "/v1/catalog/service/web", "");
                send(client, "GET", base + "/v1/health/service/web?passing", "");
                send(client, "GET", base + "/v1/agent/self", "");
                send(client, "GET", base + "/v1/status/leader", "");
                query(dns, "web.service.consul.", Type.SRV);
                query(dns, "aot-train.node.consul.", Type.A);
            }
        }
        return 0;
    }

    private static String send(HttpClient client, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void query(int port, String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        resolver.setTimeout(Duration.ofSeconds(5));
        resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
