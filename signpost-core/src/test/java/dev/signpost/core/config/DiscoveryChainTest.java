package dev.signpost.core.config;

import static dev.signpost.core.config.DiscoveryChainEntriesTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The compiled chains of Consul's documented examples (api-docs/discovery-chain: multi-datacenter failover, version
 * split, HTTP path routing) and its compiler's test vectors (compile_test.go), in the node and target names of
 * Consul 1.11+ (with the partition), field by field.
 */
class DiscoveryChainTest {
    private static final String TRUST = "11111111-2222-3333-4444-555555555555.consul";
    private static final Duration FIVE = Duration.ofSeconds(5);

    private static ChainEntries entries(Map<String, Object>... raws) {
        Map<String, ConfigEntry> byKey = new HashMap<>();
        Arrays.stream(raws).map(raw -> ConfigEntries.normalized(ConfigEntries.decode(raw,
                        t -> Duration.ofSeconds(Long.parseLong(t.replace("s", ""))))))
                .forEach(e -> byKey.put(e.kind() + "/" + e.name(), e));
        return (kind, name) -> Optional.ofNullable(byKey.get(kind + "/" + name));
    }

    private static DiscoveryChain compile(String service, String dc, Map<String, Object>... raws) {
        return DiscoveryChain.compile(service, dc, TRUST, entries(raws));
    }

    /** A target as Consul writes it, with the default connect timeout and nothing learned. */
    private static Map<String, Object> target(String service, String subset, String dc, Duration timeout,
                                              Map<String, Object> subsetDefinition) {
        String id = (subset.isEmpty() ? "" : subset + ".") + service + ".default.default." + dc;
        String sni = (subset.isEmpty() ? "" : subset + ".") + service + ".default." + dc + ".internal." + TRUST;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("ConnectTimeout", timeout);
        t.put("ID", id);
        t.put("Service", service);
        if (!subset.isEmpty()) {
            t.put("ServiceSubset", subset);
        }
        t.putAll(map("Namespace", "default", "Partition", "default", "Datacenter", dc, "MeshGateway", Map.of(),
                "Subset", subsetDefinition, "TransparentProxy", Map.of(), "SNI", sni, "Name", sni));
        return t;
    }

    private static Map<String, Object> resolverNode(String target, Map<String, Object> resolver) {
        return map("Type", "resolver", "Name", target, "Resolver", resolver);
    }

    @Test
    void noEntries_compileTheDefaultChain() {
        DiscoveryChain chain = compile("web", "dc1");

        assertThat(chain.json().keySet()).containsExactly("ServiceName", "Namespace", "Partition", "Datacenter",
                "Default", "Protocol", "StartNode", "Nodes", "Targets", "AutoVirtualIPs", "ManualVirtualIPs");
        Map<String, Object> expected = new LinkedHashMap<>(map("ServiceName", "web", "Namespace", "default",
                "Partition", "default", "Datacenter", "dc1", "Default", true, "Protocol", "tcp",
                "StartNode", "resolver:web.default.default.dc1",
                "Nodes", Map.of("resolver:web.default.default.dc1", resolverNode("web.default.default.dc1",
                        map("ConnectTimeout", FIVE, "Default", true, "Target", "web.default.default.dc1"))),
                "Targets", Map.of("web.default.default.dc1", target("web", "", "dc1", FIVE, Map.of()))));
        expected.put("AutoVirtualIPs", null);
        expected.put("ManualVirtualIPs", null);
        assertThat(chain.json()).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) chain.json().get("Targets"))
                .get("web.default.default.dc1");
        assertThat(target.keySet()).containsExactly("ConnectTimeout", "ID", "Service", "Namespace", "Partition",
                "Datacenter", "MeshGateway", "Subset", "TransparentProxy", "SNI", "Name");
        assertThat(chain.startNodeType()).isEqualTo("resolver");
    }

    @Test
    void multiDatacenterFailover_listsTheOtherDatacentersAsTargets() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-resolver", "Name", "web",
                "connect_timeout", "15s", "failover", map("*", map("datacenters", List.of("dc3", "dc4")))));

        Duration fifteen = Duration.ofSeconds(15);
        assertThat(chain.json().get("Default")).isNull();
        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of("resolver:web.default.default.dc1", resolverNode(
                "web.default.default.dc1", map("ConnectTimeout", fifteen, "Target", "web.default.default.dc1",
                        "Failover", Map.of("Targets", List.of("web.default.default.dc3", "web.default.default.dc4"))))));
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of(
                "web.default.default.dc1", target("web", "", "dc1", fifteen, Map.of()),
                "web.default.default.dc3", target("web", "", "dc3", fifteen, Map.of()),
                "web.default.default.dc4", target("web", "", "dc4", fifteen, Map.of())));
    }

    @Test
    void versionSplit_inAnotherDatacenter_goesThroughTheSplitterToSubsetResolvers() {
        DiscoveryChain chain = compile("web", "dc2",
                map("Kind", "service-resolver", "Name", "web", "default_subset", "v1", "subsets", map(
                        "v1", map("filter", "Service.Meta.version == v1"),
                        "v2", map("filter", "Service.Meta.version == v2"))),
                map("Kind", "service-defaults", "Name", "web", "protocol", "http"),
                map("Kind", "service-splitter", "Name", "web", "splits", List.of(
                        map("weight", 90, "service_subset", "v1"), map("weight", 10, "service_subset", "v2"))));

        assertThat(chain.json().get("Protocol")).isEqualTo("http");
        assertThat(chain.json().get("StartNode")).isEqualTo("splitter:web.default.default");
        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of(
                "resolver:v1.web.default.default.dc2", resolverNode("v1.web.default.default.dc2",
                        map("ConnectTimeout", FIVE, "Target", "v1.web.default.default.dc2")),
                "resolver:v2.web.default.default.dc2", resolverNode("v2.web.default.default.dc2",
                        map("ConnectTimeout", FIVE, "Target", "v2.web.default.default.dc2")),
                "splitter:web.default.default", map("Type", "splitter", "Name", "web.default.default", "Splits",
                        List.of(map("Definition", map("Weight", 90L, "ServiceSubset", "v1"), "Weight", 90L,
                                        "NextNode", "resolver:v1.web.default.default.dc2"),
                                map("Definition", map("Weight", 10L, "ServiceSubset", "v2"), "Weight", 10L,
                                        "NextNode", "resolver:v2.web.default.default.dc2")))));
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of(
                "v1.web.default.default.dc2", target("web", "v1", "dc2", FIVE,
                        Map.of("Filter", "Service.Meta.version == v1")),
                "v2.web.default.default.dc2", target("web", "v2", "dc2", FIVE,
                        Map.of("Filter", "Service.Meta.version == v2"))));
        assertThat(chain.startNodeType()).isEqualTo("splitter");
    }

    @Test
    void defaultSubset_alone_resolvesToTheSubset_andIsNoDefaultChain() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-resolver", "Name", "web",
                "DefaultSubset", "v2", "Subsets", map("v2", map("Filter", "Service.Meta.version == 2",
                        "OnlyPassing", true))));

        assertThat(chain.json().get("StartNode")).isEqualTo("resolver:v2.web.default.default.dc1");
        assertThat(chain.json()).doesNotContainKey("Default");
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of("v2.web.default.default.dc1", target("web", "v2",
                "dc1", FIVE, map("Filter", "Service.Meta.version == 2", "OnlyPassing", true))));
    }

    @Test
    void redirectToAnotherService_startsAtThatServicesDefaultResolver_butIsNoDefaultChain() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-resolver", "Name", "web",
                "Redirect", map("Service", "web-v2")));

        assertThat(chain.json().get("StartNode")).isEqualTo("resolver:web-v2.default.default.dc1");
        assertThat(chain.json()).doesNotContainKey("Default");
        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of("resolver:web-v2.default.default.dc1",
                resolverNode("web-v2.default.default.dc1", map("ConnectTimeout", FIVE, "Default", true,
                        "Target", "web-v2.default.default.dc1"))));
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of("web-v2.default.default.dc1",
                target("web-v2", "", "dc1", FIVE, Map.of())));
    }

    @Test
    void redirectToAnotherDatacenter_targetsThatDatacenter() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-resolver", "Name", "web",
                "redirect", map("datacenter", "dc2")));

        assertThat(chain.json().get("StartNode")).isEqualTo("resolver:web.default.default.dc2");
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of("web.default.default.dc2",
                target("web", "", "dc2", FIVE, Map.of())));
    }

    @Test
    void failoverToAnotherServicesSubset_usesThatServicesResolver() {
        DiscoveryChain chain = compile("web", "dc1",
                map("Kind", "service-resolver", "Name", "web", "Failover", map("*", map("Service", "backup",
                        "ServiceSubset", "blue"))),
                map("Kind", "service-resolver", "Name", "backup", "ConnectTimeout", "3s", "Subsets",
                        map("blue", map("Filter", "Service.Meta.color == blue"))));

        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of("resolver:web.default.default.dc1", resolverNode(
                "web.default.default.dc1", map("ConnectTimeout", FIVE, "Target", "web.default.default.dc1",
                        "Failover", Map.of("Targets", List.of("blue.backup.default.default.dc1"))))));
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of(
                "web.default.default.dc1", target("web", "", "dc1", FIVE, Map.of()),
                "blue.backup.default.default.dc1", target("backup", "blue", "dc1", Duration.ofSeconds(3),
                        Map.of("Filter", "Service.Meta.color == blue"))));
    }

    @Test
    void failoverTargets_skipTheTargetItself() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-resolver", "Name", "web",
                "Failover", map("*", map("Targets", List.of(map("Datacenter", "dc1"), map("Datacenter", "dc2"))))));

        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) chain.json().get("Nodes"))
                .get("resolver:web.default.default.dc1");
        assertThat(node.get("Resolver")).isEqualTo(map("ConnectTimeout", FIVE, "Target", "web.default.default.dc1",
                "Failover", Map.of("Targets", List.of("web.default.default.dc2"))));
    }

    @Test
    void httpPathRouting_endsWithTheCatchAllRoute() {
        DiscoveryChain chain = compile("web", "dc1",
                map("Kind", "service-resolver", "Name", "web", "subsets", map("canary",
                        map("filter", "Service.Meta.flavor == canary"))),
                map("Kind", "proxy-defaults", "Name", "global", "Config", map("protocol", "http")),
                map("Kind", "service-router", "Name", "web", "routes", List.of(
                        map("match", map("http", map("path_prefix", "/admin")), "destination",
                                map("service", "admin", "prefix_rewrite", "/", "request_timeout", "15s")),
                        map("match", map("http", map("header", List.of(map("name", "x-debug", "exact", "1")))),
                                "destination", map("service", "web", "service_subset", "canary", "num_retries", 5,
                                        "retry_on_connect_failure", true, "retry_on_status_codes",
                                        List.of(401, 409))))));

        assertThat(chain.json().get("StartNode")).isEqualTo("router:web.default.default");
        assertThat(chain.json().get("Protocol")).isEqualTo("http");
        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of(
                "resolver:admin.default.default.dc1", resolverNode("admin.default.default.dc1",
                        map("ConnectTimeout", FIVE, "Default", true, "Target", "admin.default.default.dc1")),
                "resolver:canary.web.default.default.dc1", resolverNode("canary.web.default.default.dc1",
                        map("ConnectTimeout", FIVE, "Target", "canary.web.default.default.dc1")),
                "resolver:web.default.default.dc1", resolverNode("web.default.default.dc1",
                        map("ConnectTimeout", FIVE, "Target", "web.default.default.dc1")),
                "router:web.default.default", map("Type", "router", "Name", "web.default.default", "Routes", List.of(
                        map("Definition", map("Match", map("HTTP", map("PathPrefix", "/admin")),
                                        "Destination", map("RequestTimeout", Duration.ofSeconds(15), "Service", "admin",
                                                "PrefixRewrite", "/")),
                                "NextNode", "resolver:admin.default.default.dc1"),
                        map("Definition", map("Match", map("HTTP", map("Header", List.of(map("Name", "x-debug",
                                                "Exact", "1")))),
                                        "Destination", map("Service", "web", "ServiceSubset", "canary",
                                                "NumRetries", 5L, "RetryOnConnectFailure", true,
                                                "RetryOnStatusCodes", List.of(401L, 409L))),
                                "NextNode", "resolver:canary.web.default.default.dc1"),
                        map("Definition", map("Match", map("HTTP", map("PathPrefix", "/")),
                                        "Destination", map("Service", "web", "Namespace", "default",
                                                "Partition", "default")),
                                "NextNode", "resolver:web.default.default.dc1")))));
        assertThat(((Map<?, ?>) chain.json().get("Targets")).keySet()).map(Object::toString).containsExactlyInAnyOrder(
                "admin.default.default.dc1", "canary.web.default.default.dc1", "web.default.default.dc1");
    }

    @Test
    void splittersToSplitters_areFlattened_weightsMultiplied() {
        DiscoveryChain chain = compile("web", "dc1",
                map("Kind", "proxy-defaults", "Name", "global", "Config", map("protocol", "http")),
                map("Kind", "service-splitter", "Name", "web", "Splits", List.of(map("Weight", 50, "Service", "a"),
                        map("Weight", 50, "Service", "b"))),
                map("Kind", "service-splitter", "Name", "a", "Splits", List.of(map("Weight", 33.33,
                        "Service", "a1"), map("Weight", 66.67, "Service", "a2"))));

        @SuppressWarnings("unchecked")
        Map<String, Object> nodes = (Map<String, Object>) chain.json().get("Nodes");
        assertThat(nodes).doesNotContainKey("splitter:a.default.default");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> splits = (List<Map<String, Object>>) ((Map<String, Object>)
                nodes.get("splitter:web.default.default")).get("Splits");
        assertThat(splits).extracting(s -> s.get("Weight")).containsExactly(new java.math.BigDecimal("16.67"),
                new java.math.BigDecimal("33.34"), 50L);
        assertThat(splits).extracting(s -> s.get("NextNode")).containsExactly("resolver:a1.default.default.dc1",
                "resolver:a2.default.default.dc1", "resolver:b.default.default.dc1");
    }

    @Test
    void aSplitterOnATcpService_isRefusedWithConsulsWords() {
        assertThatThrownBy(() -> compile("web", "dc1", map("Kind", "service-splitter", "Name", "web", "Splits",
                List.of(map("Weight", 100, "Service", "other")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discovery chain \"web\" uses a protocol \"tcp\" that does not permit advanced routing or "
                        + "splitting behavior");
    }

    @Test
    void graphErrors_speakConsulsWords() {
        assertThatThrownBy(() -> compile("web", "dc1",
                map("Kind", "service-resolver", "Name", "web", "Redirect", map("Service", "b")),
                map("Kind", "service-resolver", "Name", "b", "Redirect", map("Service", "web"))))
                .hasMessage("detected circular resolver redirect: [web.default.default.dc1 -> b.default.default.dc1 "
                        + "-> web.default.default.dc1]");
        assertThatThrownBy(() -> compile("web", "dc1",
                map("Kind", "service-defaults", "Name", "web", "Protocol", "http"),
                map("Kind", "service-splitter", "Name", "web", "Splits", List.of(map("Weight", 100,
                        "ServiceSubset", "v9")))))
                .hasMessage("service \"web\" does not have a subset named \"v9\"");
        assertThatThrownBy(() -> compile("web", "dc1",
                map("Kind", "service-defaults", "Name", "web", "Protocol", "http"),
                map("Kind", "service-router", "Name", "web", "Routes", List.of(map("Destination",
                        map("Service", "db"))))))
                .hasMessage("discovery chain \"web\" uses inconsistent protocols; service \"db\" has \"tcp\" which "
                        + "is not \"http\"");
        assertThatThrownBy(() -> compile("web", "dc1",
                map("Kind", "proxy-defaults", "Name", "global", "Config", map("protocol", "http")),
                map("Kind", "service-splitter", "Name", "web", "Splits", List.of(map("Weight", 100, "Service", "b"))),
                map("Kind", "service-splitter", "Name", "b", "Splits", List.of(map("Weight", 100, "Service", "web")))))
                .hasMessage("detected circular reference: [splitter:web.default.default -> splitter:b.default.default "
                        + "-> splitter:web.default.default]");
    }

    @Test
    void serviceDefaults_giveMetaMeshGatewayAndExternalSni() {
        DiscoveryChain chain = compile("web", "dc1", map("Kind", "service-defaults", "Name", "web",
                "Meta", map("owner", "team-a"), "MeshGateway", map("Mode", "local"), "ExternalSNI", "web.example"));

        assertThat(chain.json().get("ServiceMeta")).isEqualTo(Map.of("owner", "team-a"));
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) chain.json().get("Targets"))
                .get("web.default.default.dc1");
        assertThat(target.get("MeshGateway")).isEqualTo(Map.of());
        assertThat(target.get("External")).isEqualTo(true);
        assertThat(target.get("SNI")).isEqualTo("web.example");
        assertThat(target.get("Name")).isEqualTo("web.default.dc1.internal." + TRUST);
    }

    @Test
    void datacenterRedirectWithOverrides_isCustomized_withConsulsDocumentedHash() {
        ChainOverrides overrides = ChainOverrides.decode(map("OverrideConnectTimeout", "7s", "OverrideProtocol",
                "grpc", "OverrideMeshGateway", map("Mode", "remote")), t -> Duration.ofSeconds(7));
        DiscoveryChain chain = DiscoveryChain.compile("web", "dc1", TRUST, entries(map("Kind", "service-resolver",
                "Name", "web", "redirect", map("datacenter", "dc2"))), overrides);

        assertThat(chain.json().keySet()).startsWith("ServiceName", "Namespace", "Partition", "Datacenter",
                "CustomizationHash", "Protocol");
        assertThat(chain.json().get("CustomizationHash")).isEqualTo("b94f529a");
        assertThat(chain.json().get("Protocol")).isEqualTo("grpc");
        assertThat(chain.json().get("StartNode")).isEqualTo("resolver:web.default.default.dc2");
        assertThat(chain.json().get("Nodes")).isEqualTo(Map.of("resolver:web.default.default.dc2", resolverNode(
                "web.default.default.dc2", map("ConnectTimeout", Duration.ofSeconds(7),
                        "Target", "web.default.default.dc2"))));
        Map<String, Object> target = target("web", "", "dc2", Duration.ofSeconds(7), Map.of());
        target.put("MeshGateway", Map.of("Mode", "remote"));
        assertThat(chain.json().get("Targets")).isEqualTo(Map.of("web.default.default.dc2", target));
    }

    @Test
    void overridesThatChangeNothing_leaveNoHash_andATcpOverrideDropsRoutersAndSplitters() {
        DiscoveryChain same = DiscoveryChain.compile("web", "dc1", TRUST, entries(),
                new ChainOverrides("", "tcp", 5_000_000_000L));
        assertThat(same.json()).doesNotContainKey("CustomizationHash");
        assertThat(same.json().get("Default")).isEqualTo(true);

        DiscoveryChain tcp = DiscoveryChain.compile("web", "dc1", TRUST, entries(
                map("Kind", "service-defaults", "Name", "web", "Protocol", "http"),
                map("Kind", "service-splitter", "Name", "web", "Splits", List.of(map("Weight", 100,
                        "Service", "web")))), new ChainOverrides("", "tcp", 0));
        assertThat(tcp.json().get("StartNode")).isEqualTo("resolver:web.default.default.dc1");
        assertThat(tcp.json().get("Protocol")).isEqualTo("tcp");
        assertThat(tcp.json().get("CustomizationHash")).asString().hasSize(8);
    }

    @Test
    void overrideBodies_areReadAsConsulReadsThem() {
        assertThat(ChainOverrides.decode(map("override_protocol", "HTTP", "override_mesh_gateway", map("mode", "local"),
                "override_connect_timeout", 2_000_000_000L, "Other", 1), t -> Duration.ZERO))
                .isEqualTo(new ChainOverrides("local", "HTTP", 2_000_000_000L));
        assertThatThrownBy(() -> ChainOverrides.decode(map("OverrideProtocol", map()), t -> Duration.ZERO))
                .hasMessage("Request decoding failed: 1 error(s) decoding:\n\n* 'OverrideProtocol' expected type "
                        + "'string', got unconvertible type 'map[string]interface {}', value: 'map[]'");
        assertThat(new ChainOverrides("sideways", "", 0).validMeshGatewayMode()).isFalse();
    }

    @Test
    void theTrustDomain_isTheClustersStableId() {
        assertThat(DiscoveryChain.trustDomain("dc1")).isEqualTo(DiscoveryChain.trustDomain("dc1"))
                .matches("[0-9a-f-]{36}\\.consul");
    }
}
