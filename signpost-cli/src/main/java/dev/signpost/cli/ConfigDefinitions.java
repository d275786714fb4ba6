package dev.signpost.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.http.AgentDefinitions;
import dev.signpost.http.ApiException;
import dev.signpost.http.LocalAgent;

/**
 * The {@code services} and {@code checks} of config files, read as the agent API reads a registration. Config
 * files write keys in snake case ({@code enable_tag_override}, {@code docker_container_id}) or as the API does
 * ({@code EnableTagOverride}); Consul takes both, so each key is turned into the API's name first. The names
 * inside {@code meta}, {@code header} and {@code tagged_addresses} are the user's data and stay as written.
 */
final class ConfigDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ACRONYMS = Map.of("id", "ID", "http", "HTTP", "tcp", "TCP", "ttl", "TTL",
            "tls", "TLS", "udp", "UDP", "grpc", "GRPC", "h2ping", "H2PING", "os", "OS");
    private static final Set<String> DATA = Set.of("Meta", "Header", "TaggedAddresses", "Config");

    private ConfigDefinitions() {
    }

    static List<AgentDefinitions.Registration> services(ConfigFiles files) {
        return read(files, "services", AgentDefinitions::service);
    }

    /** The {@code services} of config files as agent API registration bodies, each checked as the agent would. */
    static List<ObjectNode> serviceBodies(ConfigFiles files) {
        services(files);
        return files.objects("services").stream().map(d -> (ObjectNode) apiNames(d)).toList();
    }

    static List<LocalAgent.CheckSpec> checks(ConfigFiles files) {
        return read(files, "checks", AgentDefinitions::check);
    }

    /** Each definition of a list read as the API reads it; a bad one names its place, e.g. {@code services[1]}. */
    private static <T> List<T> read(ConfigFiles files, String key, Function<byte[], T> reader) {
        List<JsonNode> defined = files.objects(key);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            try {
                out.add(reader.apply(apiJson(defined.get(i))));
            } catch (ApiException | InvalidRequestException e) {
                throw new Main.UsageException(key + "[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static byte[] apiJson(JsonNode definition) {
        if (!definition.isObject()) {
            throw new Main.UsageException("a service or check definition must be an object, not " + definition);
        }
        try {
            return JSON.writeValueAsBytes(apiNames(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode apiNames(JsonNode node) {
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(item -> out.add(apiNames(item)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = apiName(e.getKey());
            out.set(name, DATA.contains(name) ? e.getValue() : apiNames(e.getValue()));
        }
        return out;
    }

    /** {@code docker_container_id} is {@code DockerContainerID}; a name already in the API's case stays. */
    static String apiName(String key) {
        if (!key.contains("_") && !key.isEmpty() && Character.isUpperCase(key.charAt(0))) {
            return key;
        }
        StringBuilder out = new StringBuilder();
        for (String part : key.split("_")) {
            String lower = part.toLowerCase(Locale.ROOT);
            out.append(ACRONYMS.getOrDefault(lower,
                    lower.isEmpty() ? "" : Character.toUpperCase(lower.charAt(0)) + lower.substring(1)));
        }
        return out.toString();
    }
}
