package dev.signpost.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.signpost.core.model.Check;
import dev.signpost.core.model.CheckDefinition;
import dev.signpost.core.model.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes against real endpoints on loopback: an HTTP server, a TCP listener, a shell. */
class ProbesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final AtomicInteger code = new AtomicInteger(200);
    private HttpServer http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    private String startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", exchange -> {
            byte[] body = ("method=" + exchange.getRequestMethod() + " x=" + exchange.getRequestHeaders().getFirst("X-Test"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/health";
    }

    @Test
    void http_2xxPasses_429Warns_elseCritical() throws IOException {
        String url = startHttp();
        HttpProbe probe = new HttpProbe(url, "POST", Map.of("X-Test", List.of("yes")), "", false, TIMEOUT);

        Probe.Result ok = probe.run();
        assertThat(ok.status()).isEqualTo(HealthStatus.PASSING);
        assertThat(ok.output()).isEqualTo("HTTP POST " + url + ": 200 Output: method=POST x=yes");
        code.set(429);
        assertThat(probe.run().status()).isEqualTo(HealthStatus.WARNING);
        code.set(503);
        assertThat(probe.run().status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void https_withASelfSignedCertificate_passesOnlyWithTlsSkipVerify(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "s", "-keyalg", "EC", "-dname", "CN=nobody.invalid", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "secret1")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "secret1".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret1".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
            assertThat(new HttpProbe(url, "", Map.of(), "", false, TIMEOUT).run().status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(new HttpProbe(url, "", Map.of(), "", true, TIMEOUT).run().status()).isEqualTo(HealthStatus.PASSING);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void http_nobodyListening_isCritical() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Probe.Result r = new HttpProbe("http://127.0.0.1:" + port + "/", "", Map.of(), "", false, TIMEOUT).run();
        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.output()).contains("connection refused");
    }

    @Test
    void tcp_passesWhileSomethingListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            assertThat(new TcpProbe("127.0.0.1:" + port, TIMEOUT).run())
                    .isEqualTo(new Probe.Result(HealthStatus.PASSING, "TCP connect 127.0.0.1:" + port + ": Success"));
        }
        assertThat(new TcpProbe("127.0.0.1:" + port, TIMEOUT).run().status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void script_exitCodesMapToStatuses_andOutputIsCapped() {
        assertThat(new ScriptProbe(List.of("sh", "-c", "echo fine"), TIMEOUT).run())
                .isEqualTo(new Probe.Result(HealthStatus.PASSING, "fine\n"));
        assertThat(new ScriptProbe(List.of("sh", "-c", "exit 1"), TIMEOUT).run().status()).isEqualTo(HealthStatus.WARNING);
        assertThat(new ScriptProbe(List.of("sh", "-c", "echo bad >&2; exit 2"), TIMEOUT).run())
                .isEqualTo(new Probe.Result(HealthStatus.CRITICAL, "bad\n"));
        String big = new ScriptProbe(List.of("sh", "-c", "printf '%010000d' 0; echo END"), TIMEOUT)
                .run().output();
        assertThat(big).startsWith("Captured 4096 of 10004 bytes").endsWith("0END\n");
    }

    @Test
    void script_pastItsTimeout_isKilledAndCritical() {
        Probe.Result r = new ScriptProbe(List.of("sleep", "30"), Duration.ofMillis(200)).run();
        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.output()).startsWith("Timed out");
    }

    @Test
    void scriptChecks_runOnlyWhenEnabled() {
        Check script = new Check("n1", "s", "s", HealthStatus.CRITICAL, "", "", "", "", List.of(),
                new CheckDefinition("", "", Map.of(), "", false, "", List.of("true"), "", "10s", "", ""), 0, 0);
        assertThat(new Probes(false, "n1", (n, s) -> Optional.empty()).of(script)).isEmpty();
        assertThat(new Probes(true, "n1", (n, s) -> Optional.empty()).of(script)).isPresent();
    }

    @Test
    void alias_mirrorsTheWorstOfTheAliasedChecks() {
        Check passing = new Check("n1", "a", "a", HealthStatus.PASSING, "", "", "web", "web", List.of(),
                CheckDefinition.NONE, 0, 0);
        Check warning = passing.withStatus(HealthStatus.WARNING, "");
        assertThat(new AliasProbe("me", "n1", "web", (n, s) -> Optional.of(List.of(passing))).run().status())
                .isEqualTo(HealthStatus.PASSING);
        assertThat(new AliasProbe("me", "n1", "web", (n, s) -> Optional.of(List.of(passing, warning))).run().status())
                .isEqualTo(HealthStatus.WARNING);
        assertThat(new AliasProbe("me", "n1", "web", (n, s) -> Optional.empty()).run().status())
                .isEqualTo(HealthStatus.CRITICAL);
    }
}
