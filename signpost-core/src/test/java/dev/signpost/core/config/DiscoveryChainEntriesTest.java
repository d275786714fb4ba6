package dev.signpost.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.signpost.core.InvalidRequestException;

class DiscoveryChainEntriesTest {

    private static Duration parseDuration(String text) {
        if (text.matches("-?\\d+s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    private static ConfigEntry normalized(Map<String, Object> raw) {
        return ConfigEntries.normalized(ConfigEntries.decode(raw, DiscoveryChainEntriesTest::parseDuration));
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> resolver(Object... pairs) {
        Map<String, Object> out = map("Kind", "service-resolver", "Name", "web");
        out.putAll(map(pairs));
        return out;
    }

    private static Map<String, Object> splitter(Object... splits) {
        return map("Kind", "service-splitter", "Name", "web", "Splits", List.of(splits));
    }

    private static Map<String, Object> router(Object... routes) {
        return map("Kind", "service-router", "Name", "web", "Routes", List.of(routes));
    }

    private static Map<String, Object> route(Map<String, Object> http, Map<String, Object> destination) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (http != null) {
            out.put("Match", map("HTTP", http));
        }
        if (destination != null) {
            out.put("Destination", destination);
        }
        return out;
    }

    @Test
    void resolver_readsSnakeCase_andWritesConsulsJson_timeoutsFirstAsDurations() {
        ConfigEntry entry = normalized(map("kind", "service-resolver", "name", "web", "default_subset", "v1",
                "connect_timeout", "15s", "subsets", map("v1", map("filter", "Service.Meta.version == v1",
                        "only_passing", true), "v2", map("Filter", "Service.Meta.version == v2")),
                "failover", map("*", map("datacenters", List.of("dc3", "dc4"))),
                "load_balancer", map("policy", "ring_hash", "ring_hash_config", map("minimum_ring_size", 1024),
                        "hash_policies", List.of(map("field", "header", "field_value", "x-user")))));

        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(3, 4));

        assertThat(json.keySet()).containsExactly("ConnectTimeout", "Kind", "Name", "DefaultSubset", "Subsets",
                "Failover", "LoadBalancer", "CreateIndex", "ModifyIndex");
        assertThat(json.get("ConnectTimeout")).isEqualTo(Duration.ofSeconds(15));
        assertThat(json.get("Subsets")).isEqualTo(Map.of("v1", Map.of("Filter", "Service.Meta.version == v1",
                "OnlyPassing", true), "v2", Map.of("Filter", "Service.Meta.version == v2")));
        assertThat(json.get("Failover")).isEqualTo(Map.of("*", Map.of("Datacenters", List.of("dc3", "dc4"))));
        assertThat(json.get("LoadBalancer")).isEqualTo(Map.of("Policy", "ring_hash", "RingHashConfig",
                Map.of("MinimumRingSize", 1024L), "HashPolicies", List.of(Map.of("Field", "header", "FieldValue",
                        "x-user"))));
    }

    @Test
    void resolver_redirect_isKeptAsGiven() {
        Map<String, Object> json = ConfigEntries.render(normalized(resolver("Redirect",
                map("Service", "web-v2", "Datacenter", "dc2"))));

        assertThat(json.get("Redirect")).isEqualTo(Map.of("Service", "web-v2", "Datacenter", "dc2"));
        assertThat(json).doesNotContainKey("ConnectTimeout");
    }

    @Test
    void resolver_unknownFieldsAndBadDurations_areDecodingErrors() {
        assertThatThrownBy(() -> normalized(resolver("Subsets", map("v1", map("Filtr", "x")))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key \"Subsets[v1].Filtr\"\n\n");
        assertThatThrownBy(() -> normalized(resolver("ConnectTimeout", "soon")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("error decoding 'ConnectTimeout': time: invalid duration \"soon\"");
    }

    static Stream<Arguments> invalidResolvers() {
        Map<String, Object> subsets = map("v1", map(), "v2", map());
        return Stream.of(
                Arguments.of(map("Kind", "service-resolver"), "Name is required"),
                Arguments.of(resolver("Subsets", map("V1", map())), "Subset \"V1\" is invalid: must be 63 characters "
                        + "or fewer, begin or end with lower case alphanumeric characters, and contain lower case "
                        + "alphanumeric characters or '-' in between"),
                Arguments.of(resolver("Subsets", map("v1", map("Filter", "Service.Meta.version =="))),
                        "Filter for subset \"v1\" is not a valid expression: "),
                Arguments.of(resolver("DefaultSubset", "v3", "Subsets", subsets),
                        "DefaultSubset \"v3\" is not a valid subset"),
                Arguments.of(resolver("Redirect", map()), "Redirect is empty"),
                Arguments.of(resolver("Redirect", map("Service", "a"), "Failover", map("*", map("Service", "b"))),
                        "Redirect and Failover cannot both be set"),
                Arguments.of(resolver("Redirect", map("Namespace", "ns")),
                        "Redirect: Setting Namespace requires Consul Enterprise"),
                Arguments.of(resolver("Redirect", map("ServiceSubset", "v1")),
                        "Redirect.ServiceSubset defined without Redirect.Service"),
                Arguments.of(resolver("Redirect", map("Peer", "p", "Datacenter", "dc2")),
                        "Redirect.Peer cannot be set with Redirect.Datacenter"),
                Arguments.of(resolver("Redirect", map("Service", "web", "ServiceSubset", "v9"), "Subsets", subsets),
                        "Redirect.ServiceSubset \"v9\" is not a valid subset of \"web\""),
                Arguments.of(resolver("Failover", map("v9", map("Service", "b"))),
                        "Bad Failover[\"v9\"]: not a valid subset subset"),
                Arguments.of(resolver("Failover", map("*", map())), "Bad Failover[\"*\"]: one of Service, "
                        + "ServiceSubset, Namespace, Targets, or Datacenters is required"),
                Arguments.of(resolver("Failover", map("*", map("ServiceSubset", "v9")), "Subsets", subsets),
                        "Bad Failover[\"*\"]: ServiceSubset \"v9\" is not a valid subset of \"\""),
                Arguments.of(resolver("Failover", map("*", map("Datacenters", List.of("dc2"), "Targets",
                        List.of(map("Service", "b"))))), "Bad Failover[\"*\"]: Targets cannot be set with Datacenters"),
                Arguments.of(resolver("Failover", map("*", map("Targets", List.of(map("Peer", "p",
                        "ServiceSubset", "v1"))))), "Bad Failover[\"*\"].Targets[0]: Peer cannot be set with "
                        + "ServiceSubset"),
                Arguments.of(resolver("Failover", map("*", map("Datacenters", List.of("dc2", "")))),
                        "Bad Failover[\"*\"].Datacenters: found empty datacenter"),
                Arguments.of(resolver("ConnectTimeout", "-5s"), "Bad ConnectTimeout '-5s', must be >= 0"),
                Arguments.of(resolver("LoadBalancer", map("Policy", "fastest")),
                        "Bad LoadBalancer policy: \"fastest\" is not supported"),
                Arguments.of(resolver("LoadBalancer", map("Policy", "random", "HashPolicies",
                        List.of(map("Field", "header", "FieldValue", "x")))), "Bad LoadBalancer configuration: "
                        + "HashPolicies specified for non-hash-based Policy: \"random\""),
                Arguments.of(resolver("LoadBalancer", map("Policy", "maglev", "HashPolicies",
                        List.of(map("Field", "header")))),
                        "Bad LoadBalancer HashPolicy[0]: Field \"header\" was specified without a FieldValue"),
                Arguments.of(resolver("Meta", map("k".repeat(129), "v")),
                        "1 error occurred:\n\t* Meta key \"" + "k".repeat(129) + "\" exceeds maximum length 128\n\n"));
    }

    @ParameterizedTest
    @MethodSource("invalidResolvers")
    void invalidResolvers_areRefusedWithConsulsWords(Map<String, Object> raw, String message) {
        assertThatThrownBy(() -> normalized(raw)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidRequestException.class)
                .message().startsWith(message);
    }

    @Test
    void resolverFilterErrors_carryBexprsPosition() {
        assertThatThrownBy(() -> normalized(resolver("Subsets", map("v1", map("Filter", "Service.Meta.version ==")))))
                .hasMessageMatching("Filter for subset \"v1\" is not a valid expression: .*1:.*")
                .hasMessageNotContaining("Failed to create boolean expression evaluator");
    }

    @Test
    void splitter_weightsAreNormalisedToHundredths_andWrittenAsGoFloats() {
        ConfigEntry entry = normalized(splitter(map("weight", 33.334, "service_subset", "v1"),
                map("Weight", "33.33", "ServiceSubset", "v2"), map("Weight", 33.336, "Service", "web-v3",
                        "request_headers", map("set", map("x-split", "3")))));

        Map<String, Object> json = ConfigEntries.render(entry);

        assertThat(json.keySet()).containsExactly("Kind", "Name", "Splits", "CreateIndex", "ModifyIndex");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> splits = (List<Map<String, Object>>) json.get("Splits");
        assertThat(splits.get(0)).isEqualTo(Map.of("Weight", new BigDecimal("33.33"), "ServiceSubset", "v1"));
        assertThat(splits.get(2)).isEqualTo(Map.of("Weight", new BigDecimal("33.34"), "Service", "web-v3",
                "RequestHeaders", Map.of("Set", Map.of("x-split", "3"))));
        assertThat(ConfigEntries.render(normalized(splitter(map("Weight", 100)))).get("Splits"))
                .isEqualTo(List.of(Map.of("Weight", 100L)));
    }

    @Test
    void splitter_relatedServices_areTheOtherSplitTargets() {
        assertThat(ConfigEntries.relatedServices(normalized(splitter(map("Weight", 50, "Service", "b"),
                map("Weight", 50, "ServiceSubset", "v1"))))).containsExactly("b");
    }

    static Stream<Arguments> invalidSplitters() {
        return Stream.of(
                Arguments.of(map("Kind", "service-splitter", "Splits", List.of(map("Weight", 100))),
                        "Name is required"),
                Arguments.of(map("Kind", "service-splitter", "Name", "web"), "no splits configured"),
                Arguments.of(splitter(map("Weight", 90), map("Weight", 9.9, "ServiceSubset", "v1")),
                        "the sum of all split weights must be 100, not 99.900002"),
                Arguments.of(splitter(map("Weight", 50, "ServiceSubset", "v1"), map("Weight", 50, "Service", "web",
                        "ServiceSubset", "v1")), "split destination occurs more than once: service=\"web\", "
                        + "subset=\"v1\", namespace=\"\", partition=\"\""));
    }

    @ParameterizedTest
    @MethodSource("invalidSplitters")
    void invalidSplitters_areRefusedWithConsulsWords(Map<String, Object> raw, String message) {
        assertThatThrownBy(() -> normalized(raw)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void router_upperCasesMethods_andWritesDestinationTimeoutsFirst() {
        ConfigEntry entry = normalized(router(route(map("path_prefix", "/admin", "methods", List.of("get", "Post"),
                        "header", List.of(map("name", "x-debug", "exact", "1")), "query_param",
                        List.of(map("name", "v", "present", true))),
                map("service", "admin", "prefix_rewrite", "/", "request_timeout", "15s", "num_retries", 5,
                        "retry_on_connect_failure", true, "retry_on_status_codes", List.of(401, 409),
                        "retry_on", List.of("5xx")))));

        @SuppressWarnings("unchecked")
        Map<String, Object> route = ((List<Map<String, Object>>) ConfigEntries.render(entry).get("Routes")).get(0);

        assertThat(route).isEqualTo(Map.of(
                "Match", Map.of("HTTP", Map.of("PathPrefix", "/admin", "Header", List.of(Map.of("Name", "x-debug",
                        "Exact", "1")), "QueryParam", List.of(Map.of("Name", "v", "Present", true)),
                        "Methods", List.of("GET", "POST"))),
                "Destination", Map.of("RequestTimeout", Duration.ofSeconds(15), "Service", "admin",
                        "PrefixRewrite", "/", "NumRetries", 5L, "RetryOnConnectFailure", true,
                        "RetryOn", List.of("5xx"), "RetryOnStatusCodes", List.of(401L, 409L))));
        @SuppressWarnings("unchecked")
        Map<String, Object> destination = (Map<String, Object>) route.get("Destination");
        assertThat(destination.keySet()).first().isEqualTo("RequestTimeout");
        assertThat(ConfigEntries.relatedServices(entry)).containsExactly("admin");
    }

    static Stream<Arguments> invalidRouters() {
        return Stream.of(
                Arguments.of(route(map("PathExact", "admin"), null),
                        "Route[0] PathExact doesn't start with '/': \"admin\""),
                Arguments.of(route(map("PathPrefix", "/a", "PathRegex", "/b.*"), null),
                        "Route[0] should only contain at most one of PathExact, PathPrefix, or PathRegex"),
                Arguments.of(route(map("Header", List.of(map("Exact", "1"))), null),
                        "Route[0] Header[0] missing required Name field"),
                Arguments.of(route(map("Header", List.of(map("Name", "x", "Exact", "1", "Prefix", "a"))), null),
                        "Route[0] Header[0] should only contain one of Present, Exact, Prefix, Suffix, or Regex"),
                Arguments.of(route(map("QueryParam", List.of(map("Name", "q"))), null),
                        "Route[0] QueryParam[0] should only contain one of Present, Exact, or Regex"),
                Arguments.of(route(map("Methods", List.of("FETCH")), null),
                        "Route[0] Methods contains an invalid method \"FETCH\""),
                Arguments.of(route(map("Methods", List.of("get", "GET")), null),
                        "Route[0] Methods contains \"GET\" more than once"),
                Arguments.of(route(map("PathRegex", "/a.*"), map("PrefixRewrite", "/")),
                        "Route[0] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix"),
                Arguments.of(route(null, map("RetryOn", List.of("sometimes"))),
                        "Route[0] contains an invalid retry condition: \"sometimes\""));
    }

    @ParameterizedTest
    @MethodSource("invalidRouters")
    void invalidRouters_areRefusedWithConsulsWords(Map<String, Object> route, String message) {
        assertThatThrownBy(() -> normalized(router(route))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void resolver_relatedServices_areRedirectAndFailoverTargetsButNotPeers() {
        assertThat(ConfigEntries.relatedServices(normalized(resolver("Failover", map("*", map("Targets", List.of(
                map("Service", "b"), map("Service", "c", "Peer", "p"), map("Datacenter", "dc2")))))))).containsExactly("b");
        assertThat(ConfigEntries.relatedServices(normalized(resolver("Redirect", map("Service", "a")))))
                .containsExactly("a");
    }
}
