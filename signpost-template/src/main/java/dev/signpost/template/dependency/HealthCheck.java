package dev.signpost.template.dependency;

import java.util.List;

import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.GoStruct;

import static java.util.Objects.requireNonNull;

/**
 * One health check of a service instance, as templates see Consul's {@code api.HealthCheck}
 * ({@code .Node .CheckID .Name .Status .Notes .Output .ServiceID .ServiceName .ServiceTags}). Immutable.
 */
public record HealthCheck(String node, String checkId, String name, String status, String notes, String output,
                          String serviceId, String serviceName, List<String> serviceTags) implements GoStruct {

    private static final List<String> FIELDS = List.of("Node", "CheckID", "Name", "Status", "Notes", "Output",
            "ServiceID", "ServiceName", "ServiceTags");

    public HealthCheck {
        requireNonNull(node, "node");
        requireNonNull(checkId, "checkId");
        requireNonNull(name, "name");
        requireNonNull(status, "status");
        requireNonNull(notes, "notes");
        requireNonNull(output, "output");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(serviceName, "serviceName");
        serviceTags = GoSlice.ofStrings(serviceTags);
    }

    @Override
    public String goTypeName() {
        return "*api.HealthCheck";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String field) {
        return switch (field) {
            case "Node" -> node;
            case "CheckID" -> checkId;
            case "Name" -> name;
            case "Status" -> status;
            case "Notes" -> notes;
            case "Output" -> output;
            case "ServiceID" -> serviceId;
            case "ServiceName" -> serviceName;
            case "ServiceTags" -> serviceTags;
            default -> NO_FIELD;
        };
    }
}
