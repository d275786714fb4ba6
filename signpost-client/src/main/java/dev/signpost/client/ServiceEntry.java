package dev.signpost.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/** One instance as {@code /v1/health/service/<name>} returns it: node, service and all checks that apply. */
public record ServiceEntry(
        @JsonProperty("Node") Node node,
        @JsonProperty("Service") NodeService service,
        @JsonProperty("Checks") List<HealthCheck> checks) {

    public ServiceEntry {
        requireNonNull(node, "node");
        requireNonNull(service, "service");
        checks = Wire.list(checks);
    }

    /**
     * The instance's overall status as the Go client aggregates it: maintenance, then critical, then warning, then
     * passing ({@code api/health.go AggregatedStatus}); passing when there are no checks.
     */
    public String aggregatedStatus() {
        boolean warning = false;
        boolean critical = false;
        for (HealthCheck check : checks) {
            if (check.checkId().equals("_node_maintenance") || check.checkId().startsWith("_service_maintenance:")) {
                return HealthCheck.MAINTENANCE;
            }
            switch (check.status()) {
                case HealthCheck.PASSING -> { }
                case HealthCheck.WARNING -> warning = true;
                case HealthCheck.CRITICAL -> critical = true;
                default -> { }
            }
        }
        return critical ? HealthCheck.CRITICAL : warning ? HealthCheck.WARNING : HealthCheck.PASSING;
    }
}
