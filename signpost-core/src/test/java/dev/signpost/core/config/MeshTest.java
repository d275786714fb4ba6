package dev.signpost.core.config;

import static dev.signpost.core.config.IngressGatewayTest.decode;
import static dev.signpost.core.config.IngressGatewayTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;

class MeshTest {

    private static ConfigEntry mesh(Object... pairs) {
        Map<String, Object> raw = new LinkedHashMap<>(map("Kind", "mesh"));
        raw.putAll(map(pairs));
        return ConfigEntries.normalized(decode(raw));
    }

    @Test
    void snakeCaseEntry_isStoredAsMesh_andWrittenBackAsConsulsJson() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("kind", "mesh",
                "transparent_proxy", map("mesh_destinations_only", true),
                "allow_enabling_permissive_mutual_tls", true, "validate_clusters", "true",
                "tls", map("incoming", map("tls_min_version", "TLSv1_2", "tls_max_version", "TLSv1_3",
                        "cipher_suites", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))),
                "http", map("sanitize_x_forwarded_client_cert", true),
                "peering", map("peer_through_mesh_gateways", true),
                "meta", map("env", "prod"))));
        assertThat(entry.name()).isEqualTo("mesh");
        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(3, 4));
        assertThat(json.keySet()).containsExactly("Kind", "TransparentProxy", "AllowEnablingPermissiveMutualTLS",
                "ValidateClusters", "TLS", "HTTP", "Peering", "Meta", "CreateIndex", "ModifyIndex");
        assertThat(json).containsEntry("Kind", "mesh")
                .containsEntry("TransparentProxy", map("MeshDestinationsOnly", true))
                .containsEntry("ValidateClusters", true)
                .containsEntry("TLS", map("Incoming", map("TLSMinVersion", "TLSv1_2", "TLSMaxVersion", "TLSv1_3",
                        "CipherSuites", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))))
                .containsEntry("HTTP", map("SanitizeXForwardedClientCert", true))
                .containsEntry("Peering", map("PeerThroughMeshGateways", true));
    }

    @Test
    void emptyEntry_writesTransparentProxyAlways_andOmitsTheRest() {
        Map<String, Object> json = ConfigEntries.render(mesh());
        assertThat(json).isEqualTo(map("Kind", "mesh", "TransparentProxy", map("MeshDestinationsOnly", false),
                "CreateIndex", 0L, "ModifyIndex", 0L));
        // Pointers given empty are kept, with their plain fields written as zero.
        assertThat(ConfigEntries.render(mesh("TLS", map(), "HTTP", map(), "Peering", map())))
                .containsEntry("TLS", map()).containsEntry("HTTP", map("SanitizeXForwardedClientCert", false))
                .containsEntry("Peering", map("PeerThroughMeshGateways", false));
    }

    @Test
    void jsonRoundTrip_givesTheSameEntry() {
        ConfigEntry entry = mesh("TransparentProxy", map("MeshDestinationsOnly", true),
                "TLS", map("Outgoing", map("TLSMinVersion", "TLSv1_1")), "Meta", map("a", "b"));
        Map<String, Object> again = new LinkedHashMap<>(ConfigEntries.render(entry));
        assertThat(ConfigEntries.normalized(decode(again)).body()).isEqualTo(entry.body());
    }

    @Test
    void aName_isAnUnusedKey_asConsulsStructHasNone() {
        assertThatThrownBy(() -> decode(map("Kind", "mesh", "Name", "mesh")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key \"Name\"\n\n");
        assertThatThrownBy(() -> decode(map("Kind", "mesh", "HTTP", map("Incoming", map()))))
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key \"HTTP.Incoming\"\n\n");
    }

    @Test
    void deleteOfAnyName_deletesTheMeshEntry() {
        assertThat(ConfigEntries.normalizedName("mesh", "anything")).isEqualTo("mesh");
    }

    @Test
    void invalidTls_isRefusedWithConsulsMessages() {
        assertThatThrownBy(() -> mesh("TLS", map("Incoming", map("TLSMinVersion", "TLSv9"))))
                .hasMessage("error in incoming TLS configuration: no matching TLS version found for TLSv9, please "
                        + "specify one of [TLS_AUTO, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3]");
        assertThatThrownBy(() -> mesh("TLS", map("Outgoing", map("TLSMinVersion", "TLSv1_3",
                "TLSMaxVersion", "TLSv1_2"))))
                .hasMessage("error in outgoing TLS configuration: configuring max version TLSv1_2 less than the "
                        + "configured min version TLSv1_3 is invalid");
        assertThatThrownBy(() -> mesh("TLS", map("Outgoing", map("TLSMinVersion", "TLSv1_3",
                "CipherSuites", List.of("TLS_RSA_WITH_AES_128_CBC_SHA")))))
                .hasMessage("error in outgoing TLS configuration: configuring CipherSuites is only applicable to "
                        + "connections negotiated with TLS 1.2 or earlier, TLSMinVersion is set to TLSv1_3");
        assertThatThrownBy(() -> mesh("TLS", map("Incoming", map("CipherSuites", List.of("BOGUS")))))
                .hasMessage("error in incoming TLS configuration: no matching Envoy TLS cipher suite found for BOGUS");
    }

    @Test
    void tooLongMeta_isConsulsMultiError() {
        String key = "k".repeat(129);
        assertThatThrownBy(() -> mesh("Meta", map(key, "v")))
                .hasMessage("1 error occurred:\n\t* Meta key \"" + key + "\" exceeds maximum length 128\n\n");
    }

    @Test
    void aPartition_isRefusedAsAnUnusedKey() {
        assertThatThrownBy(() -> decode(map("Kind", "mesh", "Partition", "p", "Namespace", "n")))
                .hasMessage("Request decoding failed: 2 errors occurred:\n\t* invalid config key \"Partition\"\n\t* "
                        + "invalid config key \"Namespace\", namespaces are a consul enterprise feature\n\n");
    }
}
