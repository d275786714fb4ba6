package dev.signpost.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.signpost.testing.TestCertificates;

/** The start-up checks of Consul's tlsutil, with its error texts, and what each protocol gets. */
class TlsSetupTest {
    @TempDir
    Path dir;
    private TestCertificates ca;
    private TestCertificates.Issued server;

    @BeforeEach
    void certificates() {
        ca = TestCertificates.authority(dir, "test");
        server = ca.issue("server", "server.dc1.consul", "127.0.0.1");
    }

    private AgentTls.Side side(Path caFile, Path cert, Path key, boolean verifyIncoming, boolean verifyOutgoing) {
        return new AgentTls.Side(Optional.ofNullable(caFile), Optional.empty(), Optional.ofNullable(cert),
                Optional.ofNullable(key), verifyIncoming, verifyOutgoing, false, "TLSv1_2", List.of());
    }

    @Test
    void aMissingCertificateFile_isConsulsLoadError() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsSetup.https(side(null, missing, server.keyFile(), false, false), 8501))
                .hasMessage("Failed to load cert/key pair: open " + missing + ": no such file or directory");
    }

    @Test
    void aFileThatIsNoPem_isRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> TlsSetup.https(side(null, junk, server.keyFile(), false, false), 8501))
                .hasMessageStartingWith("Failed to load cert/key pair: tls: failed to find any PEM data");
        assertThatThrownBy(() -> TlsSetup.https(side(junk, server.certFile(), server.keyFile(), false, false), 8501))
                .hasMessageStartingWith("Error loading from " + junk);
    }

    @Test
    void verifyIncoming_needsCasAndACertificate() {
        assertThatThrownBy(() -> TlsSetup.https(side(null, server.certFile(), server.keyFile(), true, false), 8501))
                .hasMessage("VerifyIncoming set but no CA certificates were provided");
        assertThatThrownBy(() -> TlsSetup.https(side(ca.caFile(), null, null, true, false), -1))
                .hasMessage("VerifyIncoming requires either a Cert and Key pair in the configuration file, or "
                        + "auto_encrypt/auto_config be enabled");
    }

    @Test
    void verifyOutgoing_needsCas() {
        assertThatThrownBy(() -> TlsSetup.internalRpc(side(null, server.certFile(), server.keyFile(), false, true),
                "dc1", "consul.")).hasMessage("VerifyOutgoing set but no CA certificates were provided");
    }

    @Test
    void anHttpsPort_needsACertificate_andNoPortMeansNoListener() {
        assertThatThrownBy(() -> TlsSetup.https(side(ca.caFile(), null, null, false, false), 8501))
                .hasMessageStartingWith("HTTPS port 8501 needs a certificate");
        assertThat(TlsSetup.https(side(ca.caFile(), server.certFile(), server.keyFile(), false, false), -1)).isEmpty();
    }

    @Test
    void https_requiresClientCertificatesOnlyWithVerifyIncoming() {
        assertThat(TlsSetup.https(side(ca.caFile(), server.certFile(), server.keyFile(), true, false), 8501))
                .hasValueSatisfying(h -> assertThat(h.verifyIncoming()).isTrue());
        assertThat(TlsSetup.https(side(null, server.certFile(), server.keyFile(), false, false), 8501))
                .hasValueSatisfying(h -> assertThat(h.protocols()).containsExactly("TLSv1.2", "TLSv1.3"));
    }

    @Test
    void internalRpc_isOnWithACertificateAndCas_only() {
        assertThat(TlsSetup.internalRpc(side(null, server.certFile(), server.keyFile(), false, false), "dc1",
                "consul.")).isEmpty();
        assertThat(TlsSetup.internalRpc(side(ca.caFile(), null, null, false, false), "dc1", "consul.")).isEmpty();
        assertThat(TlsSetup.internalRpc(side(ca.caFile(), server.certFile(), server.keyFile(), true, true), "dc1",
                "consul.")).hasValueSatisfying(t -> assertThat(t.raft().mutual()).isTrue());
    }

    @Test
    void aCaPathWithoutCertificates_isConsulsError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        AgentTls.Side side = new AgentTls.Side(Optional.empty(), Optional.of(empty), Optional.empty(), Optional.empty(),
                false, false, false, "TLSv1_2", List.of());
        assertThatThrownBy(() -> TlsSetup.https(side, -1)).hasMessage("Error loading from CAPath: no CAs found");
    }
}
