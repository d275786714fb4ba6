package dev.signpost.core.config;

import static dev.signpost.core.config.ConfigEntries.failIf;
import static dev.signpost.core.config.ServiceDefaults.object;

import java.util.ArrayList;
import java.util.Map;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The {@code mesh} kind: MeshConfigEntry's fields and Validate, with Consul OSS's messages
 * (agent/structs/config_entry_mesh.go). The struct has no Name field: a body's {@code Name} is an unused key, and the
 * entry is always stored under the name {@code mesh}, which is also what a delete of any name removes (Consul's
 * GetName). Its Normalize changes no field. Pure.
 */
final class Mesh {
    /** The only name a mesh entry has. */
    static final String NAME = "mesh";
    private static final EntrySchema TRANSPARENT_PROXY = EntrySchema.builder()
            .plain("MeshDestinationsOnly", "mesh_destinations_only", Type.BOOL).build();
    private static final EntrySchema DIRECTIONAL_TLS = EntrySchema.builder()
            .omit("TLSMinVersion", "tls_min_version", Type.STRING)
            .omit("TLSMaxVersion", "tls_max_version", Type.STRING)
            .omit("CipherSuites", "cipher_suites", Type.STRING_LIST).build();
    private static final EntrySchema TLS = EntrySchema.builder()
            .structPointer("Incoming", "", DIRECTIONAL_TLS)
            .structPointer("Outgoing", "", DIRECTIONAL_TLS).build();
    private static final EntrySchema HTTP = EntrySchema.builder()
            .plain("SanitizeXForwardedClientCert", "sanitize_x_forwarded_client_cert", Type.BOOL).build();
    private static final EntrySchema PEERING = EntrySchema.builder()
            .plain("PeerThroughMeshGateways", "peer_through_mesh_gateways", Type.BOOL).build();
    // MarshalJSON writes Kind before the struct's own fields, and no Name.
    static final EntrySchema SCHEMA = EntrySchema.builder()
            .plain("Kind", Type.STRING)
            .struct("TransparentProxy", "transparent_proxy", TRANSPARENT_PROXY)
            .omit("AllowEnablingPermissiveMutualTLS", "allow_enabling_permissive_mutual_tls", Type.BOOL)
            .omit("ValidateClusters", "validate_clusters", Type.BOOL)
            .structPointer("TLS", "", TLS)
            .structPointer("HTTP", "", HTTP)
            .structPointer("Peering", "", PEERING)
            .omit("Meta", "", Type.STRING_MAP).build();

    private Mesh() {
    }

    static ConfigEntry normalized(ConfigEntry entry) {
        ConfigEntry named = new ConfigEntry(entry.kind(), NAME, entry.body(), entry.createIndex(),
                entry.modifyIndex());
        failIf(ConfigEntries.meta(named.meta(), new ArrayList<>()));
        Map<String, Object> tls = object(named.body(), "TLS");
        if (tls != null) {
            direction(tls, "Incoming", "incoming");
            direction(tls, "Outgoing", "outgoing");
        }
        return named;
    }

    private static void direction(Map<String, Object> tls, String field, String words) {
        Map<String, Object> config = object(tls, field);
        if (config != null) {
            GatewayTls.problem(config).ifPresent(why -> {
                throw new IllegalArgumentException("error in " + words + " TLS configuration: " + why);
            });
        }
    }
}
