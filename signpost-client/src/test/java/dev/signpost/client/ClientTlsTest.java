package dev.signpost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.TestCertificates;

/** Consul's client environment: CONSUL_HTTP_SSL, CONSUL_CACERT and the rest, as the Go API client reads them. */
class ClientTlsTest {
    @TempDir
    Path dir;

    @Test
    void environment_givesEveryTlsSetting() {
        ClientTls tls = ClientTls.fromEnvironment(Map.of("CONSUL_CACERT", "/ca.pem", "CONSUL_CAPATH", "/cas",
                "CONSUL_CLIENT_CERT", "/c.pem", "CONSUL_CLIENT_KEY", "/k.pem", "CONSUL_TLS_SERVER_NAME",
                "server.dc1.consul", "CONSUL_HTTP_SSL_VERIFY", "false"));
        assertThat(tls).isEqualTo(new ClientTls(Optional.of(Path.of("/ca.pem")), Optional.of(Path.of("/cas")),
                Optional.of(Path.of("/c.pem")), Optional.of(Path.of("/k.pem")), Optional.of("server.dc1.consul"),
                false));
        assertThat(ClientTls.fromEnvironment(Map.of())).isEqualTo(ClientTls.defaults());
    }

    @Test
    void consulHttpSsl_makesAnAddressWithoutSchemeHttps() {
        assertThat(ConsulAddress.fromEnvironment(Map.of("CONSUL_HTTP_ADDR", "10.0.0.1:8501", "CONSUL_HTTP_SSL",
                "true"))).isEqualTo(new ConsulAddress("https", "10.0.0.1", 8501, ""));
        assertThat(ConsulAddress.fromEnvironment(Map.of("CONSUL_HTTP_ADDR", "https://10.0.0.1:8501")).scheme())
                .isEqualTo("https");
        assertThat(ConsulAddress.fromEnvironment(Map.of("CONSUL_HTTP_ADDR", "10.0.0.1:8500")).scheme())
                .isEqualTo("http");
    }

    @Test
    void aCertificateWithoutItsKey_isRefused() {
        assertThatThrownBy(() -> ClientTls.fromEnvironment(Map.of("CONSUL_CLIENT_CERT", "/c.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONSUL_CLIENT_KEY");
    }

    @Test
    void sslContext_readsTheFiles_andNamesTheOneThatFailed() {
        TestCertificates ca = TestCertificates.authority(dir, "t");
        TestCertificates.Issued client = ca.issue("client", "client.dc1.consul");
        assertThat(ClientTls.defaults().withCaFile(ca.caFile()).withClientCertificate(client.certFile(),
                client.keyFile()).sslContext().getProtocol()).isEqualTo("TLS");
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> ClientTls.defaults().withCaFile(missing).sslContext())
                .hasMessage("Error loading from " + missing + ": open " + missing + ": no such file or directory");
    }

    @Test
    void aClientWithAnHttpsAddress_readsItsTlsFilesWhenBuilt() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> ConsulClient.builder().address("https://127.0.0.1:8501")
                .tls(ClientTls.defaults().withCaFile(missing)).build()).isInstanceOf(IllegalArgumentException.class);
        ConsulClient.builder().address("127.0.0.1:8500").tls(ClientTls.defaults().withCaFile(missing)).build().close();
    }
}
