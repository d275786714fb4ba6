package dev.signpost.core.config;

import static dev.signpost.core.config.IngressGatewayTest.decode;
import static dev.signpost.core.config.IngressGatewayTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.signpost.core.config.GatewayServices.GatewayService;

class GatewayServicesTest {
    private static final GatewayServices.Catalog CATALOG = new GatewayServices.Catalog() {
        @Override
        public List<String> typicalServices() {
            return List.of("api", "db", "web");
        }

        @Override
        public boolean connectCapable(String service) {
            return Set.of("api", "web").contains(service);
        }
    };

    private static ConfigEntry entry(Map<String, Object> raw, long index) {
        return ConfigEntries.normalized(decode(raw)).writtenAt(index, index);
    }

    @Test
    void ingress_mapsEachListenerService_withItsPortProtocolAndHosts() {
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "my-ingress-gateway", "Listeners", List.of(
                map("Port", 8888, "Protocol", "http", "Services", List.of(map("Name", "api",
                        "Hosts", List.of("api.mydomain.com")))),
                map("Port", 8443, "Services", List.of(map("Name", "redis"))))), 15);

        assertThat(GatewayServices.of(ingress, CATALOG)).containsExactly(
                new GatewayService("my-ingress-gateway", "api", "ingress-gateway", 8888, "http",
                        List.of("api.mydomain.com"), "", "", "", "", false, 15, 15),
                new GatewayService("my-ingress-gateway", "redis", "ingress-gateway", 8443, "tcp", List.of(), "", "",
                        "", "", false, 15, 15));
        assertThat(GatewayServices.hasWildcard(ingress)).isFalse();
    }

    @Test
    void ingressWildcard_coversConnectCapableServices_butNotOnesNamedOnThatPort() {
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "ig", "Listeners", List.of(
                map("Port", 80, "Protocol", "http", "Services", List.of(map("Name", "*"),
                        map("Name", "web", "Hosts", List.of("w.example")))))), 7);

        List<GatewayService> mappings = GatewayServices.of(ingress, CATALOG);
        assertThat(mappings).extracting(GatewayService::service, GatewayService::fromWildcard, GatewayService::hosts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", true, List.of()),
                        org.assertj.core.groups.Tuple.tuple("web", false, List.of("w.example")));
        assertThat(GatewayServices.hasWildcard(ingress)).isTrue();
    }

    @Test
    void terminating_mapsLinkedServicesWithTheirTls_andItsWildcardCoversEveryTypicalService() {
        ConfigEntry terminating = entry(map("Kind", "terminating-gateway", "Name", "tg", "Services", List.of(
                map("Name", "web", "CAFile", "/ca.pem", "SNI", "web.example"), map("Name", "*", "SNI", "all"))), 9);

        assertThat(GatewayServices.of(terminating, CATALOG)).containsExactly(
                new GatewayService("tg", "api", "terminating-gateway", 0, "", List.of(), "", "", "", "all", true, 9,
                        9),
                new GatewayService("tg", "db", "terminating-gateway", 0, "", List.of(), "", "", "", "all", true, 9, 9),
                new GatewayService("tg", "web", "terminating-gateway", 0, "", List.of(), "/ca.pem", "", "",
                        "web.example", false, 9, 9));
    }

    @Test
    void refusal_sameNameForTheOtherGatewayKind() {
        Map<String, ConfigEntry> stored = new HashMap<>();
        stored.put("terminating-gateway/gw", entry(map("Kind", "terminating-gateway", "Name", "gw"), 1));
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "gw"), 0);

        assertThat(GatewayServices.refusal(ingress, (k, n) -> Optional.ofNullable(stored.get(k + "/" + n))))
                .contains("cannot create a \"ingress-gateway\" config entry with name \"gw\", a "
                        + "\"terminating-gateway\" config entry with that name already exists");
    }

    @Test
    void refusal_httpListenerForATcpService_butNotOnceServiceDefaultsSayHttp() {
        Map<String, ConfigEntry> stored = new HashMap<>();
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "ig", "Listeners", List.of(
                map("Port", 80, "Protocol", "http", "Services", List.of(map("Name", "web"), map("Name", "*"))))), 0);

        assertThat(GatewayServices.refusal(ingress, (k, n) -> Optional.ofNullable(stored.get(k + "/" + n))))
                .contains("service \"web\" has protocol \"tcp\", which does not match defined listener protocol "
                        + "\"http\"");
        stored.put("service-defaults/web", entry(map("Kind", "service-defaults", "Name", "web", "Protocol", "HTTP"),
                1));
        assertThat(GatewayServices.refusal(ingress, (k, n) -> Optional.ofNullable(stored.get(k + "/" + n))))
                .isEmpty();
    }

    @Test
    void refusal_tcpListenerMayFrontAnHttpService_whoseChainStartsAtItsResolver() {
        Map<String, ConfigEntry> stored = new HashMap<>();
        stored.put("proxy-defaults/global", entry(map("Kind", "proxy-defaults", "Name", "global",
                "Config", map("protocol", "http")), 1));
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "ig", "Listeners", List.of(
                map("Port", 80, "Services", List.of(map("Name", "web"))))), 0);

        assertThat(GatewayServices.refusal(ingress, (k, n) -> Optional.ofNullable(stored.get(k + "/" + n))))
                .isEmpty();
    }

    @Test
    void graphRefusal_changingAServiceProtocolUnderAnIngressListener_isRefused_otherKindsAreNot() {
        Map<String, ConfigEntry> stored = new HashMap<>();
        stored.put("service-defaults/web", entry(map("Kind", "service-defaults", "Name", "web", "Protocol", "http"),
                1));
        ConfigEntry ingress = entry(map("Kind", "ingress-gateway", "Name", "ig", "Listeners", List.of(
                map("Port", 80, "Protocol", "http", "Services", List.of(map("Name", "web"))))), 2);
        java.util.function.BiFunction<String, String, Optional<ConfigEntry>> lookup =
                (k, n) -> Optional.ofNullable(stored.get(k + "/" + n));

        assertThat(GatewayServices.graphRefusal("service-defaults", "web", Optional.empty(), List.of(ingress), lookup))
                .contains("service \"web\" has protocol \"tcp\", which does not match defined listener protocol "
                        + "\"http\"");
        ConfigEntry grpc = entry(map("Kind", "service-defaults", "Name", "web", "Protocol", "grpc"), 3);
        assertThat(GatewayServices.graphRefusal("service-defaults", "web", Optional.of(grpc), List.of(ingress),
                lookup)).contains("service \"web\" has protocol \"grpc\", which does not match defined listener "
                + "protocol \"http\"");
        assertThat(GatewayServices.graphRefusal("service-defaults", "db", Optional.empty(), List.of(ingress), lookup))
                .isEmpty();
        assertThat(GatewayServices.graphRefusal("service-intentions", "web", Optional.empty(), List.of(ingress),
                lookup)).isEmpty();
    }
}
