package dev.signpost.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.signpost.core.InvalidRequestException;

class ServiceIntentionsTest {

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static ConfigEntry entry(String name, Object... sources) {
        return ConfigEntries.decode(map("Kind", "service-intentions", "Name", name, "Sources", List.of(sources)),
                text -> Duration.ZERO);
    }

    private static ConfigEntry normalized(String name, Object... sources) {
        return ConfigEntries.normalized(entry(name, sources));
    }

    private static void refused(String message, String name, Object... sources) {
        assertThatThrownBy(() -> normalized(name, sources)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void sources_getTypeAndPrecedence_andAreSortedByIt() {
        ConfigEntry entry = normalized("db", map("Name", "*", "Action", "deny"),
                map("name", "web", "action", "allow", "Precedence", 1, "description", "web may"));

        Map<String, Object> json = ConfigEntries.render(entry.writtenAt(3, 4));
        assertThat(json.keySet()).containsExactly("Kind", "Name", "Sources", "CreateIndex", "ModifyIndex");
        assertThat(json.get("Sources")).isEqualTo(List.of(
                Map.of("Name", "web", "Action", "allow", "Precedence", 9L, "Type", "consul", "Description", "web may"),
                Map.of("Name", "*", "Action", "deny", "Precedence", 8L, "Type", "consul")));
    }

    @Test
    void precedence_isConsulsTable() {
        assertThat(ServiceIntentions.precedence("db", "web")).isEqualTo(9);
        assertThat(ServiceIntentions.precedence("db", "*")).isEqualTo(8);
        assertThat(ServiceIntentions.precedence("*", "web")).isEqualTo(6);
        assertThat(ServiceIntentions.precedence("*", "*")).isEqualTo(5);
    }

    @Test
    void l7Permissions_keepTheirMatch_withMethodsInUpperCase() {
        ConfigEntry entry = normalized("api", map("Name", "web", "Permissions", List.of(
                map("Action", "allow", "HTTP", map("path_prefix", "/v2", "Methods", List.of("get", "Post"),
                        "Header", List.of(map("Name", "x-env", "Exact", "prod")))))));

        Map<?, ?> source = (Map<?, ?>) ((List<?>) ConfigEntries.render(entry).get("Sources")).getFirst();
        assertThat(source.get("Permissions")).isEqualTo(List.of(Map.of("Action", "allow", "HTTP", Map.of(
                "PathPrefix", "/v2", "Header", List.of(Map.of("Name", "x-env", "Exact", "prod")),
                "Methods", List.of("GET", "POST")))));
        assertThat(source.containsKey("Action")).isFalse();
    }

    @Test
    void invalidEntries_areRefusedWithConsulsWords() {
        refused("Name is required", "", map("Name", "web", "Action", "allow"));
        refused("Name: wildcard character '*' cannot be used with partial values", "db*",
                map("Name", "web", "Action", "allow"));
        refused("At least one source is required", "db");
        refused("Sources[0].Name is required", "db", map("Action", "allow"));
        refused("Sources[0].Name: wildcard character '*' cannot be used with partial values", "db",
                map("Name", "w*", "Action", "allow"));
        refused("Sources[0].Action must be set to 'allow' or 'deny'", "db", map("Name", "web", "Action", "maybe"));
        refused("Sources[0].Action must be omitted if Permissions are specified", "db", map("Name", "web",
                "Action", "allow", "Permissions", List.of(map("Action", "allow", "HTTP", map("PathExact", "/")))));
        refused("Sources[0].Permissions cannot be specified on intentions with wildcarded destinations", "*",
                map("Name", "web", "Permissions", List.of(map("Action", "allow", "HTTP", map("PathExact", "/")))));
        refused("Sources[0].Type must be set to 'consul'", "db", map("Name", "web", "Action", "allow",
                "Type", "aws"));
        refused("Sources[1] defines \"web\" more than once", "db", map("Name", "web", "Action", "allow"),
                map("Name", "web", "Action", "deny"));
        refused("Sources[0].LegacyMeta must be omitted", "db", map("Name", "web", "Action", "allow",
                "LegacyMeta", map("a", "b")));
        refused("Sources[0].SamenessGroup: Sameness groups are a Consul Enterprise feature. ", "db",
                map("Name", "web", "Action", "allow", "SamenessGroup", "g"));
    }

    @Test
    void invalidPermissions_areRefusedWithConsulsWords() {
        String at = "Sources[0].Permissions[0]";
        refused(at + ".Action must be set to 'allow' or 'deny'", "db", map("Name", "web", "Permissions",
                List.of(map("HTTP", map("PathExact", "/")))));
        refused(at + ".HTTP is required", "db", map("Name", "web", "Permissions", List.of(map("Action", "deny"))));
        refused(at + ".HTTP.PathExact doesn't start with '/': \"x\"", "db", map("Name", "web", "Permissions",
                List.of(map("Action", "deny", "HTTP", map("PathExact", "x")))));
        refused(at + ".HTTP should only contain at most one of PathExact, PathPrefix, or PathRegex", "db",
                map("Name", "web", "Permissions", List.of(map("Action", "deny", "HTTP", map("PathExact", "/a",
                        "PathRegex", "b")))));
        refused(at + ".HTTP.Header[0] should only contain one of Present, Exact, Prefix, Suffix, or Regex", "db",
                map("Name", "web", "Permissions", List.of(map("Action", "deny", "HTTP", map("Header",
                        List.of(map("Name", "x", "Exact", "a", "Prefix", "b")))))));
        refused(at + ".HTTP.Methods contains an invalid method \"FETCH\"", "db", map("Name", "web", "Permissions",
                List.of(map("Action", "deny", "HTTP", map("Methods", List.of("fetch"))))));
        refused(at + ".HTTP.Methods contains \"GET\" more than once", "db", map("Name", "web", "Permissions",
                List.of(map("Action", "deny", "HTTP", map("Methods", List.of("GET", "get"))))));
        refused(at + ".HTTP should not be empty", "db", map("Name", "web", "Permissions",
                List.of(map("Action", "deny", "HTTP", map()))));
    }

    @Test
    void namespacesAndUnknownKeys_areRefusedAsConsulOssDecodes() {
        assertThatThrownBy(() -> entry("db", map("Name", "web", "Action", "allow", "Namespace", "ns1")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Request decoding failed: 1 error occurred:\n\t* invalid config key "
                        + "\"Sources[0].Namespace\", namespaces are a consul enterprise feature\n\n");
    }

    @Test
    void aLegacyWrite_keepsItsIdAndTimes_andNeedsThem() {
        ConfigEntry legacy = ConfigEntries.normalizedLegacy(entry("db", map("Name", "web", "Action", "allow",
                "LegacyID", "0d1b9c5a-0000-4000-8000-000000000001", "LegacyCreateTime", "2026-12-07T15:00:00Z",
                "LegacyUpdateTime", "2026-12-07T15:00:00Z")));
        Map<?, ?> source = (Map<?, ?>) ((List<?>) legacy.body().get("Sources")).getFirst();
        assertThat(source.get("LegacyID")).isEqualTo("0d1b9c5a-0000-4000-8000-000000000001");
        assertThat(source.get("LegacyMeta")).isEqualTo(Map.of());

        assertThatThrownBy(() -> ConfigEntries.normalizedLegacy(entry("db", map("Name", "web", "Action", "allow",
                "LegacyCreateTime", "t", "LegacyUpdateTime", "t")))).hasMessage("Sources[0].LegacyID must be set");
        ConfigEntry cleared = normalized("db", map("Name", "web", "Action", "allow", "LegacyID", "x"));
        assertThat(((Map<?, ?>) ((List<?>) cleared.body().get("Sources")).getFirst()).containsKey("LegacyID"))
                .isFalse();
    }
}
