package dev.signpost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.client.ClientTls;
import dev.signpost.testing.AgentProcess;
import dev.signpost.testing.AgentProcess.AgentPorts;
import dev.signpost.testing.Ports;
import dev.signpost.testing.SignpostProcess;
import dev.signpost.testing.TestCertificates;

/**
 * TLS as Consul has it: an HTTPS-only agent talks only to clients that trust its CA (and, with
 * {@code verify_incoming}, present a certificate of it); the CLI, the registrator ({@code consul-tls://}) and the
 * template ({@code ssl} block) reach it; bad TLS config stops the agent with Consul's words; three servers run Raft
 * and the LAN port over mutual TLS and refuse a server whose certificate another CA signed.
 */
class TlsTest {
    @TempDir
    Path work;
    private TestCertificates ca;
    private TestCertificates.Issued server;
    private TestCertificates.Issued client;
    private TestCertificates.Issued stranger;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final String prefix = "sp-e2e-tls-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void certificates() {
        ca = TestCertificates.authority(work.resolve("certs"), "good");
        server = ca.issue("server", "server.dc1.consul", "localhost", "127.0.0.1", "127.0.0.2", "127.0.0.3",
                "127.0.0.4");
        client = ca.issue("client", "client.dc1.consul");
        stranger = TestCertificates.authority(work.resolve("certs"), "other").issue("server", "server.dc1.consul",
                "localhost", "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        if (Tools.onPath("docker")) {
            Tools.run("sh", "-c", "docker ps -aq --filter name=" + prefix + " | xargs -r docker rm -f");
        }
    }

    /** An agent -dev with only an HTTPS listener that requires a client certificate; returns its HTTPS port. */
    private int httpsOnlyAgent(String extraHcl) throws IOException {
        int https = Ports.free();
        Path config = work.resolve("tls.hcl");
        Files.writeString(config, """
                ports { http = -1 }
                tls {
                  defaults {
                    ca_file = "%s"
                    cert_file = "%s"
                    key_file = "%s"
                  }
                  https { verify_incoming = true }
                }
                %s
                """.formatted(ca.caFile(), server.certFile(), server.keyFile(), extraHcl));
        SignpostProcess agent = SignpostProcess.start(work.resolve("agent.log"), List.of("agent", "-dev", "-node",
                "n35", "-config-file", config.toString(), "-https-port", Integer.toString(https), "-dns-port", "-1",
                "-server-port", Integer.toString(Ports.free()), "-serf-lan-port", Integer.toString(Ports.free())));
        started.add(agent);
        HttpClient trusted = http(goodClient());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(agent.isAlive()).as(agent.output()).isTrue();
            try {
                return get(trusted, https, "/v1/status/leader").matches("200 \"[^\"]+\"");
            } catch (IOException e) {
                return false;
            }
        });
        return https;
    }

    private ClientTls goodClient() {
        return ClientTls.defaults().withCaFile(ca.caFile()).withClientCertificate(client.certFile(), client.keyFile());
    }

    private static HttpClient http(ClientTls tls) {
        SSLContext context = tls.sslContext();
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(3)).build();
    }

    private static String get(HttpClient http, int port, String path) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void httpsOnlyAgent_answersOnlyClientsThatTrustItsCaAndPresentACertificateOfIt() throws IOException {
        int https = httpsOnlyAgent("");

        assertThat(get(http(goodClient()), https, "/v1/status/leader")).startsWith("200 \"");
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), https, "/v1/status/leader"))
                .as("a client without the CA").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThatThrownBy(() -> get(http(ClientTls.defaults().withCaFile(ca.caFile())), https, "/v1/status/leader"))
                .as("a client without a certificate (verify_incoming)").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(http(ClientTls.defaults().withCaFile(ca.caFile())
                .withClientCertificate(stranger.certFile(), stranger.keyFile())), https, "/v1/status/leader"))
                .as("a client certificate of another CA").isInstanceOf(IOException.class);
        String log = ((SignpostProcess) started.get(0)).output();
        assertThat(log).contains("HTTPS API listening on [127.0.0.1] port " + https)
                .doesNotContain("HTTP API listening").contains("Secure: HTTPS-TLS: true, Internal-RPC-TLS: true");

        String address = "https://127.0.0.1:" + https;
        SignpostProcess.Result put = SignpostProcess.run(work.resolve("put.log"), List.of("kv", "put", "-http-addr",
                address, "-ca-file", ca.caFile().toString(), "-client-cert", client.certFile().toString(),
                "-client-key", client.keyFile().toString(), "app/greeting", "hello"));
        assertThat(put.exitCode()).as(put.output()).isZero();
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + https, "CONSUL_HTTP_SSL", "true",
                "CONSUL_CACERT", ca.caFile().toString(), "CONSUL_CLIENT_CERT", client.certFile().toString(),
                "CONSUL_CLIENT_KEY", client.keyFile().toString());
        SignpostProcess.Result read = SignpostProcess.run(work.resolve("get.log"), List.of("kv", "get", "app/greeting"),
                env);
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(read.output()).contains("hello");

        SignpostProcess.Result withoutCa = SignpostProcess.run(work.resolve("noca.log"), List.of("kv", "get",
                "-http-addr", address, "app/greeting"));
        assertThat(withoutCa.exitCode()).isEqualTo(1);
        assertThat(withoutCa.output()).contains("Error querying Consul agent");
        SignpostProcess.Result wrongName = SignpostProcess.run(work.resolve("name.log"), List.of("kv", "get",
                "-tls-server-name", "server.dc2.consul", "app/greeting"), env);
        assertThat(wrongName.exitCode()).isEqualTo(1);
        SignpostProcess.Result rightName = SignpostProcess.run(work.resolve("name2.log"), List.of("kv", "get",
                "-tls-server-name", "server.dc1.consul", "app/greeting"), env);
        assertThat(rightName.output()).contains("hello");
        Map<String, String> noVerify = Map.of("CONSUL_HTTP_ADDR", address, "CONSUL_HTTP_SSL_VERIFY", "false",
                "CONSUL_CLIENT_CERT", client.certFile().toString(), "CONSUL_CLIENT_KEY", client.keyFile().toString());
        assertThat(SignpostProcess.run(work.resolve("noverify.log"), List.of("kv", "get", "app/greeting"), noVerify)
                .output()).contains("hello");
    }

    @Test
    void badTlsConfig_stopsTheAgentWithConsulsWords() throws IOException {
        Path missing = work.resolve("missing.pem");
        assertAgentRefuses("tls { defaults { cert_file = \"" + missing + "\"\n key_file = \"" + server.keyFile()
                + "\" } }", "==> Failed to load cert/key pair: open " + missing + ": no such file or directory");
        assertAgentRefuses("tls { https { verify_incoming = true\n cert_file = \"" + server.certFile()
                + "\"\n key_file = \"" + server.keyFile() + "\" } }",
                "==> VerifyIncoming set but no CA certificates were provided");
        assertAgentRefuses("verify_incoming = true\nca_file = \"" + ca.caFile() + "\"",
                "==> VerifyIncoming requires either a Cert and Key pair in the configuration file, or "
                        + "auto_encrypt/auto_config be enabled");
        assertAgentRefuses("tls { internal_rpc { verify_outgoing = true } }",
                "==> VerifyOutgoing set but no CA certificates were provided");
        assertAgentRefuses("tls { defaults { tls_min_version = \"TLSv9\" } }", "invalid TLS version: TLSv9");
        assertAgentRefuses("tls { defaults { bogus = 1 } }", "invalid config key tls.defaults.bogus");
    }

    private void assertAgentRefuses(String hcl, String message) {
        SignpostProcess.Result r = SignpostProcess.run(work.resolve("refused-" + Math.abs(hcl.hashCode()) + ".log"),
                List.of("agent", "-dev", "-hcl", hcl, "-http-port", Integer.toString(Ports.free()), "-dns-port", "-1",
                        "-server-port", Integer.toString(Ports.free()), "-serf-lan-port",
                        Integer.toString(Ports.free())));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains(message);
    }

    @Test
    void threeServersWithMutualTls_formACluster_andRefuseAServerWhoseCertificateAnotherCaSigned() {
        LoopbackHosts hosts = new LoopbackHosts(work, AgentPorts.free());
        started.add(hosts);
        String good = internalRpc(server);
        List<AgentProcess> servers = List.of(
                hosts.server(1, "s1", "-bootstrap-expect", "3", "-hcl", good),
                hosts.server(2, "s2", "-bootstrap-expect", "3", "-join", "127.0.0.1", "-hcl", good),
                hosts.server(3, "s3", "-bootstrap-expect", "3", "-join", "127.0.0.1", "-hcl", good));
        servers.forEach(s -> s.awaitLeader(Duration.ofSeconds(90)));
        await().atMost(Duration.ofSeconds(30)).until(() -> voters(servers.get(0)) == 3);
        assertThat(Http.get(servers.get(1).uri("/v1/kv/x")).statusCode()).isEqualTo(404);
        assertThat(Http.as("", "PUT", servers.get(2).uri("/v1/kv/x"), "written through a follower").statusCode())
                .isEqualTo(200);
        assertThat(servers.get(0).output()).contains("Internal-RPC-TLS: true");

        // The intruder trusts the cluster's CA (it is public) but its own certificate comes from another CA.
        AgentProcess intruder = hosts.server(4, "s4", "-join", "127.0.0.1", "-hcl", internalRpc(stranger));
        await().atMost(Duration.ofSeconds(30)).until(() -> intruder.output().contains("TLS handshake with 127.0.0.1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.get(0).output()
                .contains("agent: refused a TLS connection from"));
        assertThat(servers.get(0).output()).contains("CN=server").contains("not signed by a trusted CA");
        assertThat(voters(servers.get(0))).isEqualTo(3);
        assertThat(Http.get(servers.get(0).uri("/v1/agent/members")).body()).doesNotContain("\"s4\"");
    }

    private String internalRpc(TestCertificates.Issued cert) {
        return """
                tls { internal_rpc {
                  ca_file = "%s"
                  cert_file = "%s"
                  key_file = "%s"
                  verify_incoming = true
                  verify_outgoing = true
                  verify_server_hostname = true
                } }""".formatted(ca.caFile(), cert.certFile(), cert.keyFile());
    }

    private static int voters(AgentProcess server) {
        HttpResponse<String> r = Http.get(server.uri("/v1/operator/raft/configuration"));
        return r.statusCode() != 200 ? 0 : r.body().split("\"Voter\":true", -1).length - 1;
    }

    @Test
    void template_rendersFromAnHttpsOnlyAgent_withTheSslBlockAndWithTheSslFlags() throws IOException {
        int https = httpsOnlyAgent("");
        HttpClient trusted = http(goodClient());
        HttpResponse<String> put;
        try {
            put = trusted.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https
                    + "/v1/agent/service/register")).PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"ID\":\"web1\",\"Name\":\"webapp\",\"Address\":\"10.0.0.5\",\"Port\":32768}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Path template = work.resolve("consul.ctmpl");
        Files.writeString(template, "{{range service \"webapp\"}}server {{.Address}}:{{.Port}}\n{{end}}");
        Path config = work.resolve("template.hcl");
        Path blockOut = work.resolve("block.result");
        Files.writeString(config, """
                consul {
                  address = "127.0.0.1:%d"
                  ssl {
                    enabled = true
                    verify = true
                    ca_cert = "%s"
                    cert = "%s"
                    key = "%s"
                    server_name = "server.dc1.consul"
                  }
                }
                template { source = "%s"  destination = "%s" }
                """.formatted(https, ca.caFile(), client.certFile(), client.keyFile(), template, blockOut));
        SignpostProcess.Result block = SignpostProcess.run(work.resolve("template-block.log"), List.of("template",
                "-config", config.toString(), "-once"));
        assertThat(block.exitCode()).as(block.output()).isZero();
        assertThat(Files.readString(blockOut)).isEqualTo("server 10.0.0.5:32768\n");

        Path flagsOut = work.resolve("flags.result");
        SignpostProcess.Result flags = SignpostProcess.run(work.resolve("template-flags.log"), List.of("template",
                "-consul", "127.0.0.1:" + https, "-ssl", "-ssl-ca-cert", ca.caFile().toString(), "-ssl-cert",
                client.certFile().toString(), "-ssl-key", client.keyFile().toString(), "-template",
                template + ":" + flagsOut, "-once"));
        assertThat(flags.exitCode()).as(flags.output()).isZero();
        assertThat(Files.readString(flagsOut)).isEqualTo("server 10.0.0.5:32768\n");
    }

    @Test
    void walkthrough_withAclsAndTls_registratorAndTemplateHoldTokensAndCertificates() throws IOException {
        Docker.require();
        String management = "3f6f9bf5-2f0c-4d6b-9d77-1c2a4f1d6e01";
        int https = httpsOnlyAgent("acl {\n enabled = true\n default_policy = \"deny\"\n tokens {\n"
                + " initial_management = \"" + management + "\"\n agent = \"" + management + "\"\n } }");
        String container = Docker.runWebapp(prefix + "-z002");
        Map<String, String> env = Map.of("CONSUL_CACERT", ca.caFile().toString(), "CONSUL_CLIENT_CERT",
                client.certFile().toString(), "CONSUL_CLIENT_KEY", client.keyFile().toString());
        SignpostProcess registrator = SignpostProcess.start(work.resolve("registrator.log"), List.of("registrator",
                "-ip", "127.0.0.1", "-hostname", "n35", "-token", management, "consul-tls://127.0.0.1:" + https), env);
        started.add(registrator);
        HttpClient trusted = http(goodClient());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                HttpResponse<String> r = trusted.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https
                        + "/v1/catalog/service/webapp")).header("X-Consul-Token", management).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.body().contains(prefix + "-z002:5000");
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(registrator.output()).contains("Using consul-tls adapter: consul-tls://127.0.0.1:" + https)
                .contains("added: " + container.substring(0, 12) + " n35:" + prefix + "-z002:5000");

        Path template = work.resolve("walk.ctmpl");
        Files.writeString(template, "{{range service \"webapp\"}}\nserver {{.Address}}:{{.Port}}{{end}}");
        Path out = work.resolve("walk.result");
        Path config = work.resolve("walk.hcl");
        Files.writeString(config, """
                consul {
                  address = "127.0.0.1:%d"
                  token = "%s"
                  ssl { enabled = true  ca_cert = "%s"  cert = "%s"  key = "%s" }
                }
                """.formatted(https, management, ca.caFile(), client.certFile(), client.keyFile()));
        SignpostProcess.Result rendered = SignpostProcess.run(work.resolve("walk-template.log"), List.of("template",
                "-config", config.toString(), "-template", template + ":" + out, "-once"));
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        assertThat(Files.readString(out)).isEqualTo("\nserver 127.0.0.1:" + Docker.publishedPort(container));
    }
}
