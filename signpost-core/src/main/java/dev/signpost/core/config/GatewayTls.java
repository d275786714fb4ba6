package dev.signpost.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.signpost.core.config.EntrySchema.Type;

/**
 * The TLS blocks of gateway config entries (GatewayTLSConfig, GatewayServiceTLSConfig, GatewayTLSSDSConfig in
 * agent/structs/config_entry_gateways.go) and Consul's validateTLSConfig of their versions and cipher suites, with
 * its messages (agent/structs/config_entry_mesh.go, types/tls.go). Pure.
 */
final class GatewayTls {
    static final EntrySchema SDS = EntrySchema.builder()
            .omit("ClusterName", "cluster_name", Type.STRING)
            .omit("CertResource", "cert_resource", Type.STRING).build();
    /** GatewayTLSConfig: the gateway's and a listener's TLS. */
    static final EntrySchema GATEWAY = EntrySchema.builder()
            .plain("Enabled", Type.BOOL)
            .structPointer("SDS", "", SDS)
            .omit("TLSMinVersion", "tls_min_version", Type.STRING)
            .omit("TLSMaxVersion", "tls_max_version", Type.STRING)
            .omit("CipherSuites", "cipher_suites", Type.STRING_LIST).build();
    /** GatewayServiceTLSConfig: a service's SDS override on a listener. */
    static final EntrySchema SERVICE = EntrySchema.builder().structPointer("SDS", "", SDS).build();

    private static final List<String> VERSIONS = List.of("TLS_AUTO", "TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3");
    private static final Set<String> CIPHER_CONFIGURABLE = Set.of("", "TLS_AUTO", "TLSv1_0", "TLSv1_1", "TLSv1_2");
    // types.envoyTLSCipherSuiteStrings: the suites Envoy takes.
    private static final Set<String> ENVOY_CIPHERS = Set.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_CBC_SHA");

    private GatewayTls() {
    }

    /** validateGatewayTLSConfig: what is wrong with a TLS block's versions and cipher suites, if anything. */
    static Optional<String> problem(Map<String, Object> tls) {
        String min = ServiceDefaults.text(tls, "TLSMinVersion");
        String max = ServiceDefaults.text(tls, "TLSMaxVersion");
        if (!min.isEmpty() && !VERSIONS.contains(min)) {
            return Optional.of(unknownVersion(min));
        }
        if (!max.isEmpty()) {
            if (!VERSIONS.contains(max)) {
                return Optional.of(unknownVersion(max));
            }
            // TLSVersion.LessThan compares concrete versions only; TLS_AUTO is implementation-dependent.
            if (!min.isEmpty() && !min.equals("TLS_AUTO") && !max.equals("TLS_AUTO")
                    && VERSIONS.indexOf(max) < VERSIONS.indexOf(min)) {
                return Optional.of("configuring max version " + max + " less than the configured min version " + min
                        + " is invalid");
            }
        }
        List<?> ciphers = tls.get("CipherSuites") instanceof List<?> l ? l : List.of();
        if (!ciphers.isEmpty()) {
            if (!CIPHER_CONFIGURABLE.contains(min)) {
                return Optional.of("configuring CipherSuites is only applicable to connections negotiated with TLS 1.2 "
                        + "or earlier, TLSMinVersion is set to " + min);
            }
            List<String> unmatched = ciphers.stream().map(String::valueOf).filter(c -> !ENVOY_CIPHERS.contains(c))
                    .toList();
            if (!unmatched.isEmpty()) {
                return Optional.of("no matching Envoy TLS cipher suite found for " + String.join(",", unmatched));
            }
        }
        return Optional.empty();
    }

    /**
     * validateServiceSDS: the SDS settings a service on a listener inherits from the gateway and the listener must name
     * a cluster and a certificate, and a service's own certificate needs hosts.
     */
    static Optional<String> sdsProblem(Map<String, Object> gatewayTls, Map<String, Object> listener,
                                       Map<String, Object> service, long port) {
        Map<String, Object> gatewaySds = sds(gatewayTls);
        boolean gatewayCluster = false;
        boolean gatewayCert = false;
        if (gatewaySds != null) {
            gatewayCluster = !ServiceDefaults.text(gatewaySds, "ClusterName").isEmpty();
            gatewayCert = !ServiceDefaults.text(gatewaySds, "CertResource").isEmpty();
            if (!gatewayCluster && gatewayCert) {
                return Optional.of("TLS.SDS.ClusterName is required if CertResource is set");
            }
        }
        Map<String, Object> listenerSds = sds(ServiceDefaults.object(listener, "TLS"));
        boolean listenerCert = listenerSds != null && !ServiceDefaults.text(listenerSds, "CertResource").isEmpty();
        boolean listenerCluster = listenerSds != null && !ServiceDefaults.text(listenerSds, "ClusterName").isEmpty();
        String onListener = "(listener on port " + port + ")";
        if (gatewayCluster && !gatewayCert && !listenerCert) {
            return Optional.of("TLS.SDS.CertResource is required if ClusterName is set for gateway " + onListener);
        }
        if (listenerCluster && !listenerCert) {
            return Optional.of("TLS.SDS.CertResource is required if ClusterName is set for listener " + onListener);
        }
        if (listenerCert && !listenerCluster && !gatewayCluster) {
            return Optional.of("TLS.SDS.ClusterName is required if CertResource is set " + onListener);
        }
        Map<String, Object> serviceSds = sds(ServiceDefaults.object(service, "TLS"));
        if (serviceSds == null || ServiceDefaults.text(serviceSds, "CertResource").isEmpty()) {
            return Optional.empty();
        }
        String name = ConfigEntries.quote(ServiceDefaults.text(service, "Name"));
        if (IngressGateway.hosts(service).isEmpty()) {
            return Optional.of("A service specifying TLS.SDS.CertResource must have at least one item in Hosts "
                    + "(service " + name + " on listener on port " + port + ")");
        }
        if (ServiceDefaults.text(serviceSds, "ClusterName").isEmpty() && !listenerCluster && !gatewayCluster) {
            return Optional.of("TLS.SDS.ClusterName is required if CertResource is set (service " + name
                    + " on listener on port " + port + ")");
        }
        return Optional.empty();
    }

    private static Map<String, Object> sds(Map<String, Object> tls) {
        return tls == null ? null : ServiceDefaults.object(tls, "SDS");
    }

    private static String unknownVersion(String version) {
        return "no matching TLS version found for " + version + ", please specify one of ["
                + String.join(", ", VERSIONS) + "]";
    }
}
