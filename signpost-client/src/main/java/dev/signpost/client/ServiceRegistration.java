package dev.signpost.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/**
 * The body of {@code PUT /v1/agent/service/register}. One check is sent as {@code "Check"}, several as
 * {@code "Checks"}, none leaves both out; empty ID, address and collections are left out (Consul then defaults the
 * ID to the name and uses the node's address).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceRegistration(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("Port") int port,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonIgnore List<CheckDefinition> checks) {

    public ServiceRegistration {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("missing service name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port + " for service \"" + name + "\"");
        }
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
        checks = List.copyOf(checks);
    }

    /** A registration with ID, name, address and port only. */
    public static ServiceRegistration of(String id, String name, String address, int port) {
        return new ServiceRegistration(id, name, List.of(), address, port, Map.of(), false, List.of());
    }

    public ServiceRegistration withTags(List<String> newTags) {
        return new ServiceRegistration(id, name, newTags, address, port, meta, enableTagOverride, checks);
    }

    public ServiceRegistration withMeta(Map<String, String> newMeta) {
        return new ServiceRegistration(id, name, tags, address, port, newMeta, enableTagOverride, checks);
    }

    public ServiceRegistration withChecks(List<CheckDefinition> newChecks) {
        return new ServiceRegistration(id, name, tags, address, port, meta, enableTagOverride, newChecks);
    }

    @JsonProperty("Check")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    CheckDefinition jsonCheck() {
        return checks.size() == 1 ? checks.get(0) : null;
    }

    @JsonProperty("Checks")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    List<CheckDefinition> jsonChecks() {
        return checks.size() > 1 ? checks : null;
    }
}
