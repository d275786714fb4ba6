package dev.signpost.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

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
 * The training run behind the JDK's ahead-of-time cache (JDK 25+, made by the build). It starts agents the
 * way users do and sends them the first requests users send, then stops them; the JVM records which classes
 * this loaded and linked (and, on JDK 25, the methods' profiles), and a later {@code signpost} start maps them
 * in at once instead of loading them one by one:
 * <ol>
 * <li>{@code signpost agent -dev} through {@link Main#run} itself, so flag parsing, settings, logging, metrics
 * and signal handling are in the cache too: registrations, KV, catalog and health reads, a DNS query;
 * then {@code kv put}, {@code kv get}, {@code catalog services} and {@code members} against it (a CLI command
 * starts as a new JVM too); stopped by {@code PUT /v1/agent/leave};</li>
 * <li>three {@code -server -bootstrap-expect 3} agents on loopback that join, elect a leader and replicate
 * writes sent to the leader and to a follower: the gossip, Raft RPC and forwarding paths a cluster's start
 * takes.</li>
 * </ol>
 * Hidden: it is a build step, not a user command.
 */
@Command(name = "aot-train", hidden = true, description = "Build step: the training run for the AOT cache.")
final class AotTrainCommand implements Callable<Integer> {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        trainDev(client);
        trainCluster(client);
        return 0;
    }

    private static void trainDev(HttpClient client) throws Exception {
        int http = freePort();
        int dns = freePort();
        int[] exit = {-1};
        Thread agent = Thread.ofPlatform().name("aot-train-dev").start(() -> exit[0] = Main.run("agent", "-dev",
                "-http-port", Integer.toString(http), "-dns-port", Integer.toString(dns), "-serf-lan-port",
                Integer.toString(freePort()), "-server-port", Integer.toString(freePort()), "-node", "aot-train"));
        String base = "http://127.0.0.1:" + http;
        awaitBody(client, base + "/v1/catalog/nodes", "\"Node\":\"aot-train\"");
        for (int i = 0; i < 20; i++) {
            send(client, "PUT", base + "/v1/agent/service/register", "{\"Name\":\"web\",\"ID\":\"web-" + i
                    + "\",\"Port\":" + (8000 + i) + ",\"Tags\":[\"v1\"],\"Check\":{\"TTL\":\"30s\"}}");
            send(client, "PUT", base + "/v1/kv/train/" + i, "value-" + i);
            send(client, "GET", base + "/v1/kv/train/" + i, "");
            send(client, "GET", base + "/v1/catalog/service/web", "");
            send(client, "GET", base + "/v1/health/service/web?passing", "");
            send(client, "GET", base + "/v1/agent/self", "");
            send(client, "GET", base + "/v1/agent/metrics", "");
            send(client, "GET", base + "/v1/status/leader", "");
            query(dns, "web.service.consul.", Type.SRV);
            query(dns, "aot-train.node.consul.", Type.A);
        }
        trainCli(base);
        send(client, "PUT", base + "/v1/agent/leave", "");
        agent.join(PATIENCE.toMillis());
        if (agent.isAlive() || exit[0] != 0) {
            throw new IllegalStateException("the training agent did not stop after its leave (exit " + exit[0] + ")");
        }
    }

    /** CLI commands against the agent as users type them: their parsing, the Consul client and its HTTP client. */
    private static void trainCli(String base) {
        String[][] commands = {{"kv", "put", "-http-addr", base, "train/cli", "x"},
                {"kv", "get", "-http-addr", base, "train/cli"}, {"catalog", "services", "-http-addr", base},
                {"members", "-http-addr", base}};
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            System.setOut(quiet);
            System.setErr(quiet);
            for (String[] command : commands) {
                int code = Main.run(command);
                if (code != 0) {
                    throw new IllegalStateException("signpost " + String.join(" ", command) + " exited " + code);
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void trainCluster(HttpClient client) throws Exception {
        Path data = Files.createTempDirectory("signpost-aot-train");
        int[] lan = {freePort(), freePort(), freePort()};
        List<Agent> agents = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                int http = freePort();
                List<String> args = new ArrayList<>(List.of("-server", "-bootstrap-expect", "3", "-node",
                        "aot-train-" + n, "-bind", "127.0.0.1", "-data-dir", data.resolve("s" + n).toString(),
                        "-http-port", Integer.toString(http), "-dns-port", "-1", "-server-port",
                        Integer.toString(freePort()), "-serf-lan-port", Integer.toString(lan[n])));
                for (int other : lan) {
                    args.addAll(List.of("-retry-join", "127.0.0.1:" + other));
                }
                AgentCommand flags = new AgentCommand();
                new CommandLine(flags).parseArgs(args.toArray(String[]::new));
                agents.add(Agent.start(new AgentSettings(flags, ConfigFiles.read(List.of(), "", List.of()))
                        .agentConfig()));
                bases.add("http://127.0.0.1:" + http);
            }
            for (String base : bases) {
                awaitBody(client, base + "/v1/catalog/nodes", "aot-train-2");
            }
            for (int i = 0; i < 30; i++) {
                String base = bases.get(i % 3);
                send(client, "PUT", base + "/v1/kv/cluster/" + i, "value-" + i);
                send(client, "PUT", base + "/v1/agent/service/register", "{\"Name\":\"api\",\"ID\":\"api-" + i
                        + "\",\"Port\":" + (9000 + i) + "}");
                send(client, "GET", base + "/v1/kv/cluster/" + i + "?consistent", "");
                send(client, "GET", base + "/v1/catalog/service/api", "");
                send(client, "GET", base + "/v1/status/peers", "");
            }
        } finally {
            for (Agent agent : agents) {
                agent.close();
            }
            deleteTree(data);
        }
    }

    /** Polls URL until its body contains TEXT (the agent has synced), or fails after the patience. */
    private static void awaitBody(HttpClient client, String url, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String body = "";
        while (!body.contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the training agent did not answer " + text + " in " + PATIENCE
                        + "; " + url + " answered " + body);
            }
            Thread.sleep(20);
            try {
                body = send(client, "GET", url, "");
            } catch (IOException e) {
                body = e.toString(); // not listening yet
            }
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
