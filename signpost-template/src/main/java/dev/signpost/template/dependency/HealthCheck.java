package dev.signpost.template.dependency;

import java.util.List;

import dev.signpost.template.lang.GoRecord;
import dev.signpost.template.lang.GoSlice;

import static java.util.Objects.requireNonNull;

/**
 * One health check of a service instance, as templates see Consul's {@code api.HealthCheck}
 * ({@code .Node .CheckID .Name .Status .Notes .Output .ServiceID .ServiceName .ServiceTags}). Immutable.
 */
public record HealthCheck(String node, String checkId, String name, String status, String notes, String output,
                          String serviceId, String serviceName, List<String> serviceTags)
        implements GoRecord<HealthCheck> {

    private static final Fields<HealthCheck> GO = Fields.<HealthCheck>struct("*api.HealthCheck")
            .field("Node", HealthCheck::node)
            .field("CheckID", HealthCheck::checkId)
            .field("Name", HealthCheck::name)
            .field("Status", HealthCheck::status)
            .field("Notes", HealthCheck::notes)
            .field("Output", HealthCheck::output)
            .field("ServiceID", HealthCheck::serviceId)
            .field("ServiceName", HealthCheck::serviceName)
            .field("ServiceTags", HealthCheck::serviceTags)
            .build();

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
    public Fields<HealthCheck> goFields() {
        return GO;
    }
}
