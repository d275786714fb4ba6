package dev.signpost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.signpost.agent.AgentTls;

/** Consul's precedence for the tls block: protocol block, then defaults, then the legacy top-level keys. */
class TlsSettingsTest {
    private static AgentTls tls(String hcl) {
        return TlsSettings.of(ConfigFiles.read(List.of(), "", List.of(hcl)));
    }

    @Test
    void legacyKeys_fillBothProtocols() {
        AgentTls tls = tls("ca_file = \"/ca.pem\"\ncert_file = \"/c.pem\"\nkey_file = \"/k.pem\"\n"
                + "verify_incoming = true\nverify_outgoing = true\ntls_min_version = \"tls13\"");
        for (AgentTls.Side side : List.of(tls.https(), tls.internalRpc())) {
            assertThat(side.caFile()).contains(Path.of("/ca.pem"));
            assertThat(side.certFile()).contains(Path.of("/c.pem"));
            assertThat(side.keyFile()).contains(Path.of("/k.pem"));
            assertThat(side.verifyIncoming()).isTrue();
            assertThat(side.verifyOutgoing()).isTrue();
            assertThat(side.minVersion()).isEqualTo("tls13");
        }
    }

    @Test
    void protocolBlock_beatsDefaults_whichBeatTheLegacyKeys() {
        AgentTls tls = tls("""
                ca_file = "/legacy-ca.pem"
                cert_file = "/legacy.pem"
                tls {
                  defaults { ca_file = "/defaults-ca.pem"  verify_incoming = true  tls_min_version = "TLSv1_3" }
                  https { ca_file = "/https-ca.pem"  verify_incoming = false }
                }""");
        assertThat(tls.https().caFile()).contains(Path.of("/https-ca.pem"));
        assertThat(tls.internalRpc().caFile()).contains(Path.of("/defaults-ca.pem"));
        assertThat(tls.https().certFile()).contains(Path.of("/legacy.pem"));
        assertThat(tls.https().verifyIncoming()).isFalse();
        assertThat(tls.internalRpc().verifyIncoming()).isTrue();
        assertThat(tls.https().minVersion()).isEqualTo("TLSv1_3");
    }

    @Test
    void verifyIncomingHttpsAndRpc_standForTheirProtocolsVerifyIncoming() {
        AgentTls tls = tls("verify_incoming_https = true\nverify_incoming_rpc = false\nverify_incoming = true");
        assertThat(tls.https().verifyIncoming()).isTrue();
        assertThat(tls.internalRpc().verifyIncoming()).isFalse();
        assertThat(tls("tls { internal_rpc { verify_incoming = true } }\nverify_incoming_rpc = false")
                .internalRpc().verifyIncoming()).isTrue();
    }

    @Test
    void verifyServerHostname_isInternalRpcOnly_andImpliesVerifyOutgoing() {
        AgentTls tls = tls("verify_server_hostname = true");
        assertThat(tls.internalRpc().verifyServerHostname()).isTrue();
        assertThat(tls.internalRpc().verifyOutgoing()).isTrue();
        assertThat(tls.https().verifyServerHostname()).isFalse();
        assertThat(tls.https().verifyOutgoing()).isFalse();
    }

    @Test
    void nothingGiven_isConsulsDefault() {
        AgentTls tls = tls("");
        assertThat(tls.https().caFile()).isEqualTo(Optional.empty());
        assertThat(tls.https().minVersion()).isEqualTo("TLSv1_2");
        assertThat(tls.internalRpc().verifyIncoming()).isFalse();
    }

    @Test
    void cipherSuites_areCommaSeparatedGoNames() {
        assertThat(tls("tls { defaults { tls_cipher_suites = \"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "
                + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305\" } }").https().cipherSuites())
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void anUnknownTlsVersion_isRefused() {
        assertThatThrownBy(() -> tls("tls { https { tls_min_version = \"SSLv3\" } }"))
                .isInstanceOf(Main.UsageException.class).hasMessage("tls.https.tls_min_version: invalid TLS version: SSLv3");
    }

    @Test
    void httpsPort_isOffUnlessPositive_andTheFlagWins() {
        ConfigFiles files = ConfigFiles.read(List.of(), "", List.of("ports { https = 8501 }"));
        assertThat(TlsSettings.httpsPort(null, files)).isEqualTo(8501);
        assertThat(TlsSettings.httpsPort(9501, files)).isEqualTo(9501);
        assertThat(TlsSettings.httpsPort(null, ConfigFiles.read(List.of(), "", List.of("")))).isEqualTo(-1);
        assertThat(TlsSettings.httpsPort(0, files)).isEqualTo(-1);
    }

    @Test
    void schema_usesTheTlsKeys_acceptsGrpc_andRefusesUnknownOnes() throws Exception {
        ConfigSchema.Findings findings = ConfigSchema.check(JsonMapper.builder().build().readTree("""
                {"tls": {"defaults": {"ca_file": "/a", "verify_incoming": true},
                         "internal_rpc": {"verify_server_hostname": true}, "grpc": {"use_auto_cert": true},
                         "https": {"bogus": 1}},
                 "verify_incoming_rpc": true, "ports": {"https": 8501}}"""));
        assertThat(findings.accepted()).containsExactly("tls.grpc");
        assertThat(findings.errors()).containsExactly("invalid config key tls.https.bogus");
    }
}
