package dev.signpost.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signpost.core.InvalidRequestException;

class IngressGatewayTest {

    static ConfigEntry decode(Map<String, Object> raw) {
        return ConfigEntries.decode(raw, text -> Duration.ofSeconds(Long.parseLong(text.replace("s", ""))));
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static ConfigEntry ingress(Object... listeners) {
        return decode(map("Kind", "ingress-gateway", "Name", "ig", "Listeners", List.of(listeners)));
    }

    private static Map<String, Object> listener(int port, String protocol, Object... services) {
        return map("Port", port, "Protocol", protocol, "Services", List.of(services));
    }

    @Test
    void consulsDocumentedEntry_readsSnakeCase_defaultsTcp_andWritesBackConsulsJson() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("kind", "ingress-gateway", "name", "us-east-ingress",
                "tls", map("enabled", true, "tls_min_version", "TLSv1_2"),
                "listeners", List.of(
                        map("port", 3456, "services", List.of(map("name", "db"))),
                        map("port", 8080, "protocol", "HTTP", "services", List.of(
                                map("name", "api", "hosts", List.of("foo.example.com"), "request_headers",
                                        map("add", map("x-gw", "ig")), "max_connections", 10),
                                map("name", "web", "hosts", List.of("website.example.com"))))),
                "defaults", map("MaxConnections", 5))));

        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(3, 4));
        assertThat(json.keySet()).containsExactly("Kind", "Name", "TLS", "Listeners", "Defaults", "CreateIndex",
                "ModifyIndex");
        assertThat(json.get("TLS")).isEqualTo(map("Enabled", true, "TLSMinVersion", "TLSv1_2"));
        List<?> listeners = (List<?>) json.get("Listeners");
        assertThat(listeners.getFirst()).isEqualTo(map("Port", 3456L, "Protocol", "tcp", "Services",
                List.of(map("Name", "db", "Hosts", null))));
        Map<?, ?> http = (Map<?, ?>) listeners.get(1);
        assertThat(http.get("Protocol")).isEqualTo("http");
        assertThat(((List<?>) http.get("Services")).getFirst()).isEqualTo(map("Name", "api", "Hosts",
                List.of("foo.example.com"), "RequestHeaders", map("Add", Map.of("x-gw", "ig")), "MaxConnections",
                10L));
        assertThat(json.get("Defaults")).isEqualTo(map("MaxConnections", 5L, "MaxPendingRequests", 0,
                "MaxConcurrentRequests", 0));
    }

    @Test
    void emptyEntry_writesTlsAsAStructAndListenersAsNull() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("Kind", "ingress-gateway", "Name", "ig")));
        Map<String, Object> json = ConfigEntries.render(entry);
        assertThat(json).containsEntry("TLS", map("Enabled", false)).containsEntry("Listeners", null);
        assertThat(json).doesNotContainKeys("Defaults", "Meta");
    }

    @Test
    void unknownField_isConsulsDecodingError() {
        assertThatThrownBy(() -> ingress(map("Port", 1, "Services", List.of(map("Name", "a", "Nope", 1)))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key "
                        + "\"Listeners[0].Services[0].Nope\"\n\n");
    }

    static List<Object[]> invalid() {
        Map<String, Object> db = map("Name", "db");
        return List.of(
                new Object[] {ingress(listener(80, "tcp", db), listener(80, "http", db)),
                        "port 80 declared on two listeners"},
                new Object[] {ingress(listener(80, "udp", db)),
                        "protocol must be 'tcp', 'http', 'http2', or 'grpc'. 'udp' is an unsupported protocol"},
                new Object[] {ingress(listener(80, "tcp")), "No service declared for listener with port 80"},
                new Object[] {ingress(listener(80, "tcp", db, map("Name", "web"))), "Multiple services per listener "
                        + "are only supported for L7 protocols, 'http', 'grpc' and 'http2' (listener on port 80)"},
                new Object[] {ingress(listener(80, "tcp", map("Name", "*"))),
                        "Wildcard service name is only valid for protocol = 'http' (listener on port 80)"},
                new Object[] {ingress(listener(80, "tcp", map("Name", "db", "Hosts", List.of("a.example")))),
                        "Associating hosts to a service is not supported for the tcp protocol (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", ""))),
                        "Service name cannot be blank (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", "*", "Hosts", List.of("a.example")))),
                        "Associating hosts to a wildcard service is not supported (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", db, db)),
                        "Service db cannot be added multiple times (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", "a", "Hosts", List.of("x.example")),
                        map("Name", "b", "Hosts", List.of("x.example")))),
                        "Hosts must be unique within a specific listener (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", "a", "Hosts", List.of("a.*.example")))),
                        "Host \"a.*.example\" is not valid, a wildcard specifier is only allowed as the leftmost "
                                + "label"},
                new Object[] {ingress(listener(80, "http", map("Name", "a", "Hosts", List.of("a..example")))),
                        "Host \"a..example\" must be a valid DNS hostname"},
                new Object[] {ingress(listener(80, "tcp", map("Name", "a", "ResponseHeaders",
                        map("Remove", List.of("x"))))), "response headers only valid for http, http2 and grpc "
                        + "protocols (service \"a\" on listener on port 80)"},
                new Object[] {ingress(map("Port", 80, "Protocol", "http", "TLS", map("TLSMinVersion", "TLSv9"),
                        "Services", List.of(db))), "no matching TLS version found for TLSv9, please specify one of "
                        + "[TLS_AUTO, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3]"},
                new Object[] {ingress(map("Port", 80, "Protocol", "http", "TLS", map("TLSMinVersion", "TLSv1_3",
                        "TLSMaxVersion", "TLSv1_2"), "Services", List.of(db))),
                        "configuring max version TLSv1_2 less than the configured min version TLSv1_3 is invalid"},
                new Object[] {ingress(map("Port", 80, "Protocol", "http", "TLS", map("TLSMinVersion", "TLSv1_3",
                        "CipherSuites", List.of("TLS_RSA_WITH_AES_128_CBC_SHA")), "Services", List.of(db))),
                        "configuring CipherSuites is only applicable to connections negotiated with TLS 1.2 or "
                                + "earlier, TLSMinVersion is set to TLSv1_3"},
                new Object[] {ingress(map("Port", 80, "Protocol", "http", "TLS", map("CipherSuites",
                        List.of("TLS_NOPE")), "Services", List.of(db))),
                        "no matching Envoy TLS cipher suite found for TLS_NOPE"},
                new Object[] {ingress(map("Port", 80, "Protocol", "http", "TLS", map("SDS",
                        map("ClusterName", "sds")), "Services", List.of(db))),
                        "TLS.SDS.CertResource is required if ClusterName is set for listener (listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", "db", "TLS", map("SDS",
                        map("CertResource", "c"))))), "A service specifying TLS.SDS.CertResource must have at least "
                        + "one item in Hosts (service \"db\" on listener on port 80)"},
                new Object[] {ingress(listener(80, "http", map("Name", "db", "Hosts", List.of("db.example"), "TLS",
                        map("SDS", map("CertResource", "c"))))), "TLS.SDS.ClusterName is required if CertResource is "
                        + "set (service \"db\" on listener on port 80)"});
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidEntry_isRefusedWithConsulsMessage(ConfigEntry entry, String message) {
        assertThatThrownBy(() -> ConfigEntries.normalized(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void starHost_isAllowedOnlyWithoutTls() {
        Map<String, Object> star = map("Name", "web", "Hosts", List.of("*"));
        assertThat(ConfigEntries.normalized(ingress(listener(80, "http", star))).name()).isEqualTo("ig");
        ConfigEntry withTls = decode(map("Kind", "ingress-gateway", "Name", "ig", "TLS", map("Enabled", true),
                "Listeners", List.of(listener(80, "http", star))));
        assertThatThrownBy(() -> ConfigEntries.normalized(withTls)).hasMessage("Host '*' is not allowed when TLS is "
                + "enabled, all hosts must be valid DNS records to add as a DNSSAN");
    }

    @Test
    void wildcardLeftmostHost_isValid() {
        ConfigEntry entry = ingress(listener(80, "http", map("Name", "web", "Hosts", List.of("*.example.com"))));
        assertThat(ConfigEntries.normalized(entry).kind()).isEqualTo("ingress-gateway");
    }
}
