package dev.signpost.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;

class ConfigEntriesTest {

    private static Duration parseDuration(String text) {
        if (text.endsWith("s") && text.substring(0, text.length() - 1).chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    private static ConfigEntry decode(Map<String, Object> raw) {
        return ConfigEntries.decode(raw, ConfigEntriesTest::parseDuration);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void serviceDefaults_readSnakeAndAnyCase_andWriteBackConsulsJson() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("kind", "service-defaults", "name", "web",
                "protocol", "HTTP", "mesh_gateway", map("mode", "local"), "external_sni", "web.example",
                "Expose", map("Paths", List.of(map("listener_port", 21500, "path", "/health"))),
                "upstream_config", map("defaults", map("connect_timeout_ms", -5, "Protocol", "GRPC")),
                "Meta", map("n", 1, "b", true))));

        assertThat(entry.kind()).isEqualTo("service-defaults");
        assertThat(entry.name()).isEqualTo("web");
        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(5, 7));
        assertThat(json.keySet()).containsExactly("Kind", "Name", "Protocol", "TransparentProxy", "MeshGateway",
                "Expose", "ExternalSNI", "UpstreamConfig", "Meta", "CreateIndex", "ModifyIndex");
        assertThat(json.get("Protocol")).isEqualTo("http");
        assertThat(json.get("TransparentProxy")).isEqualTo(Map.of());
        assertThat(json.get("MeshGateway")).isEqualTo(Map.of("Mode", "local"));
        assertThat(json.get("Expose")).isEqualTo(Map.of("Paths", List.of(Map.of("ListenerPort", 21500L, "Path",
                "/health"))));
        assertThat(json.get("UpstreamConfig")).isEqualTo(Map.of("Defaults", Map.of("Protocol", "grpc",
                "MeshGateway", Map.of())));
        assertThat(json.get("Meta")).isEqualTo(Map.of("n", "1", "b", "1"));
        assertThat(json.get("CreateIndex")).isEqualTo(5L);
        assertThat(json.get("ModifyIndex")).isEqualTo(7L);
    }

    @Test
    void anEmptyServiceDefaults_hasConsulsZeroFields() {
        Map<String, Object> json = ConfigEntries.render(decode(map("Kind", "service-defaults", "Name", "db")));

        assertThat(json).containsExactly(Map.entry("Kind", "service-defaults"), Map.entry("Name", "db"),
                Map.entry("Protocol", ""), Map.entry("TransparentProxy", Map.of()), Map.entry("MeshGateway", Map.of()),
                Map.entry("Expose", Map.of()), Map.entry("CreateIndex", 0L), Map.entry("ModifyIndex", 0L));
    }

    @Test
    void proxyDefaults_keepConfigAsGiven_andAreAlwaysNamedGlobal() {
        ConfigEntry entry = ConfigEntries.normalized(decode(map("Kind", "proxy-defaults",
                "Config", map("local_connect_timeout_ms", 1000, "handshake_timeout_ms", 10000.0, "ratio", 0.5),
                "Mode", "transparent",
                "TransparentProxy", map("OutboundListenerPort", 15001))));

        assertThat(entry.name()).isEqualTo("global");
        Map<String, Object> json = ConfigEntries.render(entry);
        assertThat(json.keySet()).containsExactly("Kind", "Name", "Config", "Mode", "TransparentProxy", "MeshGateway",
                "Expose", "CreateIndex", "ModifyIndex");
        assertThat(json.get("Config")).isEqualTo(Map.of("local_connect_timeout_ms", 1000L, "handshake_timeout_ms",
                10000L, "ratio", 0.5));
        assertThat(ConfigEntries.render(ConfigEntries.normalized(decode(map("Kind", "proxy-defaults")))))
                .containsEntry("Config", null);
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "proxy-defaults", "Name", "web"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid name (\"web\"), only \"global\" is supported");
    }

    @Test
    void decodingProblems_areConsulsRequestDecodingFailed() {
        assertThatThrownBy(() -> decode(map("Name", "web"))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Request decoding failed: Payload does not contain a kind/Kind key at the top level");
        assertThatThrownBy(() -> decode(map("Kind", 5))).hasMessage(
                "Request decoding failed: Kind value in payload is not a string");
        assertThatThrownBy(() -> decode(map("Kind", "jwt-provider", "Name", "web"))).hasMessage(
                "Request decoding failed: invalid config entry kind: jwt-provider");
        assertThatThrownBy(() -> decode(map("Kind", "service-defaults", "Name", "web", "Protocl", "http",
                "Expose", map("Chekcs", true)))).hasMessage("Request decoding failed: 2 errors occurred:\n"
                + "\t* invalid config key \"Expose.Chekcs\"\n\t* invalid config key \"Protocl\"\n\n");
        assertThatThrownBy(() -> decode(map("Kind", "service-defaults", "Name", "web", "Namespace", "ns")))
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key \"Namespace\", "
                        + "namespaces are a consul enterprise feature\n\n");
        assertThatThrownBy(() -> decode(map("Kind", "service-defaults", "Name", "web", "Protocol", map(),
                "MaxInboundConnections", "many"))).hasMessage("Request decoding failed: 2 error(s) decoding:\n\n"
                + "* 'Protocol' expected type 'string', got unconvertible type 'map[string]interface {}', value: "
                + "'map[]'\n* cannot parse 'MaxInboundConnections' as int: strconv.ParseInt: parsing \"many\": "
                + "invalid syntax");
        assertThatThrownBy(() -> decode(map("Kind", "service-defaults", "Name", "web", "UpstreamConfig",
                map("Defaults", map("PassiveHealthCheck", map("Interval", "soon")))))).hasMessage(
                "Request decoding failed: 1 error(s) decoding:\n\n* error decoding "
                        + "'UpstreamConfig.Defaults.PassiveHealthCheck.Interval': time: invalid duration \"soon\"");
    }

    @Test
    void createAndModifyIndexes_inTheBody_areIgnored() {
        ConfigEntry entry = decode(map("Kind", "service-defaults", "Name", "web", "CreateIndex", 9,
                "ModifyIndex", 9));

        assertThat(entry.body()).isEmpty();
    }

    @Test
    void serviceDefaultsValidation_speaksConsulsWords() {
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults"))))
                .hasMessage("Name is required");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "*"))))
                .hasMessage("service-defaults name must be the name of a service, and not a wildcard");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "BalanceInboundConnections", "round_robin")))).hasMessage(
                "1 error occurred:\n\t* invalid value for balance_inbound_connections: round_robin\n\n");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "UpstreamConfig", map("Defaults", map()), "Destination", map("Addresses", List.of("a.example"),
                        "Port", 443))))).hasMessage("1 error occurred:\n\t* UpstreamConfig and Destination are "
                + "mutually exclusive for service defaults\n\n");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "Destination", map("Addresses", List.of("a.example", "a.example", "*.example")))))).hasMessage(
                "3 errors occurred:\n\t* Duplicate address 'a.example' is not allowed\n\t* Destination address "
                + "'*.example' is invalid Could not validate address *.example as an IP or Hostname\n\t* Invalid "
                + "Port number 0\n\n");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "UpstreamConfig", map("Overrides", List.of(map("Protocol", "http"), map("Name", "db",
                        "Limits", map("MaxConnections", -1)))))))).hasMessage("2 errors occurred:\n\t* error in "
                + "upstream override for : Name is required\n\t* error in upstream override for db: 1 error "
                + "occurred:\n\t* max connections cannot be negative\n\n\n\n");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "UpstreamConfig", map("Defaults", map("Name", "db")))))).hasMessage(
                "1 error occurred:\n\t* error in upstream defaults: Name must be empty\n\n");
    }

    @Test
    void metaLimits_areConsuls() {
        Map<String, Object> meta = new LinkedHashMap<>();
        for (int i = 0; i < 65; i++) {
            meta.put("k" + i, "v");
        }
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "proxy-defaults", "Meta", meta))))
                .hasMessage("1 error occurred:\n\t* Meta exceeds maximum element count 64\n\n");
        assertThatThrownBy(() -> ConfigEntries.normalized(decode(map("Kind", "service-defaults", "Name", "web",
                "Meta", map("k".repeat(129), "x".repeat(513)))))).hasMessageContaining(
                "exceeds maximum length 128").hasMessageContaining("exceeds maximum length 512");
    }

    @Test
    void weakTyping_andListsOfOne_areReadAsMapstructureDoes() {
        ConfigEntry entry = decode(map("Kind", "service-defaults", "Name", "web", "MaxInboundConnections", "12",
                "TransparentProxy", List.of(map("DialedDirectly", "true")), "Destination",
                map("Addresses", "a.example", "Port", 443.9)));

        assertThat(entry.body().get("MaxInboundConnections")).isEqualTo(12L);
        assertThat(entry.body().get("TransparentProxy")).isEqualTo(Map.of("DialedDirectly", true));
        assertThat(entry.body().get("Destination")).isEqualTo(Map.of("Addresses", List.of("a.example"),
                "Port", 443L));
        assertThat(decode(map("Kind", "proxy-defaults", "Config", List.of(map("a", 1), map("b", 2)))).body()
                .get("Config")).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThatThrownBy(() -> decode(map("Kind", "service-defaults", "Name", "web", "Expose", List.of(),
                "Protocol", List.of("a", "b")))).hasMessage("Request decoding failed: 2 error(s) decoding:\n\n"
                + "* 'Expose' expected a map, got 'slice'\n* 'Protocol' expected type 'string', got unconvertible "
                + "type '[]interface {}', value: '[a b]'");
    }
}
