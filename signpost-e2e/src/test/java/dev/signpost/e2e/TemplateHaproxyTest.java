package dev.signpost.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's fourth program for real: HAProxy's backend rendered by {@code signpost template} from the registry,
 * reloaded with {@code -sf <old pid>} by the template's command, and guarded by a {@code -check} that runs
 * {@code haproxy -c} on the staged file.
 */
class TemplateHaproxyTest {

    @TempDir
    Path dir;

    private final List<HttpServer> backends = new ArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Set<Long> haproxyPids = new LinkedHashSet<>();
    private AgentProcess agent;
    private TemplateProcess template;
    private Path pidFile;

    @AfterEach
    void stopEverything() {
        if (template != null) {
            template.close();
        }
        recordHaproxyPid();
        for (long pid : haproxyPids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        if (agent != null) {
            agent.close();
        }
        backends.forEach(b -> b.stop(0));
    }

    private int backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hits.put(name, new AtomicInteger());
        server.createContext("/", exchange -> {
            hits.get(name).incrementAndGet();
            byte[] body = "Hello world!\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        backends.add(server);
        return server.getAddress().getPort();
    }

    /** One HTTP/1.0 request through HAProxy on a fresh connection, so round robin moves on every time. */
    private static String get(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: app\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Sends n requests and returns the hits per backend they caused. */
    private Map<String, Integer> spread(int port, int n) {
        Map<String, Integer> before = new java.util.HashMap<>();
        hits.forEach((k, v) -> before.put(k, v.get()));
        for (int i = 0; i < n; i++) {
            assertThat(get(port)).endsWith("Hello world!\n");
        }
        Map<String, Integer> delta = new java.util.TreeMap<>();
        hits.forEach((k, v) -> delta.put(k, v.get() - before.get(k)));
        return delta;
    }

    private void recordHaproxyPid() {
        try {
            if (pidFile != null && Files.exists(pidFile)) {
                for (String line : Files.readAllLines(pidFile)) {
                    if (!line.isBlank()) {
                        haproxyPids.add(Long.parseLong(line.strip()));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not written yet
        }
    }

    private long currentHaproxyPid() {
        recordHaproxyPid();
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String content(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void haproxyFollowsTheRegistry_andABadConfigNeverReachesIt() throws IOException {
        Tools.require("haproxy", "haproxy");
        int b1 = backend("b1");
        int b2 = backend("b2");
        int b3 = backend("b3");
        agent = AgentProcess.dev(dir, "lb-node");
        TemplateRunnerTest.register(agent, "webapp", "b1", b1);
        TemplateRunnerTest.register(agent, "webapp", "b2", b2);

        int front = Ports.free();
        Path in = dir.resolve("haproxy.ctmpl");
        Files.writeString(in, """
                global
                  maxconn 256
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 5s
                  timeout server 5s
                frontend www
                  bind 127.0.0.1:%d
                  default_backend app
                backend app
                  balance roundrobin
                  {{keyOrDefault "haproxy/extra" ""}}
                {{range service "webapp"}}  server {{.ID}} {{.Address}}:{{.Port}}
                {{end}}""".formatted(front));
        Path cfg = dir.resolve("haproxy.cfg");
        pidFile = dir.resolve("haproxy.pid");
        String reload = "haproxy -f " + cfg + " -p " + pidFile + " -D $( [ -s " + pidFile + " ] && echo -sf $(cat "
                + pidFile + ") )";
        template = TemplateProcess.start(dir, "lb", List.of("-consul", agent.httpAddress(),
                "-template", in + ":" + cfg + ":" + reload,
                "-check", cfg + "=haproxy -c -f {{staged}}",
                "-log-level", "info"));

        await().atMost(TemplateProcess.timeout()).until(() -> currentHaproxyPid() > 0 && !get(front).isEmpty());
        assertThat(content(cfg)).contains("balance roundrobin", "server b1 127.0.0.1:" + b1,
                "server b2 127.0.0.1:" + b2);
        assertThat(spread(front, 10)).as("round robin reaches every backend")
                .containsEntry("b1", 5).containsEntry("b2", 5).containsEntry("b3", 0);

        long first = currentHaproxyPid();
        TemplateRunnerTest.register(agent, "webapp", "b3", b3);
        await().atMost(TemplateProcess.timeout()).until(() -> currentHaproxyPid() != first
                && spread(front, 3).get("b3") > 0);
        assertThat(content(cfg)).contains("server b3 127.0.0.1:" + b3);
        assertThat(spread(front, 9)).containsEntry("b1", 3).containsEntry("b2", 3).containsEntry("b3", 3);

        long second = currentHaproxyPid();
        TemplateRunnerTest.deregister(agent, "b1");
        await().atMost(TemplateProcess.timeout()).until(() -> currentHaproxyPid() != second
                && spread(front, 4).get("b1") == 0);
        assertThat(content(cfg)).doesNotContain("server b1");
        assertThat(spread(front, 8)).containsEntry("b1", 0).containsEntry("b2", 4).containsEntry("b3", 4);

        long third = currentHaproxyPid();
        String good = content(cfg);
        assertThat(Http.put(agent.uri("/v1/kv/haproxy/extra"), "bogus-directive on").statusCode()).isEqualTo(200);
        await().atMost(TemplateProcess.timeout()).until(() -> template.output().contains("check command rejected"));
        assertThat(template.output()).contains("unknown keyword 'bogus-directive'");
        assertThat(content(cfg)).as("the old config stays").isEqualTo(good);
        assertThat(currentHaproxyPid()).as("no reload ran").isEqualTo(third);
        assertThat(spread(front, 4)).as("HAProxy keeps serving").containsEntry("b2", 2).containsEntry("b3", 2);
        assertThat(template.isAlive()).isTrue();
    }
}
