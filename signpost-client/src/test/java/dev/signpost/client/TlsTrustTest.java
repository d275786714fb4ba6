package dev.signpost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.TestCertificates;

/** Consul's trust rules over the JDK's chain check: chain only, a fixed server name, or nothing. */
class TlsTrustTest {
    @TempDir
    Path dir;
    private X509TrustManager authorities;
    private X509Certificate[] server;
    private X509Certificate[] stranger;

    @BeforeEach
    void certificates() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "good");
        authorities = TlsFiles.authorities(Optional.of(ca.caFile()), Optional.empty()).orElseThrow();
        server = TlsFiles.certificates(ca.issue("server", "server.dc1.consul", "127.0.0.1").certFile())
                .toArray(new X509Certificate[0]);
        stranger = TlsFiles.certificates(TestCertificates.authority(dir, "other").issue("server", "server.dc1.consul")
                .certFile()).toArray(new X509Certificate[0]);
    }

    @Test
    void chainOnly_acceptsAnyNameOfTheCa_andRefusesAnotherCa() {
        assertThatCode(() -> TlsTrust.chainOnly(authorities).checkServerTrusted(server, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TlsTrust.chainOnly(authorities).checkServerTrusted(stranger, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void named_needsTheNameInTheCertificate() {
        assertThatCode(() -> TlsTrust.named(authorities, "server.dc1.consul").checkServerTrusted(server, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TlsTrust.named(authorities, "server.dc2.consul").checkServerTrusted(server,
                "ECDHE_ECDSA")).hasMessage("x509: certificate is not valid for server.dc2.consul");
    }

    @Test
    void anything_acceptsAStranger() {
        assertThatCode(() -> TlsTrust.anything().checkServerTrusted(stranger, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void aRefusedClient_isReportedWithItsSubject() {
        List<String> refused = new ArrayList<>();
        TlsTrust trust = TlsTrust.chainOnly(authorities).onRefusedClient((peer, e) -> refused.add(peer));
        assertThatThrownBy(() -> trust.checkClientTrusted(stranger, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThatCode(() -> trust.checkClientTrusted(server, "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThat(refused).containsExactly("a peer (CN=server)");
    }
}
